/**
 * What a list row needs that arXiv does not state directly: the venue (from the journal reference
 * or the comment: "Accepted to CVPR 2026" → `CVPR 2026`, else `arXiv <year>`) and a code link
 * (from the comment or abstract: a GitHub/GitLab/Hugging Face/project URL).
 */

const VENUES = [
  'CVPR', 'ICCV', 'ECCV', 'NeurIPS', 'ICLR', 'ICML', 'AAAI', 'IJCAI', 'ACL', 'EMNLP', 'NAACL', 'COLING', 'EACL',
  'TPAMI', 'IJCV', 'TIP', 'TMM', 'TCSVT', 'TMLR', 'JMLR', 'WACV', 'BMVC', 'ACCV', 'MICCAI', 'ACM MM', 'ACMMM', 'KDD', 'WWW',
  'SIGGRAPH', 'SIGGRAPH Asia', 'CoRL', 'ICRA', 'IROS', 'RSS', '3DV', 'ICASSP', 'ICME', 'ICIP', 'ICMR', 'Pattern Recognition',
];
// Longest names first so `SIGGRAPH Asia` wins over `SIGGRAPH`; NIPS is NeurIPS's old name.
const VENUE_RE = new RegExp(
  `\\b(${[...VENUES, 'NIPS'].sort((a, b) => b.length - a.length).map((v) => v.replace(/ /g, '\\s+')).join('|')})\\b(?:\\s*(?:\\d{4}\\s*)?(?:'|’)?\\s*((?:19|20)\\d{2}|\\d{2}))?`,
);

/** `2604.01234` → 2026 (the year arXiv announced it); old-style ids → undefined. */
export function yearOfArxivId(id: string): number | undefined {
  const m = /^(\d{2})(\d{2})\.\d{4,5}$/.exec(id);
  return m ? 2000 + Number(m[1]) : undefined;
}

/** The venue a row shows: a known venue named in the journal reference or comment, else `arXiv <year>`. */
export function venueFor(paper: { arxivId: string; journalRef?: string; comment?: string }, now = new Date()): string {
  const fallbackYear = yearOfArxivId(paper.arxivId) ?? now.getUTCFullYear();
  for (const text of [paper.journalRef, paper.comment]) {
    if (!text) continue;
    const m = VENUE_RE.exec(text);
    if (!m) continue;
    const name = m[1]!.replace(/\s+/g, ' ').replace(/^NIPS$/, 'NeurIPS').replace(/^ACMMM$/, 'ACM MM');
    // A journal reference puts the year anywhere (`IEEE TPAMI, vol. 47, 2025`).
    const anyYear = /\b((?:19|20)\d{2})\b/.exec(text)?.[1];
    const y = m[2] ? (m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2])) : anyYear ? Number(anyYear) : fallbackYear;
    return `${name} ${y}`;
  }
  return `arXiv ${fallbackYear}`;
}

const URL_RE = /https?:\/\/[^\s<>"')\]}]+/g;
const CODE_HOSTS = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co|bitbucket\.org|codeberg\.org)\//i;

/** The first code URL in the comment or abstract (GitHub etc. first, then a URL called code/project). */
export function codeLinkFor(paper: { abstract?: string; comment?: string }): string | undefined {
  const texts = [paper.comment ?? '', paper.abstract ?? ''];
  const urls = texts.flatMap((t) => [...t.matchAll(URL_RE)].map((m) => ({ url: trimUrl(m[0]), before: t.slice(Math.max(0, m.index! - 40), m.index) })));
  const hosted = urls.find((u) => CODE_HOSTS.test(u.url) && !/arxiv\.org/i.test(u.url));
  if (hosted) return hosted.url;
  return urls.find((u) => /code|project|page|available|release/i.test(u.before) && !/arxiv\.org|doi\.org/i.test(u.url))?.url;
}

function trimUrl(url: string): string {
  // Sentences end with a period or comma right after the URL; that is not part of it.
  return url.replace(/[.,;:!?]+$/, '');
}

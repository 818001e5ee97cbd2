/**
 * arXiv identifier rules. Everything in the bot is keyed on the *versionless* id
 * (`2401.01234v3` → `2401.01234`): a new version of a paper is not a new paper.
 */

// New-style ids (0704.0001 onwards: YYMM.NNNN or YYMM.NNNNN) and old-style (`hep-ex/0601001`).
const NEW_ID = /(\d{4}\.\d{4,5})(v\d+)?/;
const OLD_ID = /([a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(v\d+)?/;
const ARXIV_URL = /arxiv\.org\/(?:abs|pdf|html|format)\/([^\s?#)]+)/i;

export interface ArxivIdParts {
  id: string;
  version?: number;
}

/** Parses a bare id (`2109.01134v2`, `arXiv:2109.01134`, `hep-ex/0601001`). Undefined when it is not one. */
export function parseArxivId(text: string): ArxivIdParts | undefined {
  const t = text.trim().replace(/^arxiv:\s*/i, '').replace(/\.pdf$/i, '');
  const m = new RegExp(`^(?:${NEW_ID.source}|${OLD_ID.source})$`).exec(t);
  if (!m) return undefined;
  const id = m[1] ?? m[3]!;
  const v = m[2] ?? m[4];
  return v ? { id, version: Number(v.slice(1)) } : { id };
}

/** The versionless id of an arXiv abs/pdf/html link (with or without `vN` and `.pdf`), else undefined. */
export function arxivIdFromUrl(url: string): string | undefined {
  const m = ARXIV_URL.exec(url);
  if (!m) return undefined;
  return parseArxivId(m[1]!.replace(/\/$/, ''))?.id;
}

/** Accepts either a bare id or an arXiv URL. */
export function arxivIdFromText(text: string): string | undefined {
  return parseArxivId(text)?.id ?? arxivIdFromUrl(text);
}

/** The canonical abstract-page URL for an id. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

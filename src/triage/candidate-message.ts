/** How a candidate paper is shown on a News channel (the digest, `/vlm suggest`, outcome edits). */
import { VOTE_EMOJI } from '../core/publisher.js';
import { type Reply, type ReplyField, scoreLabel } from '../core/reply.js';
import type { CandidateRecord } from './store.js';

/** The keycaps that number suggested sections; the same emoji are the pick1…pick3 votes. */
export const SECTION_MARKS = [VOTE_EMOJI.pick1.unicode, VOTE_EMOJI.pick2.unicode, VOTE_EMOJI.pick3.unicode];
const MAX_AUTHORS = 6;
const MAX_REASONS = 5;

/**
 * One candidate: title, authors, link, score, the suggested sections numbered as the pick
 * reactions, and why it was picked. Every text is the paper's own plain text; renderers escape it.
 */
export function candidateReply(c: CandidateRecord): Reply {
  const fields: ReplyField[] = [
    { name: 'Score', value: scoreLabel(c.score), inline: true },
    { name: 'arXiv', value: c.arxivId, inline: true },
    { name: 'Candidate', value: `#${c.id}`, inline: true },
  ];
  if (c.sections.length) {
    fields.push({ name: 'Suggested section', value: c.sections.slice(0, SECTION_MARKS.length).map((s, i) => `${SECTION_MARKS[i]} ${s.path.join(' › ')}`).join('\n') });
  }
  if (c.reasons.length) fields.push({ name: 'Why', value: c.reasons.slice(0, MAX_REASONS).join('\n') });
  const authors = c.authors.length > MAX_AUTHORS ? `${c.authors.slice(0, MAX_AUTHORS).join(', ')} et al. (${c.authors.length} authors)` : c.authors.join(', ');
  return {
    title: c.title,
    ...(authors && { text: authors }),
    fields,
    links: [
      { label: 'arXiv', url: c.link },
      { label: 'PDF', url: c.link.replace('/abs/', '/pdf/') },
    ],
  };
}

import { foldText } from '../core/query-text.js';

/** Words too common in paper titles to help a search; dropped at index and query time. */
const STOP_WORDS = new Set(
  'a an and are as at be by for from in into is it of on or the to via with without towards toward using we our its this that'.split(' '),
);

const PLAIN = /^[A-Za-z0-9]+$/;
const PLAIN_WORDS = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;
const CHUNKS = /[\s,;:!?()[\]{}"'“”‘’/|<>]+/;

/** One word as written: a hyphenated/dotted compound keeps its whole form beside its parts. */
export interface Word {
  /** `RA-CLIP` (edge punctuation trimmed); for a plain word, the word itself. */
  whole: string;
  /** `RA`, `CLIP`; `[whole]` for a plain word. */
  parts: string[];
}

/** The words of a text, split on anything that is not a letter or digit, compounds kept whole. */
export function words(text: string): Word[] {
  // Most queries are plain ASCII words, one space apart (normaliseQuery collapses spaces).
  if (PLAIN_WORDS.test(text)) return text.split(' ').map((w) => ({ whole: w, parts: [w] }));
  const out: Word[] = [];
  for (const chunk of text.split(CHUNKS)) {
    if (!chunk) continue;
    // Most words are plain ASCII letters and digits: no compound to keep, no Unicode split needed.
    if (PLAIN.test(chunk)) {
      out.push({ whole: chunk, parts: [chunk] });
      continue;
    }
    const parts = chunk.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (parts.length > 1) out.push({ whole: chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''), parts });
    else if (parts.length === 1) out.push({ whole: parts[0]!, parts });
  }
  return out;
}

/**
 * Index tokens: every word, and for a compound also its whole form (`RA-CLIP` → `RA-CLIP`, `RA`,
 * `CLIP`) so an acronym typed exactly matches exactly.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.parts.length > 1) out.push(w.whole);
    out.push(...w.parts);
  }
  return out;
}

/** Lower-cases and folds accents; drops stop words. */
export function processTerm(term: string): string | null {
  const t = foldText(term);
  return STOP_WORDS.has(t) ? null : t;
}

import { foldText } from './query-text.js';

/** Words too common in paper titles to help a search; dropped at index and query time. */
const STOP_WORDS = new Set(
  'a an and are as at be by for from in into is it of on or the to via with without towards toward using we our its this that'.split(' '),
);

const PLAIN = /^[A-Za-z0-9]+$/;

/**
 * Splits on anything that is not a letter or digit, but also keeps hyphenated/dotted compounds
 * whole (`RA-CLIP` → `ra-clip`, `ra`, `clip`) so an acronym typed exactly matches exactly.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const chunk of text.split(/[\s,;:!?()[\]{}"'“”‘’/|<>]+/)) {
    if (!chunk) continue;
    // Most words are plain ASCII letters and digits: no compound to keep, no Unicode split needed.
    if (PLAIN.test(chunk)) {
      out.push(chunk);
      continue;
    }
    const parts = chunk.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (parts.length > 1) {
      const whole = chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (whole) out.push(whole);
    }
    out.push(...parts);
  }
  return out;
}

/** Lower-cases and folds accents; drops stop words. */
export function processTerm(term: string): string | null {
  const t = foldText(term);
  return STOP_WORDS.has(t) ? null : t;
}

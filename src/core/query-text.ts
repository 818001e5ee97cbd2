import { UserError } from './errors.js';

/** Longest query accepted; longer input is refused before it reaches the index (no slow scans). */
export const MAX_QUERY_LENGTH = 200;

// Zero-width characters, bidi controls and other invisible format characters that can hide text.
// Combining ones (U+034F, variation selectors) are in the class on purpose: each is removed on its own.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * Normalises untrusted query text: NFKC (full-width `ＣＬＩＰ` → `CLIP`), invisible and control
 * characters removed, whitespace collapsed. Throws a UserError when the result is too long.
 */
export function normaliseQuery(input: string): string {
  const text = input.normalize('NFKC').replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (text.length > MAX_QUERY_LENGTH) {
    throw new UserError('query-too-long', `That query is ${text.length} characters long; the limit is ${MAX_QUERY_LENGTH}. Try a few key words.`);
  }
  return text;
}

/** Lower-case, accent-free folding used for titles and section names (dedupe keys, filters). */
export function foldText(text: string): string {
  // Most text is ASCII: skip the Unicode decomposition (the costly part of indexing) when it is.
  // eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** A key that is equal for the same title written with different punctuation or case. */
export function titleKey(title: string): string {
  return foldText(title).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

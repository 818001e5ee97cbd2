import type { SearchOptions } from 'minisearch';
import { processTerm, words } from './tokenize.js';
import type { Vocabulary } from './vocabulary.js';

/** The last word (the one still being typed) also matches as a prefix, from 3 characters. */
export const PREFIX_MIN = 3;
/** Typos are forgiven only in words of 5+ characters: one edit per 5 characters, at most 2. */
export const FUZZY_MIN = 5;
export const FUZZINESS = 0.2;
export const MAX_FUZZY = 2;

/** One term of a MiniSearch query and how it may match besides exactly. */
export interface TermSpec {
  term: string;
  prefix: boolean;
  fuzzy: boolean;
}

/** One MiniSearch query: all terms must match (AND) or any (OR). */
export interface Pass {
  combineWith: 'AND' | 'OR';
  terms: TermSpec[];
}

/** A query word folded like the index folds it: compound whole and parts, stop words dropped. */
export interface QueryWord {
  whole: string;
  parts: string[];
}

export function queryWords(query: string): QueryWord[] {
  const out: QueryWord[] = [];
  for (const w of words(query)) {
    const parts = w.parts.map(processTerm).filter((p): p is string => Boolean(p));
    if (!parts.length) continue;
    // A compound has punctuation inside, so it is never a stop word.
    out.push({ whole: w.parts.length > 1 ? processTerm(w.whole)! : parts[0]!, parts });
  }
  return out;
}

/**
 * What `SearchIndex.search` runs, in order; the caller stops at the first pass that finds
 * something, so later passes are only planned when needed:
 *
 * 1. every word as typed (AND); a compound the index has (`RA-CLIP`) as one term, else its parts;
 *    typo tolerance only for words the index does not have (a word it has is not a typo);
 * 2. every word loosened (AND): compounds as parts, typo tolerance for every long word — only
 *    when that differs from pass 1;
 * 3. any word (OR), with typo tolerance for the words the index does not have.
 *
 * The vocabulary decides before searching, so a pass that cannot match (in an AND, a short word
 * the index has neither exactly nor as a prefix) is never run, and no correctly spelled word is
 * fuzzy-matched against the whole index on the first pass.
 */
export function* searchPasses(query: readonly QueryWord[], vocab: Vocabulary): Generator<Pass, void> {
  const last = query.length - 1;
  const typed: TermSpec[] = [];
  let typedCanMatch = true;
  let typedWhole = false;
  for (let i = 0; i <= last; i++) {
    const w = query[i]!;
    const isLast = i === last;
    if (w.parts.length > 1) {
      // (A plain word's whole is its one part: `partOf` below looks it up.)
      const prefix = isLast && w.whole.length >= PREFIX_MIN && vocab.extends(w.whole);
      if (prefix || vocab.has(w.whole)) {
        typed.push({ term: w.whole, prefix, fuzzy: false });
        typedWhole = true;
        continue;
      }
    }
    for (let j = 0; j < w.parts.length; j++) {
      const p = partOf(w.parts[j]!, isLast && j === w.parts.length - 1, vocab);
      typed.push(spec(p, false));
      typedCanMatch &&= canMatch(p, false);
    }
  }
  if (typedCanMatch && typed.length) yield { combineWith: 'AND', terms: typed };

  // Pass 1 found nothing (or could not match).
  const parts = query.flatMap((w, i) => w.parts.map((t, j) => partOf(t, i === last && j === w.parts.length - 1, vocab)));
  const loosenedDiffers = typedWhole || parts.some((p) => p.long && (p.known || p.prefix));
  if (loosenedDiffers && parts.every((p) => canMatch(p, true))) yield { combineWith: 'AND', terms: parts.map((p) => spec(p, true)) };

  const any = parts.filter((p) => canMatch(p, false)).map((p) => spec(p, false));
  const sameAsTyped = typedCanMatch && any.length === 1 && typed.length === 1 && sameTerm(any[0]!, typed[0]!);
  if (any.length && !sameAsTyped) yield { combineWith: 'OR', terms: any };
}

/**
 * What `SearchIndex.complete` runs (every word as a prefix, however short: the user is still
 * typing), or undefined when some word starts no indexed term, so nothing can match.
 */
export function completionTerms(query: readonly QueryWord[], vocab: Vocabulary): TermSpec[] | undefined {
  const terms = query.flatMap((w) => (w.parts.length > 1 && vocab.hasPrefix(w.whole) ? [w.whole] : w.parts));
  if (!terms.length || !terms.every((t) => vocab.hasPrefix(t))) return undefined;
  return terms.map((term) => ({ term, prefix: true, fuzzy: false }));
}

/**
 * The terms of an AND that bound which entries it can return, when there is anything to bound:
 * MiniSearch scores every posting of every term (a prefix like `lang` visits every entry that says
 * `language`) before it intersects, so `SearchIndex` first finds the entries that hold all of these
 * (from the vocabulary, see `entriesWithAll`) and lets MiniSearch skip every other entry unscored.
 * A typo-tolerant term bounds nothing (its matches are known only after MiniSearch's walk); a single
 * term has nothing to intersect with.
 */
export function boundingTerms(pass: Pass): TermSpec[] | undefined {
  if (pass.combineWith !== 'AND' || pass.terms.length < 2) return undefined;
  const exact = pass.terms.filter((t) => !t.fuzzy);
  return exact.length ? exact : undefined;
}

/**
 * MiniSearch options for a pass, passed only when they matter: MiniSearch copies its options for
 * every term, which at a few hundred entries is a good part of a query's cost.
 */
export function passOptions({ combineWith, terms }: Pass): SearchOptions {
  const options: SearchOptions = { combineWith };
  const prefixed = terms.filter((t) => t.prefix).length;
  if (prefixed) options.prefix = prefixed === terms.length || ((_t, i) => terms[i]!.prefix);
  if (terms.some((t) => t.fuzzy)) {
    options.fuzzy = (_t, i) => (terms[i]!.fuzzy ? FUZZINESS : false);
    options.maxFuzzy = MAX_FUZZY;
  }
  return options;
}

/** What the vocabulary says about one query term, looked up once. */
interface Part {
  term: string;
  known: boolean;
  /** The last word, 3+ characters, and some other indexed term starts with it. */
  prefix: boolean;
  /** Long enough for typo tolerance. */
  long: boolean;
}

function partOf(term: string, isLast: boolean, vocab: Vocabulary): Part {
  const known = vocab.has(term);
  // A prefix search is only asked for when it would add a match (most acronyms start no other term).
  return { term, known, prefix: isLast && term.length >= PREFIX_MIN && vocab.extends(term), long: term.length >= FUZZY_MIN };
}

const spec = (p: Part, fuzzyKnown: boolean): TermSpec => ({ term: p.term, prefix: p.prefix, fuzzy: p.long && (fuzzyKnown || (!p.known && !p.prefix)) });

/** False only when the term surely matches nothing: not indexed, no prefix match, no typo tolerance. */
const canMatch = (p: Part, fuzzyKnown: boolean) => p.known || p.prefix || spec(p, fuzzyKnown).fuzzy;

const sameTerm = (a: TermSpec, b: TermSpec) => a.term === b.term && a.prefix === b.prefix && a.fuzzy === b.fuzzy;

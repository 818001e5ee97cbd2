/**
 * Text → terms for relevance scoring: lower-cased word unigrams and bigrams with a light plural
 * stemmer, English stop words removed. A document remembers how its words were written, so an
 * explanation can say "matches: CLIP, open-vocabulary" in the paper's own spelling.
 */

const STOP_WORDS = new Set(
  (
    'a about above across after again against all almost also although am among an and any are as at ' +
    'be because been before being below between both but by can could did do does doing done down during ' +
    'each either else enough etc even ever every few for from further had has have having he her here hers ' +
    'him his how however i if in into is it its itself just least less let like made make makes many may me ' +
    'might more most much must my neither no nor not now of off often on once one only onto or other others ' +
    'our ours out over own per rather same several she should since so some such than that the their theirs ' +
    'them then there therefore these they this those though through thus to too toward towards under until ' +
    'up upon us very via was we were what when where whether which while who whom whose why will with ' +
    'within without would yet you your paper propose proposed propose present presents show shows shown ' +
    'based approach method methods novel new existing recent recently first well achieve achieves achieving ' +
    'demonstrate demonstrates using use used work works study results result experiments extensive ' +
    'significantly significant state art further furthermore moreover specifically particular code available ' +
    'https github com'
  ).split(/\s+/),
);

/** Title words count this many times as much as abstract words: a title states what a paper is about. */
export const TITLE_WEIGHT = 2;

export interface TextDoc {
  title: string;
  abstract?: string;
}

/** Term frequencies of one document, its words in order, and enough to quote a term as written. */
export interface DocTerms {
  tf: Map<string, number>;
  /** Unigram → the word as it first appeared ("VLMs" for `vlm`). */
  surface: Map<string, string>;
  /** Bigrams written with a hyphen ("open-vocabulary"). */
  hyphenated: Set<string>;
  /** The stemmed words in order, title first (for keyword phrases). */
  words: string[];
}

/** How a term appeared in the document: `open vocabulary` → "Open-Vocabulary". */
export function surfaceOf(terms: DocTerms, term: string): string {
  const parts = term.split(' ');
  const written = parts.map((p) => terms.surface.get(p) ?? p);
  return written.join(terms.hyphenated.has(term) ? '-' : ' ');
}

// A word, or (no group) punctuation that ends a clause: bigrams never cross a clause break.
// Hyphens and slashes join words in writing ("open-vocabulary") but split them into tokens.
const WORD_OR_BREAK = /([A-Za-z][A-Za-z0-9]*(?:['’][a-z]+)?|\d+[A-Za-z][A-Za-z0-9]*)|[.,;:!?()[\]{}"“”]/g;

/** Light stemming: enough to merge plurals ("models", "VLMs", "queries") without mangling acronyms. */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

// Words repeat across papers; remembering their stems makes tokenising a day's feed cheap.
const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string | null>();

/** The stem of a word, or null for a stop word or a one-letter word. */
export function termOf(word: string): string | null {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stemmed = stem(word);
  const term = stemmed.length < 2 || STOP_WORDS.has(stemmed) || STOP_WORDS.has(word.toLowerCase()) ? null : stemmed;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, term);
  return term;
}

function addTerms(text: string, weight: number, into: DocTerms): void {
  const { tf, surface, hyphenated, words } = into;
  let previous: string | null = null;
  let previousEnd = -1;
  for (const m of text.matchAll(WORD_OR_BREAK)) {
    const word = m[1];
    if (word === undefined) {
      previous = null;
      continue;
    }
    const term = termOf(word);
    if (term === null) continue;
    words.push(term);
    tf.set(term, (tf.get(term) ?? 0) + weight);
    if (!surface.has(term)) surface.set(term, word);
    if (previous !== null) {
      const bigram = `${previous} ${term}`;
      tf.set(bigram, (tf.get(bigram) ?? 0) + weight);
      if (m.index === previousEnd + 1 && text.charCodeAt(previousEnd) === HYPHEN) hyphenated.add(bigram);
    }
    previous = term;
    previousEnd = m.index + word.length;
  }
}

const HYPHEN = '-'.charCodeAt(0);

/** Unigram and bigram frequencies of a title (weighted by {@link TITLE_WEIGHT}) and abstract. */
export function docTerms(doc: TextDoc): DocTerms {
  const terms: DocTerms = { tf: new Map(), surface: new Map(), hyphenated: new Set(), words: [] };
  addTerms(doc.title, TITLE_WEIGHT, terms);
  if (doc.abstract) addTerms(doc.abstract, 1, terms);
  return terms;
}

/** Stemmed, stop-word-free words of a text, in order (for phrase matching of keywords). */
export function stemSequence(text: string): string[] {
  return docTerms({ title: text }).words;
}

/**
 * Text → terms for relevance scoring: lower-cased word unigrams and bigrams with a light plural
 * stemmer, English stop words removed. Every term remembers how it first appeared in the text, so
 * an explanation can say "matches: CLIP, open-vocabulary" in the paper's own spelling.
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

/** Term frequencies of one document plus the surface form each term first had. */
export interface DocTerms {
  tf: Map<string, number>;
  surface: Map<string, string>;
}

interface Token {
  stem: string;
  surface: string;
}

// Hyphens and slashes join words in the surface form ("open-vocabulary") but split them into tokens.
const WORD = /[A-Za-z][A-Za-z0-9]*(?:['’][a-z]+)?|\d+[A-Za-z][A-Za-z0-9]*/g;
const CLAUSE_BREAK = /[.,;:!?()[\]{}"“”]/;

/** Light stemming: enough to merge plurals ("models", "VLMs", "queries") without mangling acronyms. */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

/** Splits text into clauses of stemmed, stop-word-free tokens; bigrams never cross a clause break. */
function clauses(text: string): Token[][] {
  const out: Token[][] = [];
  for (const clause of text.split(CLAUSE_BREAK)) {
    const tokens: Token[] = [];
    for (const m of clause.matchAll(WORD)) {
      const s = stem(m[0]);
      if (s.length < 2 || STOP_WORDS.has(s) || STOP_WORDS.has(m[0].toLowerCase())) continue;
      tokens.push({ stem: s, surface: m[0] });
    }
    if (tokens.length > 0) out.push(tokens);
  }
  return out;
}

function addTerms(text: string, weight: number, into: DocTerms): void {
  const add = (term: string, surface: string): void => {
    into.tf.set(term, (into.tf.get(term) ?? 0) + weight);
    if (!into.surface.has(term)) into.surface.set(term, surface);
  };
  for (const tokens of clauses(text)) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      add(t.stem, t.surface);
      const next = tokens[i + 1];
      if (next) add(`${t.stem} ${next.stem}`, `${t.surface} ${next.surface}`);
    }
  }
}

/** Unigram and bigram frequencies of a title (weighted by {@link TITLE_WEIGHT}) and abstract. */
export function docTerms(doc: TextDoc): DocTerms {
  const terms: DocTerms = { tf: new Map(), surface: new Map() };
  addTerms(doc.title, TITLE_WEIGHT, terms);
  if (doc.abstract) addTerms(doc.abstract, 1, terms);
  return terms;
}

/** Stemmed terms of a short phrase (a keyword or a heading), in order, unigrams only. */
export function phraseStems(phrase: string): string[] {
  return clauses(phrase).flat().map((t) => t.stem);
}

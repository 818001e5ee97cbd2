import type { Entry } from '../../src/core/list.js';
import { rng } from './synthetic.js';

/** What a query is made of; the bench reports each class on its own row. */
export type QueryClass = 'word' | 'acronym' | 'phrase' | 'prefix' | 'typo';
export const QUERY_CLASSES: readonly QueryClass[] = ['word', 'acronym', 'phrase', 'prefix', 'typo'];

export interface BenchQuery {
  cls: QueryClass;
  text: string;
}

// Words a person would not type as a search on their own (they still appear inside phrases).
const FILLER = new Set('a an and are as at be by for from in into is it of on or the to via with without towards toward using we our its this that can do does how what when where which who why all any more most not only than then there these those very'.split(' '));

const words = (title: string) => title.split(/[\s:;,()[\]"“”]+/).filter((w) => /\p{L}/u.test(w));
const searchable = (w: string) => w.length >= 3 && !FILLER.has(w.toLowerCase());

/** One edit a typist makes: a letter dropped, doubled, swapped with the next, or replaced by a neighbour. */
function misspell(word: string, r: () => number): string {
  const i = 1 + Math.floor(r() * (word.length - 2)); // keep the first letter, as people mostly do
  const c = word[i]!;
  switch (Math.floor(r() * 4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + c + word.slice(i);
    case 2:
      return word.slice(0, i) + word[i + 1]! + c + word.slice(i + 2);
    default: {
      const next = String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 1) % 26) + 97);
      return word.slice(0, i) + (/[a-z]/i.test(c) ? next : 'e') + word.slice(i + 1);
    }
  }
}

/**
 * `n` queries drawn from the titles and acronyms of `entries`, as people type them into `search`:
 * single title words, acronyms exactly as listed (`CLIP`, `RA-CLIP`), 2–4 consecutive title words,
 * 1–3 consecutive title words with the last one cut to a prefix of 3+ letters (still typing), and a
 * title word (half of them) or 2–3 words with one typo in a word of 5+ letters. Span lengths are
 * uniform over their range. Deterministic for a given list and seed; the classes come in turn so
 * any prefix of the result is balanced.
 */
export function generateQueries(entries: readonly Entry[], n = 1000, seed = 7): BenchQuery[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const titled = entries.filter((e) => words(e.title).some(searchable));
  const acronyms = [...new Set(entries.map((e) => e.acronym).filter((a): a is string => Boolean(a)))];
  if (!titled.length) throw new Error('bench queries: the list has no titles to draw queries from');
  // Lower-case some, as many people type.
  const casing = (q: string) => (r() < 0.5 ? q.toLowerCase() : q);
  // `len` consecutive title words, at least two of them (or the one) worth searching for. The
  // length is drawn once, before the title: redrawing it on every retry would favour short spans.
  const span = (len: number, ok: (ws: string[]) => boolean = () => true): string[] => {
    for (;;) {
      const ws = words(pick(titled).title);
      if (ws.length < len) continue;
      const start = Math.floor(r() * (ws.length - len + 1));
      const s = ws.slice(start, start + len);
      if (s.filter(searchable).length >= Math.min(2, len) && ok(s)) return s;
    }
  };
  const length = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
  const make: Record<QueryClass, () => string> = {
    word: () => casing(pick(words(pick(titled).title).filter(searchable))),
    acronym: () => (acronyms.length ? pick(acronyms) : pick(words(pick(titled).title).filter(searchable))),
    phrase: () => casing(span(length(2, 4)).join(' ')),
    prefix: () => {
      const s = span(length(1, 3), (ws) => ws[ws.length - 1]!.length >= 5 && searchable(ws[ws.length - 1]!));
      const last = s[s.length - 1]!;
      const cut = 3 + Math.floor(r() * (last.length - 3)); // 3 .. length-1 letters
      return casing([...s.slice(0, -1), last.slice(0, cut)].join(' '));
    },
    typo: () => {
      const long = (w: string) => w.length >= 5 && /^[\p{L}-]+$/u.test(w);
      const s = span(r() < 0.5 ? 1 : length(2, 3), (ws) => ws.some(long));
      const i = pick(s.map((w, k) => (long(w) ? k : -1)).filter((k) => k >= 0));
      s[i] = misspell(s[i]!, r);
      return casing(s.join(' '));
    },
  };
  return Array.from({ length: n }, (_, i) => {
    const cls = QUERY_CLASSES[i % QUERY_CLASSES.length]!;
    return { cls, text: make[cls]().slice(0, 200) };
  });
}

/**
 * What people type into an autocomplete box: the start of a title or an acronym, cut after 1–4
 * words with the last one partly typed (1+ letters), as Discord sends it on each keystroke.
 */
export function generatePartials(entries: readonly Entry[], n = 500, seed = 11): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const e = pick(entries);
    const base = e.acronym && r() < 0.3 ? e.acronym : e.title;
    const ws = base.split(/\s+/).filter(Boolean);
    const k = 1 + Math.floor(r() * Math.min(4, ws.length));
    const last = ws[k - 1]!;
    const cut = 1 + Math.floor(r() * last.length);
    const text = [...ws.slice(0, k - 1), last.slice(0, cut)].join(' ');
    return (r() < 0.5 ? text.toLowerCase() : text).slice(0, 100);
  });
}

/**
 * One pass over a paper's text that gives everything scoring needs: its TF-IDF vector over the
 * model's vocabulary, how often each phrase group (rubric signals, keyword rules) occurs in the
 * title and in the abstract, and — for the explanation — how each term was written.
 *
 * The same terms as `docTerms` + `TfIdfSpace.vectorise` (text-features.ts, tfidf.ts), bit for bit,
 * but compiled: words become integer ids once per distinct spelling (a cache), unigrams and bigrams
 * are looked up by id, term frequencies accumulate in a reused typed array, and nothing is allocated
 * per word. The tests check the two paths agree on every labelled paper.
 *
 * An analyser keeps scratch buffers between calls: it is cheap to reuse and not re-entrant. What a
 * call returns is the caller's (fresh arrays); {@link PaperAnalyser.surfaceOf} describes the paper
 * analysed last.
 */
import { termOf, TITLE_WEIGHT, type TextDoc } from './text-features.js';
import type { SparseVector } from './sparse-vector.js';

/** What one pass found in a paper. */
export interface PaperAnalysis {
  vector: SparseVector;
  /** Occurrences of each phrase group in the title / the abstract, in the order the groups were given. */
  titleHits: Int32Array;
  abstractHits: Int32Array;
  /** For each group, which of its phrases occurred first (title first), or -1. */
  firstPhrase: Int32Array;
}

const STOP = -2;
const UNKNOWN = -1;
/** A phrase word starting with this matches that exact spelling only (`=CLIP`: not "video clip"). */
export const EXACT = '=';

const enum Char {
  Quote = 0x27,
  RightQuote = 0x2019,
  Hyphen = 0x2d,
}

// Character classes of ASCII, one table lookup per character (the scanner's hot loop).
const LOWER = 1;
const UPPER = 2;
const DIGIT = 4;
const BREAK = 8;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0x61; c <= 0x7a; c++) ASCII_CLASS[c] = LOWER;
for (let c = 0x41; c <= 0x5a; c++) ASCII_CLASS[c] = UPPER;
for (let c = 0x30; c <= 0x39; c++) ASCII_CLASS[c] = DIGIT;
for (const ch of '.,;:!?()[]{}"') ASCII_CLASS[ch.charCodeAt(0)] = BREAK;

function classOf(c: number): number {
  return c < 128 ? ASCII_CLASS[c]! : c === 0x201c || c === 0x201d ? BREAK : 0;
}
const WORD_CHAR = LOWER | UPPER | DIGIT;
const LETTER = LOWER | UPPER;

/**
 * Raw spelling → code, looked up straight from the characters of the text (no substring, no string
 * hashing): an open-addressing table keyed by a hash of the characters, checked character by
 * character. A slot is four integers side by side (hash, code, exact code, where its characters sit
 * in a pool and how many), so a lookup reads one cache line. Starts over when full, like any cache.
 */
class SpellingTable {
  private slots = new Int32Array(STRIDE << 12);
  private pool = new Uint16Array(1 << 15);
  private poolUsed = 0;
  private count = 0;
  /** The exact-spelling code of the slot {@link get} found last. */
  lastExact = 0;

  /** Grows to 2^17 slots (half of them used at most), then starts over. */
  private static readonly MAX_SLOTS = 1 << 17;

  private get capacity(): number {
    return this.slots.length / STRIDE;
  }

  /** The code stored for `text[start, end)`, or undefined. */
  get(text: string, start: number, end: number, hash: number): number | undefined {
    const mask = this.capacity - 1;
    const length = end - start;
    const { slots, pool } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      const place = slots[at + PLACE]!;
      if (place === 0) return undefined;
      if (slots[at]! !== hash || (place & LENGTH_MASK) !== length) continue;
      const from = place >>> LENGTH_BITS;
      let k = 0;
      while (k < length && pool[from + k] === text.charCodeAt(start + k)) k++;
      if (k === length) {
        this.lastExact = slots[at + EXACT_CODE]!;
        return slots[at + CODE]!;
      }
    }
  }

  /** Remembers a spelling (one longer than 255 characters is not worth remembering). */
  set(text: string, start: number, end: number, hash: number, code: number, exact: number): void {
    const length = end - start;
    if (length > LENGTH_MASK) return;
    if (this.count >= this.capacity >> 1) this.resize(this.capacity < SpellingTable.MAX_SLOTS);
    if (this.poolUsed + length > MAX_POOL) this.resize(false);
    if (this.poolUsed + length > this.pool.length) {
      const bigger = new Uint16Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    const from = this.poolUsed;
    for (let k = start; k < end; k++) this.pool[this.poolUsed++] = text.charCodeAt(k);
    this.insert(hash, code, exact, (from << LENGTH_BITS) | length);
  }

  private insert(hash: number, code: number, exact: number, place: number): void {
    const mask = this.capacity - 1;
    let slot = hash & mask;
    while (this.slots[slot * STRIDE + PLACE] !== 0) slot = (slot + 1) & mask;
    const at = slot * STRIDE;
    this.slots[at] = hash;
    this.slots[at + CODE] = code;
    this.slots[at + EXACT_CODE] = exact;
    this.slots[at + PLACE] = place;
    this.count++;
  }

  /** Twice the slots, keeping what is there; at the cap (or a full pool), starts over empty. */
  private resize(grow: boolean): void {
    const old = this.slots;
    this.slots = new Int32Array(grow ? old.length * 2 : old.length);
    this.count = 0;
    if (!grow) {
      this.poolUsed = 0;
      return;
    }
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + PLACE] !== 0) this.insert(old[at]!, old[at + CODE]!, old[at + EXACT_CODE]!, old[at + PLACE]!);
    }
  }
}

/** Layout of a spelling-table slot; PLACE packs the pool offset and the length (0: an empty slot, words are never empty). */
const STRIDE = 4;
const CODE = 1;
const EXACT_CODE = 2;
const PLACE = 3;
const LENGTH_BITS = 8;
const LENGTH_MASK = (1 << LENGTH_BITS) - 1;
/** Characters the pool holds before the cache starts over (offsets must fit the slot). */
const MAX_POOL = 1 << (31 - LENGTH_BITS);

/** (word id, word id) → term index: an open-addressing table of integers (no boxing, no Map). */
class PairTable {
  /** Slot i is [first, second, value] at 3i (first -1: empty), side by side: one cache line per probe. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(slots * 3);
    for (let i = 0; i < slots; i++) this.slots[i * 3] = -1;
    this.mask = slots - 1;
  }

  private static slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77);
    h ^= h >>> 15;
    return h;
  }

  set(a: number, b: number, value: number): void {
    const { slots, mask } = this;
    let slot = PairTable.slot(a, b) & mask;
    while (slots[slot * 3] !== -1 && !(slots[slot * 3] === a && slots[slot * 3 + 1] === b)) slot = (slot + 1) & mask;
    slots[slot * 3] = a;
    slots[slot * 3 + 1] = b;
    slots[slot * 3 + 2] = value;
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    const { slots, mask } = this;
    for (let slot = PairTable.slot(a, b) & mask; ; slot = (slot + 1) & mask) {
      const f = slots[slot * 3]!;
      if (f === -1) return -1;
      if (f === a && slots[slot * 3 + 1] === b) return slots[slot * 3 + 2]!;
    }
  }
}

/** A growable Int32Array used as a stack of ids. */
class IntList {
  data = new Int32Array(256);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

export class PaperAnalyser {
  /** Word (stem) → id, for every word of a vocabulary term or of a phrase. */
  private readonly wordIds = new Map<string, number>();
  /** Raw spelling → word id, UNKNOWN (a word outside the vocabulary) or STOP; and its exact-spelling id. */
  private readonly codes = new SpellingTable();
  /** `=CLIP`-style phrase words: raw spelling → word id (phrases see it in place of the stem). */
  private readonly exactIds = new Map<string, number>();
  /** Word id → its unigram's term index, or -1. */
  private readonly unigram: Int32Array;
  /** (first word, second word) → the bigram's term index. */
  private readonly bigram: PairTable;
  private readonly wordCount: number;
  /** Phrases by their first word: [group, phrase index in the group, word ids…] lists. */
  private readonly phrasesByFirst: (Int32Array[] | undefined)[];
  private readonly groups: number;

  // Scratch, reset after each call through the touched lists.
  private readonly tf: Float64Array;
  private readonly weight: Float64Array;
  private readonly hyphenated: Uint8Array;
  private readonly touched = new IntList();
  private readonly sequence = new IntList();
  private readonly firstAt: Int32Array;
  private readonly firstEnd: Int32Array;
  private readonly seenWords = new IntList();
  private lastTitle = '';
  private lastAbstract = '';
  private lastTerms: ArrayLike<number> = [];

  /**
   * @param terms the vocabulary (unigrams and `a b` bigrams of stems), `idf[i]` for `terms[i]`
   * @param phraseGroups groups of phrases to count, each a sequence of stems (see `stemSequence`)
   *   or of exact spellings marked with {@link EXACT}
   */
  constructor(
    readonly terms: readonly string[],
    private readonly idf: ArrayLike<number>,
    phraseGroups: readonly (readonly (readonly string[])[])[] = [],
  ) {
    const id = (word: string): number => {
      let w = this.wordIds.get(word);
      if (w === undefined) this.wordIds.set(word, (w = this.wordIds.size));
      return w;
    };
    const parsed = terms.map((t) => t.split(' ').map(id));
    for (const group of phraseGroups) {
      for (const phrase of group) {
        for (const word of phrase) {
          const w = id(word);
          if (word.startsWith(EXACT)) this.exactIds.set(word.slice(EXACT.length), w);
        }
      }
    }
    this.wordCount = this.wordIds.size;
    this.unigram = new Int32Array(this.wordCount).fill(-1);
    this.bigram = new PairTable(parsed.length);
    parsed.forEach((words, term) => {
      if (words.length === 1) this.unigram[words[0]!] = term;
      else if (words.length === 2) this.bigram.set(words[0]!, words[1]!, term);
    });
    this.groups = phraseGroups.length;
    this.phrasesByFirst = new Array<Int32Array[] | undefined>(this.wordCount);
    phraseGroups.forEach((group, g) => {
      group.forEach((phrase, k) => {
        if (phrase.length === 0) return;
        const first = this.wordIds.get(phrase[0]!)!;
        (this.phrasesByFirst[first] ??= []).push(Int32Array.from([g, k, ...phrase.map((w) => this.wordIds.get(w)!)]));
      });
    });
    this.tf = new Float64Array(terms.length);
    this.weight = new Float64Array(terms.length);
    this.hyphenated = new Uint8Array(terms.length);
    this.firstAt = new Int32Array(this.wordCount).fill(-1);
    this.firstEnd = new Int32Array(this.wordCount);
  }

  get size(): number {
    return this.terms.length;
  }

  analyse(doc: TextDoc): PaperAnalysis {
    this.lastTitle = doc.title;
    this.lastAbstract = doc.abstract ?? '';
    for (let k = 0; k < this.seenWords.length; k++) this.firstAt[this.seenWords.data[k]!] = -1;
    for (let k = 0; k < this.lastTerms.length; k++) this.hyphenated[this.lastTerms[k]!] = 0;
    this.seenWords.length = 0;
    this.sequence.length = 0;
    this.scan(doc.title, TITLE_WEIGHT, 0);
    const titleWords = this.sequence.length;
    if (doc.abstract) this.scan(doc.abstract, 1, doc.title.length + 1);
    const vector = this.vector();
    this.lastTerms = vector.indices;
    const titleHits = new Int32Array(this.groups);
    const abstractHits = new Int32Array(this.groups);
    const firstPhrase = new Int32Array(this.groups).fill(-1);
    if (this.groups > 0) this.countPhrases(titleWords, titleHits, abstractHits, firstPhrase);
    return { vector, titleHits, abstractHits, firstPhrase };
  }

  /** Only the vector (what training and the neighbourhood need). */
  vectorise(doc: TextDoc): SparseVector {
    return this.analyse(doc).vector;
  }

  /**
   * How term `term` was written in the paper analysed last: each word as it first appeared, joined
   * by a hyphen when the paper hyphenated the pair ("Open-Vocabulary", "VLMs").
   */
  surfaceOf(term: number): string {
    const words = this.terms[term]!.split(' ');
    const written = words.map((w) => {
      const id = this.wordIds.get(w);
      const at = id === undefined ? -1 : this.firstAt[id]!;
      if (at < 0) return w;
      const titleLength = this.lastTitle.length;
      return at < titleLength ? this.lastTitle.slice(at, this.firstEnd[id!]) : this.lastAbstract.slice(at - titleLength - 1, this.firstEnd[id!]! - titleLength - 1);
    });
    return written.join(this.hyphenated[term] === 1 ? '-' : ' ');
  }

  /** The code of the spelling `text[start, end)` (its characters hashed to `hash`): word id, UNKNOWN or STOP (cached). */
  private code(text: string, start: number, end: number, hash: number): number {
    hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
    hash ^= hash >>> 12;
    const cached = this.codes.get(text, start, end, hash);
    if (cached !== undefined) {
      this.exact = this.codes.lastExact;
      return cached;
    }
    const raw = text.slice(start, end);
    const term = termOf(raw);
    const code = term === null ? STOP : (this.wordIds.get(term) ?? UNKNOWN);
    this.exact = this.exactIds.get(raw) ?? code;
    this.codes.set(text, start, end, hash, code, this.exact);
    return code;
  }

  /** What {@link code} found for phrases: the exact-spelling id of the spelling, else its code. */
  private exact = 0;

  private addTerm(term: number, weight: number): void {
    if (this.tf[term] === 0) this.touched.push(term);
    this.tf[term]! += weight;
  }

  /**
   * Tokenises like text-features.ts' WORD_OR_BREAK: a word is a letter then letters/digits (with
   * one `'s`-style lower-case suffix), or digits then a letter then letters/digits; the clause
   * punctuation breaks bigrams; anything else separates words.
   */
  private scan(text: string, weight: number, offset: number): void {
    const n = text.length;
    let previous: number | null = null; // word id of the previous kept word (UNKNOWN: outside the vocabulary)
    let previousEnd = -1;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      const k = classOf(c);
      let end: number;
      let hash = c;
      if (k & LETTER) {
        end = i + 1;
        for (let d: number; end < n && classOf((d = text.charCodeAt(end))) & WORD_CHAR; end++) hash = (Math.imul(hash, 31) + d) | 0;
        const q = end < n ? text.charCodeAt(end) : 0;
        if ((q === Char.Quote || q === Char.RightQuote) && end + 1 < n && classOf(text.charCodeAt(end + 1)) === LOWER) {
          hash = (Math.imul(hash, 31) + q) | 0;
          end++;
          for (let d: number; end < n && classOf((d = text.charCodeAt(end))) === LOWER; end++) hash = (Math.imul(hash, 31) + d) | 0;
        }
      } else if (k === DIGIT) {
        let j = i + 1;
        for (let d: number; j < n && classOf((d = text.charCodeAt(j))) === DIGIT; j++) hash = (Math.imul(hash, 31) + d) | 0;
        if (j < n && classOf(text.charCodeAt(j)) & LETTER) {
          end = j;
          for (let d: number; end < n && classOf((d = text.charCodeAt(end))) & WORD_CHAR; end++) hash = (Math.imul(hash, 31) + d) | 0;
        } else {
          i = j; // digits alone are no word
          continue;
        }
      } else {
        if (k === BREAK) previous = null;
        i++;
        continue;
      }
      const code = this.code(text, i, end, hash);
      const exact = this.exact;
      if (exact !== code) this.sequence.push(exact);
      if (code !== STOP) {
        if (exact === code) this.sequence.push(code);
        if (code >= 0) {
          if (this.firstAt[code] === -1) {
            this.firstAt[code] = offset + i;
            this.firstEnd[code] = offset + end;
            this.seenWords.push(code);
          }
          const uni = this.unigram[code]!;
          if (uni >= 0) this.addTerm(uni, weight);
          if (previous !== null && previous >= 0) {
            const bi = this.bigram.get(previous, code);
            if (bi >= 0) {
              this.addTerm(bi, weight);
              if (i === previousEnd + 1 && text.charCodeAt(previousEnd) === Char.Hyphen) this.hyphenated[bi] = 1;
            }
          }
        }
        previous = code;
        previousEnd = end;
      }
      i = end;
    }
  }

  /** The L2-normalised sublinear TF-IDF vector of the touched terms; resets the scratch. */
  private vector(): SparseVector {
    const n = this.touched.length;
    const { tf, weight } = this;
    const touched = this.touched.data;
    // Squares summed in first-occurrence order, as TfIdfSpace does: the same float result.
    let sq = 0;
    for (let k = 0; k < n; k++) {
      const t = touched[k]!;
      const w = (1 + Math.log(tf[t]!)) * this.idf[t]!;
      weight[t] = w;
      sq += w * w;
    }
    const norm = Math.sqrt(sq) || 1;
    const indices = touched.slice(0, n).sort();
    const values = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const t = indices[k]!;
      values[k] = weight[t]! / norm;
      tf[t] = 0;
    }
    this.touched.length = 0;
    return { indices, values };
  }

  /** Counts phrase occurrences over the word sequence (stop words skipped, clause breaks ignored, like keyword rules). */
  private countPhrases(titleWords: number, titleHits: Int32Array, abstractHits: Int32Array, firstPhrase: Int32Array): void {
    const seq = this.sequence.data;
    const n = this.sequence.length;
    for (let i = 0; i < n; i++) {
      const first = seq[i]!;
      if (first < 0) continue;
      const phrases = this.phrasesByFirst[first];
      if (!phrases) continue;
      for (const p of phrases) {
        const len = p.length - 2;
        if (i + len > n) continue;
        let k = 1;
        while (k < len && seq[i + k] === p[k + 2]) k++;
        if (k < len) continue;
        const g = p[0]!;
        // One that runs from the title into the abstract counts as the abstract's (keyword rules see one text).
        if (i + len <= titleWords) titleHits[g]!++;
        else abstractHits[g]!++;
        if (firstPhrase[g] === -1) firstPhrase[g] = p[1]!;
      }
    }
  }
}

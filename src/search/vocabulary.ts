/** A term of a query as the vocabulary sees it: the term alone, or every indexed term it starts. */
export interface TermRange {
  term: string;
  prefix: boolean;
}

/** An indexed term near a query term (see `Vocabulary.withinEdits`). */
export interface NearTerm {
  term: string;
  distance: number;
  /** Its position in the vocabulary. */
  index: number;
}

/** Entry ids, as a membership test (see `Vocabulary.entriesWithAll`). */
export interface EntrySet {
  readonly size: number;
  has(id: number): boolean;
  /** 1 for an entry in the set, else 0 (a MiniSearch document boost that keeps scores, one call a posting). */
  boost(id: number): number;
}

/** More terms than this are not intersected (the rest only narrow the set further: it stays a superset). */
const MAX_INTERSECTED = 255;

/**
 * The distinct terms an index holds, sorted, with the entries each was indexed in — built once with
 * the index. Answers "is this term indexed?", "does any indexed term start with this?" by binary
 * search, and "which entries hold all of these terms?" by walking packed entry ids, without touching
 * MiniSearch: what the search planner needs to decide, before searching, which words need typo
 * tolerance, which cannot match at all, and which entries an AND can possibly return.
 */
export class Vocabulary {
  private readonly terms: string[];
  /** The entry ids of `terms[i]` are `ids[starts[i] .. starts[i + 1])`: a prefix's terms are contiguous, so are theirs. */
  private readonly starts: Int32Array;
  private readonly ids: Int32Array;
  private readonly entryCount: number;
  /** Term indices by length, then index: the terms of length L are `byLength[lengthStarts[L] .. lengthStarts[L + 1])`. */
  private readonly byLength: Int32Array;
  private readonly lengthStarts: Int32Array;
  /** Which of 32 letter classes each term has (see `charClasses`; an edit changes at most two), in `byLength` order. */
  private readonly classes: Uint32Array;

  /** `entries`: each term and the ids of the entries it was indexed in (ascending, each once); ids are below `entryCount`. */
  constructor(entries: ReadonlyMap<string, readonly number[]>, entryCount: number) {
    // Default sort compares UTF-16 code units, the same order `<` uses in `firstAtOrAfter`.
    this.terms = [...entries.keys()].sort();
    this.entryCount = entryCount;
    this.starts = new Int32Array(this.terms.length + 1);
    this.terms.forEach((t, i) => (this.starts[i + 1] = this.starts[i]! + entries.get(t)!.length));
    this.ids = new Int32Array(this.starts[this.terms.length]!);
    this.terms.forEach((t, i) => this.ids.set(entries.get(t)!, this.starts[i]!));
    const longest = this.terms.reduce((m, t) => Math.max(m, t.length), 0);
    this.lengthStarts = new Int32Array(longest + 2);
    for (const t of this.terms) this.lengthStarts[t.length + 1]!++;
    for (let l = 1; l < this.lengthStarts.length; l++) this.lengthStarts[l]! += this.lengthStarts[l - 1]!;
    this.byLength = new Int32Array(this.terms.length);
    const fill = this.lengthStarts.slice(0, longest + 1);
    this.terms.forEach((t, i) => (this.byLength[fill[t.length]!++] = i));
    this.classes = Uint32Array.from(this.byLength, (i) => charClasses(this.terms[i]!));
  }

  get size(): number {
    return this.terms.length;
  }

  has(term: string): boolean {
    return this.terms[this.firstAtOrAfter(term)] === term;
  }

  /** The term's position in the vocabulary (0 ≤ i < size), or -1 when it is not indexed. */
  indexOf(term: string): number {
    const i = this.firstAtOrAfter(term);
    return this.terms[i] === term ? i : -1;
  }

  /** True when some indexed term starts with `prefix` (the term itself included). */
  hasPrefix(prefix: string): boolean {
    return this.terms[this.firstAtOrAfter(prefix)]?.startsWith(prefix) ?? false;
  }

  /** True when some indexed term other than `term` starts with it: a prefix search would add matches. */
  extends(term: string): boolean {
    const i = this.firstAtOrAfter(term);
    const next = this.terms[i] === term ? this.terms[i + 1] : this.terms[i];
    return next?.startsWith(term) ?? false;
  }

  /**
   * The entries that hold every one of `terms` (a prefix term: some indexed term starting with it),
   * found by counting, term after term from the rarest, how many of the terms each entry has seen.
   * It costs a pass over the terms' entry ids — a few ns each, where MiniSearch scores each one.
   * No terms: every entry.
   */
  entriesWithAll(terms: readonly TermRange[]): EntrySet {
    const ranges = terms
      .map((t) => this.idRange(t))
      .sort((a, b) => a[1] - a[0] - (b[1] - b[0]))
      .slice(0, MAX_INTERSECTED);
    // seen[id] = how many of the ranges so far hold entry `id`; only entries in all of them keep up.
    const seen = new Uint8Array(this.entryCount);
    let size = ranges.length ? 0 : this.entryCount;
    for (let k = 0; k < ranges.length; k++) {
      const [from, to] = ranges[k]!;
      size = 0;
      for (let p = from; p < to; p++) {
        const id = this.ids[p]!;
        // An entry listed twice in one prefix range (`language`, `languages`) moves up once.
        if (seen[id] === k) {
          seen[id] = k + 1;
          size++;
        }
      }
      if (!size) break;
    }
    const all = ranges.length;
    return { size, has: (id) => seen[id] === all, boost: (id) => (seen[id] === all ? 1 : 0) };
  }

  /**
   * The indexed terms within `maxDistance` edits (Levenshtein, over UTF-16 code units, as MiniSearch
   * counts them) of `term`, the term itself included, with their distances and their positions in
   * the vocabulary (see `indexOf`), in no set order. Only
   * terms of a length within `maxDistance` are looked at, and of those only the ones whose letter
   * classes differ in at most two per edit get the edit-distance check: a few ns per term.
   */
  withinEdits(term: string, maxDistance: number): NearTerm[] {
    const found: NearTerm[] = [];
    const n = term.length;
    const mine = charClasses(term);
    const longest = this.lengthStarts.length - 2;
    if (n - maxDistance > longest) return found;
    const from = this.lengthStarts[Math.max(0, n - maxDistance)]!;
    const to = this.lengthStarts[Math.min(longest, n + maxDistance) + 1]!;
    const rows = new Uint16Array(2 * (n + 1));
    for (let p = from; p < to; p++) {
      if (bitCount(this.classes[p]! ^ mine) > 2 * maxDistance) continue;
      const index = this.byLength[p]!;
      const t = this.terms[index]!;
      const distance = editDistanceWithin(term, t, maxDistance, rows);
      if (distance <= maxDistance) found.push({ term: t, distance, index });
    }
    return found;
  }

  /** Where the entry ids of a term, or of every term it starts, lie in `ids`. */
  private idRange({ term, prefix }: TermRange): [number, number] {
    const first = this.firstAtOrAfter(term);
    if (!prefix) return this.terms[first] === term ? [this.starts[first]!, this.starts[first + 1]!] : [0, 0];
    // The terms starting with `term` follow it, contiguous: find the first that does not.
    let lo = first;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]!.startsWith(term)) lo = mid + 1;
      else hi = mid;
    }
    return [this.starts[first]!, this.starts[lo]!];
  }

  private firstAtOrAfter(term: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A bit per letter class present: a–z one each, digits five, anything else the last. */
function charClasses(text: string): number {
  let bits = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    bits |= 1 << (c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 + ((c - 48) % 5) : 31);
  }
  return bits;
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Levenshtein distance of a and b when ≤ max, else max + 1; `rows` holds 2 × (a.length + 1). */
function editDistanceWithin(a: string, b: string, max: number, rows: Uint16Array): number {
  const n = a.length;
  const far = max + 1;
  let prev = 0;
  let cur = n + 1;
  for (let j = 0; j <= n; j++) rows[j] = j <= max ? j : far;
  for (let r = 1; r <= b.length; r++) {
    const c = b.charCodeAt(r - 1);
    const lo = Math.max(1, r - max);
    const hi = Math.min(n, r + max);
    rows[cur] = r <= max ? r : far;
    if (lo > 1) rows[cur + lo - 1] = far;
    let best = rows[cur]!;
    for (let j = lo; j <= hi; j++) {
      const d = Math.min(rows[prev + j - 1]! + (c === a.charCodeAt(j - 1) ? 0 : 1), rows[prev + j]! + 1, rows[cur + j - 1]! + 1, far);
      rows[cur + j] = d;
      if (d < best) best = d;
    }
    if (hi < n) rows[cur + hi + 1] = far;
    if (best > max) return far;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return rows[prev + n]!;
}

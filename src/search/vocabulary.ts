/** A term of a query as the vocabulary sees it: the term alone, or every indexed term it starts. */
export interface TermRange {
  term: string;
  prefix: boolean;
}

/** Entry ids, as a membership test (see `Vocabulary.entriesWithAll`). */
export interface EntrySet {
  readonly size: number;
  has(id: number): boolean;
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

  /** `entries`: each term and the ids of the entries it was indexed in (ascending, each once); ids are below `entryCount`. */
  constructor(entries: ReadonlyMap<string, readonly number[]>, entryCount: number) {
    // Default sort compares UTF-16 code units, the same order `<` uses in `firstAtOrAfter`.
    this.terms = [...entries.keys()].sort();
    this.entryCount = entryCount;
    this.starts = new Int32Array(this.terms.length + 1);
    this.terms.forEach((t, i) => (this.starts[i + 1] = this.starts[i]! + entries.get(t)!.length));
    this.ids = new Int32Array(this.starts[this.terms.length]!);
    this.terms.forEach((t, i) => this.ids.set(entries.get(t)!, this.starts[i]!));
  }

  get size(): number {
    return this.terms.length;
  }

  has(term: string): boolean {
    return this.terms[this.firstAtOrAfter(term)] === term;
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
    return { size, has: (id) => seen[id] === all };
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

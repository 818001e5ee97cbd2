/**
 * The distinct terms an index holds, sorted, with how often each was indexed — built once with the
 * index. Answers "is this term indexed?", "does any indexed term start with this?" and "how many
 * postings would matching it exactly / as a prefix visit?" by binary search, without touching the
 * postings: what the search planner needs to decide, before searching, which words need typo
 * tolerance, which cannot match at all, and which term of an AND to evaluate first.
 */
export class Vocabulary {
  private readonly terms: string[];
  /** `cumulative[i]` = postings of `terms[0..i)`; a prefix's terms are contiguous, so its sum is O(1). */
  private readonly cumulative: Float64Array;

  /** `counts`: each term and how many times it was indexed (roughly, its postings). */
  constructor(counts: ReadonlyMap<string, number>) {
    // Default sort compares UTF-16 code units, the same order `<` uses in `firstAtOrAfter`.
    this.terms = [...counts.keys()].sort();
    this.cumulative = new Float64Array(this.terms.length + 1);
    this.terms.forEach((t, i) => (this.cumulative[i + 1] = this.cumulative[i]! + counts.get(t)!));
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

  /** Postings of the term itself (0 when not indexed). */
  postings(term: string): number {
    const i = this.firstAtOrAfter(term);
    return this.terms[i] === term ? this.cumulative[i + 1]! - this.cumulative[i]! : 0;
  }

  /** Postings of every term starting with `prefix`, the term itself included. */
  prefixPostings(prefix: string): number {
    // U+FFFF sorts after every code unit a term can continue with.
    return this.cumulative[this.firstAtOrAfter(prefix + '\uffff')]! - this.cumulative[this.firstAtOrAfter(prefix)]!;
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

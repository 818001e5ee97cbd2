/**
 * A fixed number of sparse vectors over one vocabulary, stored term-major: scoring a query against
 * all of them reads, per query term, only the columns that have that term (compressed postings in
 * typed arrays, rebuilt lazily after a column changes — columns change rarely, on approvals).
 */
import type { SparseVector } from './tfidf.js';

export class TermMatrix {
  private readonly columns: (SparseVector | undefined)[];
  /** Postings of term t: `cols/vals[start[t] .. start[t + 1])`; undefined when a column changed since. */
  private index?: { start: Int32Array; cols: Int32Array; vals: Float64Array };

  constructor(readonly width: number) {
    this.columns = new Array<SparseVector | undefined>(width).fill(undefined);
  }

  /** Sets (or replaces) column `c`. */
  set(c: number, v: SparseVector): void {
    this.columns[c] = v;
    this.index = undefined;
  }

  /** Dot product of `x` with every column. */
  products(x: SparseVector): Float64Array {
    const { start, cols, vals } = (this.index ??= this.build());
    const out = new Float64Array(this.width);
    const terms = start.length - 1;
    for (let k = 0; k < x.indices.length; k++) {
      const t = x.indices[k]!;
      if (t >= terms) continue;
      const v = x.values[k]!;
      for (let p = start[t]!, end = start[t + 1]!; p < end; p++) out[cols[p]!]! += v * vals[p]!;
    }
    return out;
  }

  private build(): { start: Int32Array; cols: Int32Array; vals: Float64Array } {
    let terms = 0;
    let nnz = 0;
    for (const v of this.columns) {
      if (!v) continue;
      nnz += v.indices.length;
      if (v.indices.length) terms = Math.max(terms, v.indices[v.indices.length - 1]! + 1);
    }
    const start = new Int32Array(terms + 1);
    for (const v of this.columns) if (v) for (const t of v.indices) start[t + 1]!++;
    for (let t = 0; t < terms; t++) start[t + 1]! += start[t]!;
    const fill = start.slice(0, terms);
    const cols = new Int32Array(nnz);
    const vals = new Float64Array(nnz);
    // Columns in order within each term: the sums add up in the same order as a dense row would.
    this.columns.forEach((v, c) => {
      if (!v) return;
      for (let k = 0; k < v.indices.length; k++) {
        const at = fill[v.indices[k]!]!++;
        cols[at] = c;
        vals[at] = v.values[k]!;
      }
    });
    return { start, cols, vals };
  }
}

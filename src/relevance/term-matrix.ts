/**
 * A fixed number of sparse vectors over one vocabulary, stored term-major: scoring a query against
 * all of them reads one short contiguous row per query term instead of one array per vector.
 */
import type { SparseVector } from './tfidf.js';

export class TermMatrix {
  private readonly rows = new Map<number, Float64Array>();
  private readonly columns: (SparseVector | undefined)[];

  constructor(readonly width: number) {
    this.columns = new Array<SparseVector | undefined>(width).fill(undefined);
  }

  /** Sets (or replaces) column `c`. */
  set(c: number, v: SparseVector): void {
    const old = this.columns[c];
    if (old) for (const t of old.indices) this.rows.get(t)![c] = 0;
    for (let k = 0; k < v.indices.length; k++) {
      const t = v.indices[k]!;
      let row = this.rows.get(t);
      if (!row) this.rows.set(t, (row = new Float64Array(this.width)));
      row[c] = v.values[k]!;
    }
    this.columns[c] = v;
  }

  /** Dot product of `x` with every column. */
  products(x: SparseVector): Float64Array {
    const out = new Float64Array(this.width);
    for (let k = 0; k < x.indices.length; k++) {
      const row = this.rows.get(x.indices[k]!);
      if (!row) continue;
      const v = x.values[k]!;
      for (let c = 0; c < row.length; c++) out[c]! += v * row[c]!;
    }
    return out;
  }
}

/**
 * A fixed vocabulary with inverse document frequencies: turns a document into an L2-normalised,
 * sublinear TF-IDF sparse vector. The vocabulary is learned offline and shipped inside the model, so
 * scores do not drift as the catalogue or the day's feed changes.
 */
import { PaperAnalyser } from './analyser.js';
import type { SparseVector } from './sparse-vector.js';
import { docTerms, type DocTerms, type TextDoc } from './text-features.js';

export { dot, dotDense, type SparseVector } from './sparse-vector.js';

/** More than the distinct terms any one document can have (the key packs index and position). */
const KEY_SPAN = 2 ** 20;

export class TfIdfSpace {
  private readonly index = new Map<string, number>();
  private analyser?: PaperAnalyser;

  /** `terms[i]` has inverse document frequency `idf[i]`. */
  constructor(
    readonly terms: readonly string[],
    readonly idf: readonly number[],
  ) {
    terms.forEach((t, i) => this.index.set(t, i));
  }

  /** Keeps the terms found in at least `minDf` documents (and at most `maxDfRatio` of them). */
  static fit(docs: readonly TextDoc[], minDf = 2, maxDfRatio = 0.5): TfIdfSpace {
    const df = new Map<string, number>();
    for (const d of docs) for (const t of docTerms(d).tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const n = docs.length;
    const kept = [...df].filter(([, c]) => c >= minDf && c <= maxDfRatio * n).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return new TfIdfSpace(
      kept.map(([t]) => t),
      kept.map(([, c]) => Math.log((n + 1) / (c + 1)) + 1),
    );
  }

  get size(): number {
    return this.terms.length;
  }

  /** Vectorises already-extracted terms (lets a caller reuse one {@link docTerms} pass). */
  vectoriseTerms(terms: DocTerms): SparseVector {
    // Sort by term index through one numeric key per term (index, then position): no comparator.
    const keys = new Float64Array(terms.tf.size);
    const weights = new Float64Array(terms.tf.size);
    let n = 0;
    let sq = 0;
    for (const [term, tf] of terms.tf) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      const w = (1 + Math.log(tf)) * this.idf[i]!;
      keys[n] = i * KEY_SPAN + n;
      weights[n++] = w;
      sq += w * w;
    }
    const sorted = keys.subarray(0, n).sort();
    const norm = Math.sqrt(sq) || 1;
    const indices = new Int32Array(n);
    const values = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const key = sorted[k]!;
      const position = key % KEY_SPAN;
      indices[k] = (key - position) / KEY_SPAN;
      values[k] = weights[position]! / norm;
    }
    return { indices, values };
  }

  /** The same vector as `vectoriseTerms(docTerms(doc))`, through the compiled one-pass analyser. */
  vectorise(doc: TextDoc): SparseVector {
    return (this.analyser ??= new PaperAnalyser(this.terms, this.idf)).vectorise(doc);
  }
}

/**
 * A fixed vocabulary with inverse document frequencies: turns a document into an L2-normalised,
 * sublinear TF-IDF sparse vector. The vocabulary is learned offline and shipped inside the model, so
 * scores do not drift as the catalogue or the day's feed changes.
 */
import { docTerms, type DocTerms, type TextDoc } from './text-features.js';

/** Sparse vector: strictly increasing term indices and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** A document as the scorer sees it: its vector and the surface form of each of its terms. */
export interface Vectorised {
  vector: SparseVector;
  surface: Map<number, string>;
}

export class TfIdfSpace {
  private readonly index = new Map<string, number>();

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

  indexOf(term: string): number | undefined {
    return this.index.get(term);
  }

  /** Vectorises already-extracted terms (lets a caller reuse one {@link docTerms} pass). */
  vectoriseTerms(terms: DocTerms): Vectorised {
    const entries: [number, number][] = [];
    const surface = new Map<number, string>();
    for (const [term, tf] of terms.tf) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      entries.push([i, (1 + Math.log(tf)) * this.idf[i]!]);
      surface.set(i, terms.surface.get(term) ?? term);
    }
    entries.sort((a, b) => a[0] - b[0]);
    let sq = 0;
    for (const [, v] of entries) sq += v * v;
    const norm = Math.sqrt(sq) || 1;
    return {
      vector: {
        indices: Int32Array.from(entries, ([i]) => i),
        values: Float64Array.from(entries, ([, v]) => v / norm),
      },
      surface,
    };
  }

  vectorise(doc: TextDoc): Vectorised {
    return this.vectoriseTerms(docTerms(doc));
  }
}

/** Dot product of two sparse vectors (cosine similarity when both are normalised). */
export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i]!;
    const bj = b.indices[j]!;
    if (ai === bj) sum += a.values[i++]! * b.values[j++]!;
    else if (ai < bj) i++;
    else j++;
  }
  return sum;
}

/** Dot product of a sparse vector with a dense weight array. */
export function dotDense(a: SparseVector, w: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < a.indices.length; k++) sum += a.values[k]! * w[a.indices[k]!]!;
  return sum;
}

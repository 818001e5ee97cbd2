/** Sparse vectors over the model's vocabulary, and their dot products (tfidf.ts makes them). */

/** Sparse vector: strictly increasing term indices and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
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

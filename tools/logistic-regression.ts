/**
 * Weighted, L2-regularised logistic regression on sparse rows, fitted by full-batch Adam. Small and
 * deterministic (no random initialisation, no shuffling): the same data always gives the same model.
 */
import { sigmoid } from '../src/relevance/sigmoid.js';
import { dotDense, type SparseVector } from '../src/relevance/tfidf.js';

export interface TrainingRow {
  x: SparseVector;
  /** 1 = relevant, 0 = not. */
  y: 0 | 1;
  /** How much this row counts (weak labels count less than a careful reader's). */
  weight: number;
}

export interface LogisticModel {
  weights: Float64Array;
  bias: number;
}

export interface LogisticOptions {
  dim: number;
  /** L2 penalty on the weights (not the bias), relative to the mean weighted loss. */
  l2: number;
  iterations?: number;
  learningRate?: number;
  /** Per weight: +1 keeps it ≥ 0, -1 keeps it ≤ 0, 0 (or absent) leaves it free (projected after each step). */
  signs?: ArrayLike<number>;
}

export function trainLogistic(rows: readonly TrainingRow[], options: LogisticOptions): LogisticModel {
  const { dim, l2, iterations = 400, learningRate = 0.05, signs } = options;
  const w = new Float64Array(dim);
  let b = 0;
  const totalWeight = rows.reduce((s, r) => s + r.weight, 0) || 1;
  const grad = new Float64Array(dim);
  const m = new Float64Array(dim + 1);
  const v = new Float64Array(dim + 1);
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0);
    let gb = 0;
    for (const r of rows) {
      const err = (r.weight * (sigmoid(dotDense(r.x, w) + b) - r.y)) / totalWeight;
      gb += err;
      for (let k = 0; k < r.x.indices.length; k++) grad[r.x.indices[k]!]! += err * r.x.values[k]!;
    }
    const lr = (learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    for (let i = 0; i <= dim; i++) {
      const g = i < dim ? grad[i]! + l2 * w[i]! : gb;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      const step = (lr * m[i]!) / (Math.sqrt(v[i]!) + 1e-8);
      if (i < dim) {
        w[i]! -= step;
        const sign = signs?.[i] ?? 0;
        if (sign * w[i]! < 0) w[i] = 0;
      } else b -= step;
    }
  }
  return { weights: w, bias: b };
}

/** A dense feature row as a sparse vector (for the small models over a handful of features). */
export function denseRow(values: readonly number[]): SparseVector {
  return { indices: Int32Array.from(values, (_, i) => i), values: Float64Array.from(values) };
}

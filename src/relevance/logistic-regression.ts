/**
 * Weighted, L2-regularised logistic regression on sparse rows, fitted by full-batch Adam. Small and
 * deterministic (no random initialisation, no shuffling): the same data always gives the same model.
 * Used offline (tools/ trains the shipped model) and at run time (retrain.ts updates it from
 * maintainers' decisions, the shipped weights as the prior).
 */
import { sigmoid } from './sigmoid.js';
import { dotDense, type SparseVector } from './tfidf.js';

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
  /**
   * A Gaussian prior: start from these weights and pull towards them (L2 on the difference, the
   * bias included) instead of towards zero. MAP estimation around an earlier model.
   */
  prior?: { weights: ArrayLike<number>; bias: number };
  /** Divide the loss by this rather than the rows' total weight (how much evidence the prior stands for, plus the rows). */
  totalWeight?: number;
  /** Keep the bias where it starts (the prior's): rows that are not a fair sample cannot say what the base rate is. */
  fixedBias?: boolean;
}

export function trainLogistic(rows: readonly TrainingRow[], options: LogisticOptions): LogisticModel {
  const { dim, l2, iterations = 400, learningRate = 0.05, signs, prior } = options;
  const w = prior ? Float64Array.from(prior.weights) : new Float64Array(dim);
  let b = prior?.bias ?? 0;
  const totalWeight = options.totalWeight ?? (rows.reduce((s, r) => s + r.weight, 0) || 1);
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
      const g = i < dim ? grad[i]! + l2 * (w[i]! - (prior ? prior.weights[i]! : 0)) : gb + (prior ? l2 * (b - prior.bias) : 0);
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      const step = (lr * m[i]!) / (Math.sqrt(v[i]!) + 1e-8);
      if (i < dim) {
        w[i]! -= step;
        const sign = signs?.[i] ?? 0;
        if (sign * w[i]! < 0) w[i] = 0;
      } else if (!options.fixedBias) b -= step;
    }
  }
  return { weights: w, bias: b };
}

/** A dense feature row as a sparse vector (for the small models over a handful of features). */
export function denseRow(values: readonly number[]): SparseVector {
  return { indices: Int32Array.from(values, (_, i) => i), values: Float64Array.from(values) };
}

/** One choice among alternatives: a feature row per alternative, and which alternatives are right. */
export interface ChoiceRow {
  x: (readonly number[])[];
  correct: readonly boolean[];
  weight: number;
}

/**
 * Conditional logit (a softmax over each row's alternatives, one weight vector shared by all):
 * maximises the weighted log-probability of the right alternatives, L2 on the weights, by
 * full-batch Adam from zero. Deterministic like {@link trainLogistic}.
 */
export function trainConditionalLogit(rows: readonly ChoiceRow[], options: { dim: number; l2: number; iterations?: number; learningRate?: number }): Float64Array {
  const { dim, l2, iterations = 500, learningRate = 0.05 } = options;
  const w = new Float64Array(dim);
  const m = new Float64Array(dim);
  const v = new Float64Array(dim);
  const grad = new Float64Array(dim);
  const totalWeight = rows.reduce((s, r) => s + r.weight, 0) || 1;
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0);
    for (const r of rows) {
      const z = r.x.map((x) => x.reduce((s, xi, i) => s + xi * w[i]!, 0));
      const max = Math.max(...z);
      const e = z.map((zi) => Math.exp(zi - max));
      const all = e.reduce((a, b) => a + b, 0);
      const right = e.reduce((a, b, i) => a + (r.correct[i] ? b : 0), 0);
      if (right === 0) continue;
      // d(-log Σ_right p)/dz_a = p_a - [a right] · e_a / Σ_right e
      r.x.forEach((x, a) => {
        const g = (r.weight * (e[a]! / all - (r.correct[a] ? e[a]! / right : 0))) / totalWeight;
        for (let i = 0; i < dim; i++) grad[i]! += g * x[i]!;
      });
    }
    const lr = (learningRate * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
    for (let i = 0; i < dim; i++) {
      const g = grad[i]! + l2 * w[i]!;
      m[i] = 0.9 * m[i]! + 0.1 * g;
      v[i] = 0.999 * v[i]! + 0.001 * g * g;
      w[i]! -= (lr * m[i]!) / (Math.sqrt(v[i]!) + 1e-8);
    }
  }
  return w;
}

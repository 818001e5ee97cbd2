/** The logistic function, computed without overflow for large |z|: a logit → a probability in (0, 1). */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

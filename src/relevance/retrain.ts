/**
 * Learning from maintainers' decisions. Every approval and rejection is a label of exactly the kind
 * the shipped model's text classifiers learned from (a paper of a day's feed, judged by a careful
 * reader), so they are refitted on them with the shipped weights as the prior: a MAP update that
 * starts from the shipped weights and is pulled back towards them, each shipped classifier counting
 * as much evidence as the labelled papers the model was trained on. A few decisions nudge the words
 * they share; many decisions move the model as far as the data says. The combiner, the calibration
 * and the rubric's signals stay as shipped.
 *
 * Pure functions over plain data: the update is JSON (stored in curator.db by the watch, watch/relevance-store.ts) and is
 * applied to the model when a scorer is built.
 */
import { createHash } from 'node:crypto';
import { PaperAnalyser } from './analyser.js';
import { trainLogistic, type TrainingRow } from './logistic-regression.js';
import { round, type RelevanceModel, type SparseLinear } from './model.js';
import type { Feedback } from './score.js';
import { dotDense } from './sparse-vector.js';

export const RELEVANCE_UPDATE_FORMAT = 'vlm-curator/relevance-update@1';

/** The text classifiers a decision teaches: the one that learns from everything, and the one of labelled abstracts only. */
export const LEARNED_CLASSIFIERS = ['all', 'labelled'] as const;

/** An approval weighs as much as a labelled positive did in training (positives are ~9% of a day). */
const APPROVED_WEIGHT = 3;
/** The shipped training's L2 penalty, here on the distance from the shipped weights. */
const L2 = 1e-3;
const ITERATIONS = 300;

/** What the model learned from decisions, on top of one shipped model. */
export interface RelevanceUpdate {
  format: typeof RELEVANCE_UPDATE_FORMAT;
  /** {@link modelFingerprint} of the shipped model it was learned on: an update of another model does not apply. */
  prior: string;
  /** How many decisions it learned from. */
  decisions: { total: number; approved: number; rejected: number; withSection: number };
  /** The refitted classifiers, replacing the shipped ones of the same name. */
  text: Record<string, SparseLinear>;
}

const fingerprints = new WeakMap<RelevanceModel, string>();

/** A short, stable fingerprint of a model: its vocabulary, text classifiers and combiner (computed once per model object). */
export function modelFingerprint(model: RelevanceModel): string {
  const known = fingerprints.get(model);
  if (known) return known;
  const hash = createHash('sha256');
  hash.update(model.format);
  hash.update(model.vocabulary.terms.join('\n'));
  for (const name of Object.keys(model.text).sort()) {
    const lin = model.text[name]!;
    hash.update(`${name}:${lin.bias}:${lin.terms.join(',')}:${lin.weights.join(',')}`);
  }
  hash.update(JSON.stringify(model.combiner));
  const fingerprint = hash.digest('hex').slice(0, 16);
  fingerprints.set(model, fingerprint);
  return fingerprint;
}

function toSparse(weights: Float64Array, bias: number): SparseLinear {
  const terms: number[] = [];
  const values: number[] = [];
  weights.forEach((w, i) => {
    const r = round(w, 4);
    if (r !== 0) {
      terms.push(i);
      values.push(r);
    }
  });
  return { terms, weights: values, bias: round(bias, 4) };
}

/**
 * Refits the learned classifiers of `model` (the shipped one) on `feedback` (every decision so far;
 * a later decision about a paper replaces an earlier one). Deterministic: the same decisions give
 * the same update.
 */
export function learnFromDecisions(model: RelevanceModel, feedback: readonly Feedback[]): RelevanceUpdate {
  const latest = new Map<string, Feedback>();
  for (const f of feedback) latest.set(f.arxivId, f);
  const decided = [...latest.values()];
  const analyser = new PaperAnalyser(model.vocabulary.terms, model.vocabulary.idf);
  const rows: TrainingRow[] = decided.map((f) => ({
    x: analyser.vectorise(f),
    y: f.decision === 'approved' ? 1 : 0,
    weight: f.decision === 'approved' ? APPROVED_WEIGHT : 1,
  }));
  const reference = model.decisions.map((d) => analyser.vectorise(d));
  // The prior stands for the labelled papers it was fitted on: each decision counts like one of them.
  const totalWeight = model.trainedOn.labelledPapers + rows.reduce((s, r) => s + r.weight, 0);
  const size = model.vocabulary.terms.length;
  const text: Record<string, SparseLinear> = {};
  for (const name of LEARNED_CLASSIFIERS) {
    const shipped = model.text[name];
    if (!shipped) continue;
    const weights = new Float64Array(size);
    shipped.terms.forEach((t, k) => (weights[t] = shipped.weights[k]!));
    if (!rows.length) {
      text[name] = toSparse(weights, shipped.bias);
      continue;
    }
    // Maintainers decide candidates only, not a fair sample of a day: the decisions say which papers
    // are more relevant than others, not how many are. So the bias is held, and afterwards set so
    // that the labelled days shipped with the model (a fair sample) score the same on average.
    const fit = trainLogistic(rows, { dim: size, l2: L2, iterations: ITERATIONS, prior: { weights, bias: shipped.bias }, totalWeight, fixedBias: true });
    let drift = 0;
    for (const x of reference) drift += dotDense(x, fit.weights) - dotDense(x, weights);
    text[name] = toSparse(fit.weights, shipped.bias - drift / (reference.length || 1));
  }
  const approved = decided.filter((f) => f.decision === 'approved');
  return {
    format: RELEVANCE_UPDATE_FORMAT,
    prior: modelFingerprint(model),
    decisions: { total: decided.length, approved: approved.length, rejected: decided.length - approved.length, withSection: approved.filter((f) => f.section).length },
    text,
  };
}

/** Is this update learned on top of this model? (A new release ships a new model: its decisions are learned again.) */
export function updateApplies(model: RelevanceModel, update: RelevanceUpdate): boolean {
  return update.format === RELEVANCE_UPDATE_FORMAT && update.prior === modelFingerprint(model);
}

/** The model with the update's classifiers in place of the shipped ones. `model` itself is not changed. */
export function applyUpdate(model: RelevanceModel, update: RelevanceUpdate): RelevanceModel {
  if (!updateApplies(model, update)) throw new Error('relevance retrain: this update was learned on another model; retrain it (`curator relevance retrain`)');
  return { ...model, text: { ...model.text, ...update.text } };
}

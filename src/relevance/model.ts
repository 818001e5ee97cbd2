/**
 * The relevance model as shipped in `data/relevance-model.json`: everything the scorer learned
 * offline (by `tools/train-relevance.ts`) and nothing it can look up at run time. Plain JSON so a
 * reviewer can diff a retrained model and see which terms moved.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageLayout } from '../core/package-root.js';

export const RELEVANCE_MODEL_FORMAT = 'vlm-curator/relevance-model@1';

/** Where `loadRelevanceModel()` looks by default. */
export const DEFAULT_RELEVANCE_MODEL_PATH = path.join(packageLayout().root, 'data', 'relevance-model.json');

/** A linear model over the shared vocabulary, weights stored sparsely (zeros left out). */
export interface SparseLinear {
  /** Vocabulary indices, increasing. */
  terms: number[];
  weights: number[];
  bias: number;
}

/** A linear model over a few named features. */
export interface DenseLinear {
  features: string[];
  weights: number[];
  bias: number;
}

/** A paper a maintainer (or the labelled days) decided on: part of every score's neighbourhood. */
export interface Decision {
  arxivId: string;
  title: string;
  abstract: string;
  label: 0 | 1;
  /** Heading text of the survey section a positive belongs in. */
  section?: string;
}

/** A section of the survey's taxonomy, as a centroid of the papers known to belong there. */
export interface SectionPrototype {
  /** The heading text that names the section (`Transfer with Feature Adapter`). */
  name: string;
  /** Heading path where the section was seen (`[…Methods, Transfer with Feature Adapter]`). */
  path: string[];
  /** Centroid: vocabulary indices and (L2-normalised) values. */
  terms: number[];
  values: number[];
  /** How many documents shaped it. */
  support: number;
  /** Mean evidence of each section concept (rubric-signals.ts SECTION_CONCEPTS) among its papers: what the section is about. */
  concepts?: Record<string, number>;
}

export interface RelevanceModel {
  format: typeof RELEVANCE_MODEL_FORMAT;
  /** What it was trained on, for `npm run eval` and the README. */
  trainedOn: { labelledDays: string[]; labelledPapers: number; weakTitles: number; catalogueEntries: number };
  vocabulary: { terms: string[]; idf: number[] };
  /** Text classifiers whose logits feed the combiner: see `features.ts`. */
  text: Record<string, SparseLinear>;
  /** Combines text logits and neighbourhood similarities into one logit; 0 ↔ score 0.5. */
  combiner: DenseLinear;
  /** Labelled papers that seed the neighbourhood, as if maintainers had decided them. */
  decisions: Decision[];
  sections: SectionPrototype[];
  /**
   * Weighs the evidence for each table of the served list (see section-suggest.ts SECTION_FEATURES);
   * fitted on out-of-day labelled papers. Absent in older files: a fixed blend is used.
   */
  sectionRanker?: DenseLinear;
}

/** Rounds a number for the model file (fewer digits, same behaviour). */
export function round(v: number, digits = 5): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Thrown when the model file is missing or not a model; says how to make one. */
export class RelevanceModelError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(`relevance model: ${message}`, options);
    this.name = 'RelevanceModelError';
  }
}

function checkModel(value: unknown, path: string): RelevanceModel {
  const m = value as Partial<RelevanceModel> | null;
  if (!m || m.format !== RELEVANCE_MODEL_FORMAT) {
    throw new RelevanceModelError(`${path} is not a ${RELEVANCE_MODEL_FORMAT} file; retrain with \`npm run train:relevance\` (tools/train-relevance.ts)`);
  }
  const size = m.vocabulary?.terms.length;
  if (!size || m.vocabulary?.idf.length !== size || !m.text || !m.combiner || !m.sections || !m.decisions) {
    throw new RelevanceModelError(`${path} is incomplete (vocabulary, text, combiner, decisions, sections); retrain it`);
  }
  for (const [name, lin] of Object.entries(m.text)) {
    if (lin.terms.length !== lin.weights.length || lin.terms.some((t) => t < 0 || t >= size)) {
      throw new RelevanceModelError(`${path}: text model "${name}" refers to terms outside the vocabulary; retrain it`);
    }
  }
  return m as RelevanceModel;
}

/** Reads and checks a model file (default `data/relevance-model.json`). */
export function loadRelevanceModel(path = DEFAULT_RELEVANCE_MODEL_PATH): RelevanceModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RelevanceModelError(`cannot read ${path}; train one with \`npm run train:relevance\` (tools/train-relevance.ts)`, { cause: err });
  }
  try {
    return checkModel(JSON.parse(text), path);
  } catch (err) {
    if (err instanceof RelevanceModelError) throw err;
    throw new RelevanceModelError(`${path} is not valid JSON; retrain it`, { cause: err });
  }
}

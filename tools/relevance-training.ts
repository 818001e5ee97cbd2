/**
 * Trains a {@link RelevanceModel} from the labelled days, the weak list-membership titles, the list
 * itself and the rubric (its section descriptions and its policy statements). Deterministic: the
 * same inputs give the same file.
 *
 * Three text classifiers see different evidence, each a part of the rubric's policy ("a VLM built or
 * adapted FOR a recognition task"):
 *  - `all` learns from everything: labelled abstracts, weak titles, the list's titles, and the
 *    rubric's policy statements as labelled pseudo-documents (so "reasoning chains", "VLA
 *    policies", "hallucination" lean to 0 and "open-vocabulary detection", "prompt tuning" to 1
 *    whether or not the labelled days happened to contain such papers);
 *  - `labelled` only from labelled abstracts, which look like tomorrow's feed;
 *  - `vl` only from list membership — is there a language side at all? Titles of the
 *    vision-language lists (and the list's own) against titles of vision-only lists (detection,
 *    super-resolution, 3D Gaussian splatting): the rubric's first exclusion, "vision-only work with
 *    no language component", learned without any labelled day.
 * A small combiner weighs their logits (and, when asked, the paper's neighbourhood). It is fitted on
 * out-of-day predictions: each labelled day is scored by text models and a neighbourhood that never
 * saw that day, as tomorrow's feed will be.
 */
import { catalogueReferences, type CatalogueView } from '../src/relevance/catalogue-view.js';
import { denseRow, trainLogistic, type LogisticModel, type TrainingRow } from '../src/relevance/logistic-regression.js';
import { announcementFeatures, featureRow, Neighbourhood, TextClassifiers } from '../src/relevance/features.js';
import { RELEVANCE_MODEL_FORMAT, round, type Decision, type RelevanceModel, type SparseLinear } from '../src/relevance/model.js';
import { sectionKey } from '../src/relevance/section-prototypes.js';
import { buildSectionPrototypes, fitSectionRanker, type SectionExample } from './section-training.js';
import { PaperAnalyser } from '../src/relevance/analyser.js';
import { CONCEPT_PHRASES, conceptEvidence, featureSign, RUBRIC_FEATURES, rubricFeatures } from '../src/relevance/rubric-signals.js';
import { TfIdfSpace } from '../src/relevance/tfidf.js';
import type { TextDoc } from '../src/relevance/text-features.js';
import { labelledDays, type LabelledPaper, type RubricConcept, type SectionDescription, type WeakTitle } from './training-data.js';

export interface TrainingInputs {
  labelled: readonly LabelledPaper[];
  weak: readonly WeakTitle[];
  catalogue: CatalogueView;
  /** Later versions of the list (a checkout of the real list has tables the bundled one lacks): the section ranker learns on them too. */
  otherLists?: readonly CatalogueView[];
  sectionDescriptions?: readonly SectionDescription[];
  /** The rubric's policy statements (`loadRubricConcepts`): pseudo-documents for the `all` classifier. */
  rubricConcepts?: readonly RubricConcept[];
}

export interface TrainingOptions {
  /** Weight of a labelled positive relative to a labelled negative (positives are ~9% of a day). */
  positiveWeight: number;
  /** Weight of a weak title from a vision-language list / from a vision-only list. */
  weakPositiveWeight: number;
  weakNegativeWeight: number;
  /** Weight of multimodal-LLM list titles in sections the rubric rules out (hallucination, CoT …). */
  mllmNegativeWeight: number;
  /** Weight of each of the list's own titles as a positive. */
  listWeight: number;
  /** Weight of each rubric policy statement in the `all` classifier (a statement stands for many papers). */
  rubricWeight: number;
  /** L2 penalty of the text classifiers and of the combiner. */
  l2: number;
  combinerL2: number;
  iterations: number;
  /** Combiner features, by name (see src/relevance/features.ts). */
  combinerFeatures: string[];
  /** Recall that score 0.5 should reach on out-of-day predictions of the training days (clear cases are all kept too). */
  targetRecall: number;
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  positiveWeight: 3,
  weakPositiveWeight: 1,
  weakNegativeWeight: 0.3,
  mllmNegativeWeight: 0.5,
  listWeight: 1,
  rubricWeight: 10,
  l2: 1e-3,
  combinerL2: 1e-2,
  iterations: 300,
  combinerFeatures: ['text:all', 'text:labelled', 'text:vl', 'crossList', ...RUBRIC_FEATURES],
  // The goal itself (recall ≥ 0.85), not a number tuned on the held-out days; every clear positive
  // is kept as well (see recallBiasShift).
  targetRecall: 0.85,
};

/**
 * Sections of the multimodal-LLM list that the rubric's first adjudication rule labels 0
 * (general reasoning, hallucination, in-context learning, RLHF): negatives, not positives.
 */
const MLLM_RULED_OUT = new Set(
  ['Multimodal Hallucination', 'Multimodal Chain-of-Thought', 'LLM-Aided Visual Reasoning', 'Multimodal In-Context Learning', 'Multimodal RLHF'].map(sectionKey),
);
const VLM_LIST = /VLM_survey/i;
const MLLM_LIST = /Multimodal-Large-Language-Models/i;
/** Labelled positives shape section prototypes more than titles: they are recent abstracts, like the papers to be filed. */
const LABELLED_SECTION_WEIGHT = 3;

interface TextExample {
  doc: TextDoc;
  y: 0 | 1;
  weight: number;
}

/** Weak titles as training examples; titles whose label the rubric contradicts are left out or flipped. */
function weakExamples(weak: readonly WeakTitle[], o: TrainingOptions): TextExample[] {
  const out: TextExample[] = [];
  for (const w of weak) {
    if (VLM_LIST.test(w.list)) {
      out.push({ doc: w, y: 1, weight: o.weakPositiveWeight });
    } else if (MLLM_LIST.test(w.list)) {
      // The rest of that list (instruction tuning, evaluation, foundation models) is too mixed to use.
      if (MLLM_RULED_OUT.has(sectionKey(w.section?.[0] ?? ''))) out.push({ doc: w, y: 0, weight: o.mllmNegativeWeight });
    } else if (w.label === 0) {
      out.push({ doc: w, y: 0, weight: o.weakNegativeWeight });
    }
  }
  return out;
}

/**
 * Is there a language side? Titles only (the lists have no abstracts), so the classifier learns
 * title words: any vision-language list (the multimodal-LLM list whole — its pure LLM reports are
 * few) and the list's own titles against the vision-only lists.
 */
function languageSideExamples(weak: readonly WeakTitle[], list: readonly TextDoc[]): TextExample[] {
  return [
    ...weak.map((w) => ({ doc: { title: w.title }, y: (VLM_LIST.test(w.list) || MLLM_LIST.test(w.list) ? 1 : 0) as 0 | 1, weight: 1 })),
    ...list.map((r) => ({ doc: { title: r.title }, y: 1 as const, weight: 1 })),
  ];
}

/** The day-independent evidence every text classifier draws on. */
interface SharedExamples {
  /** Weak titles and the list's titles. */
  lists: TextExample[];
  rubric: TextExample[];
  languageSide: TextExample[];
}

function labelledExamples(papers: readonly LabelledPaper[], o: TrainingOptions): TextExample[] {
  return papers.map((p) => ({ doc: p, y: p.label, weight: p.label === 1 ? o.positiveWeight : 1 }));
}

function toSparse(model: LogisticModel): SparseLinear {
  const terms: number[] = [];
  const weights: number[] = [];
  model.weights.forEach((w, i) => {
    const r = round(w, 4);
    if (r !== 0) {
      terms.push(i);
      weights.push(r);
    }
  });
  return { terms, weights, bias: round(model.bias, 4) };
}

function fitText(space: TfIdfSpace, examples: readonly TextExample[], o: TrainingOptions): SparseLinear {
  const rows: TrainingRow[] = examples.map((e) => ({ x: space.vectorise(e.doc), y: e.y, weight: e.weight }));
  return toSparse(trainLogistic(rows, { dim: space.size, l2: o.l2, iterations: o.iterations }));
}

/**
 * The text classifiers the combiner asks for: `all` learns from everything, `labelled` only from
 * labelled abstracts, `prior` only from the day-independent data (weak titles and the list), `vl`
 * whether a paper has a language side (list membership only).
 */
function textModels(space: TfIdfSpace, labelled: readonly LabelledPaper[], shared: SharedExamples, o: TrainingOptions): Record<string, SparseLinear> {
  const own = labelledExamples(labelled, o);
  const sources: Record<string, () => TextExample[]> = {
    all: () => [...own, ...shared.lists, ...shared.rubric],
    labelled: () => own,
    prior: () => [...shared.lists],
    vl: () => shared.languageSide,
  };
  const out: Record<string, SparseLinear> = {};
  for (const feature of o.combinerFeatures) {
    const name = /^text:(.+)$/.exec(feature)?.[1];
    if (name === undefined) continue;
    const examples = sources[name];
    if (!examples) throw new Error(`relevance training: no text classifier called "${name}" (have ${Object.keys(sources).join(', ')})`);
    out[name] = fitText(space, examples(), o);
  }
  return out;
}

function toDecision(p: LabelledPaper): Decision {
  return { arxivId: p.arxivId, title: p.title, abstract: p.abstract, label: p.label, ...(p.section && { section: p.section }) };
}

/** Combiner rows for each labelled day, from models and neighbours that never saw that day. */
/** A combiner row: features of a labelled paper from models that never saw its day. */
interface CombinerRow {
  x: number[];
  y: 0 | 1;
  /** The label's confidence is high (a clear case). */
  clear: boolean;
}

function outOfDayRows(space: TfIdfSpace, analyser: PaperAnalyser, inputs: TrainingInputs, shared: SharedExamples, o: TrainingOptions): CombinerRow[] {
  const references = catalogueReferences(inputs.catalogue).map((r) => ({ ref: r, vector: space.vectorise(r) }));
  const rows: CombinerRow[] = [];
  for (const day of labelledDays(inputs.labelled)) {
    const others = inputs.labelled.filter((p) => p.date !== day);
    const text = new TextClassifiers(textModels(space, others, shared, o), space.size);
    const hood = new Neighbourhood();
    for (const r of references) hood.addReference(r.ref, r.vector);
    for (const p of others) hood.addDecision(toDecision(p), space.vectorise(p));
    for (const p of inputs.labelled.filter((q) => q.date === day)) {
      const analysis = analyser.analyse(p);
      const vector = analysis.vector;
      const values = { ...text.logits(vector), ...hood.features(vector, p.arxivId), ...announcementFeatures(p), ...rubricFeatures(conceptEvidence(analysis)) };
      rows.push({ x: featureRow(o.combinerFeatures, values), y: p.label, clear: p.confidence === 'high' });
    }
  }
  return rows;
}

/**
 * Moves the bias so that logit 0 (score 0.5) is the operating point, chosen on out-of-day
 * predictions of the training days (never on a day it will be reported on): it keeps
 * `targetRecall` of the positives AND every clear (high-confidence) positive — a digest must not
 * miss a clear case — the cut halfway between the last positive kept and the next one.
 */
function recallBiasShift(combiner: LogisticModel, rows: readonly CombinerRow[], targetRecall: number): number {
  const positives = rows
    .filter((r) => r.y === 1)
    .map((r) => ({ z: r.x.reduce((s, v, i) => s + v * combiner.weights[i]!, combiner.bias), clear: r.clear }))
    .sort((a, b) => b.z - a.z);
  if (positives.length === 0) return 0;
  const lastClear = positives.map((p) => p.clear).lastIndexOf(true);
  const k = Math.min(positives.length - 1, Math.max(lastClear, Math.ceil(targetRecall * positives.length) - 1));
  const next = positives[k + 1];
  // Halfway to the next positive, so that positive is not exactly on the line.
  const cut = next === undefined ? positives[k]!.z - 0.1 : (positives[k]!.z + next.z) / 2;
  return -cut;
}

/** Papers (and rubric descriptions) known to belong to each section, for the section prototypes. */
export function sectionExamples(inputs: TrainingInputs): SectionExample[] {
  const out: SectionExample[] = [];
  for (const w of inputs.weak) {
    if (VLM_LIST.test(w.list) && w.section && !w.section.some((h) => /\bnews\b/i.test(h))) out.push({ doc: w, path: w.section });
  }
  for (const e of inputs.catalogue.entries) {
    if (e.kind === 'paper' && e.shape === 'paper-table') out.push({ doc: e, path: e.section });
  }
  for (const p of inputs.labelled) if (p.label === 1 && p.section) out.push({ doc: p, path: [p.section], weight: LABELLED_SECTION_WEIGHT });
  for (const d of inputs.sectionDescriptions ?? []) out.push({ doc: { title: d.name, abstract: d.text }, path: [d.name], describes: true });
  // Where the list itself has the heading, its path says where the section sits.
  const paths = new Map(inputs.catalogue.sections.map((s) => [sectionKey(s.title), s.path] as const));
  return out.map((ex) => {
    const known = paths.get(sectionKey(ex.path[ex.path.length - 1] ?? ''));
    return known && known.length > ex.path.length ? { ...ex, path: [...known] } : ex;
  });
}

/** Trains the whole model (vocabulary, text classifiers, combiner, decisions, section prototypes). */
export function trainRelevanceModel(inputs: TrainingInputs, options: Partial<TrainingOptions> = {}): RelevanceModel {
  const o = { ...DEFAULT_TRAINING_OPTIONS, ...options };
  const list = catalogueReferences(inputs.catalogue);
  const shared: SharedExamples = {
    lists: [...weakExamples(inputs.weak, o), ...list.map((r) => ({ doc: r, y: 1 as const, weight: o.listWeight }))],
    rubric: (inputs.rubricConcepts ?? []).map((c) => ({ doc: { title: c.text }, y: c.label, weight: o.rubricWeight })),
    languageSide: languageSideExamples(inputs.weak, list),
  };
  const descriptions = (inputs.sectionDescriptions ?? []).map((d) => ({ title: d.name, abstract: d.text }));
  const fitted = TfIdfSpace.fit([...inputs.labelled, ...shared.lists.map((e) => e.doc), ...shared.rubric.map((e) => e.doc), ...descriptions]);
  // Train with the rounded IDF the model file will hold, so scoring reproduces training exactly.
  const space = new TfIdfSpace(fitted.terms, fitted.idf.map((v) => round(v, 4)));

  const analyser = new PaperAnalyser(space.terms, space.idf, CONCEPT_PHRASES);
  const rows = outOfDayRows(space, analyser, inputs, shared, o);
  const combiner = trainLogistic(
    rows.map((r) => ({ x: denseRow(r.x), y: r.y, weight: r.y === 1 ? o.positiveWeight : 1 })),
    { dim: o.combinerFeatures.length, l2: o.combinerL2, iterations: 2000, signs: o.combinerFeatures.map(featureSign) },
  );
  const bias = combiner.bias + recallBiasShift(combiner, rows, o.targetRecall);

  return {
    format: RELEVANCE_MODEL_FORMAT,
    trainedOn: {
      labelledDays: labelledDays(inputs.labelled),
      labelledPapers: inputs.labelled.length,
      weakTitles: inputs.weak.length,
      catalogueEntries: list.length,
    },
    vocabulary: { terms: [...space.terms], idf: [...space.idf] },
    text: textModels(space, inputs.labelled, shared, o),
    combiner: { features: [...o.combinerFeatures], weights: Array.from(combiner.weights, (w) => round(w, 4)), bias: round(bias, 4) },
    decisions: inputs.labelled.map(toDecision),
    sections: buildSectionPrototypes(analyser, sectionExamples(inputs)),
    sectionRanker: fitSectionRanker(
      analyser,
      [inputs.catalogue, ...(inputs.otherLists ?? [])],
      inputs.labelled.flatMap((p) => (p.label === 1 && p.section ? [{ ...p, section: p.section }] : [])),
      (day) => buildSectionPrototypes(analyser, sectionExamples({ ...inputs, labelled: inputs.labelled.filter((p) => p.date !== day) })),
    ),
  };
}

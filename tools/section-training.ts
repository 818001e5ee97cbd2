/**
 * Builds the section prototypes of the relevance model: one centroid per section of the survey's
 * taxonomy, learned from papers known to sit there (the list's entries, later versions of the list,
 * labelled positives) and from the rubric's description of the section.
 */
import type { PaperAnalyser } from '../src/relevance/analyser.js';
import type { CatalogueView } from '../src/relevance/catalogue-view.js';
import { round, type DenseLinear, type SectionPrototype } from '../src/relevance/model.js';
import { sectionConcepts, SECTION_FEATURES, SectionSuggester } from '../src/relevance/section-suggest.js';
import { trainConditionalLogit, type ChoiceRow } from '../src/relevance/logistic-regression.js';
import { sectionMatcher } from './section-match.js';
import { conceptEvidence, SECTION_CONCEPTS } from '../src/relevance/rubric-signals.js';
import { sectionKey } from '../src/relevance/section-prototypes.js';
import type { TextDoc } from '../src/relevance/text-features.js';

/** A document known to belong in a section, with the heading path it was seen under. */
export interface SectionExample {
  doc: TextDoc;
  /** Heading path; its last element names the section. */
  path: string[];
  /** How much it shapes the centroid (1 unless told). */
  weight?: number;
  /** The rubric's description of the section: it alone says what the section is about (its concepts), when there is one. */
  describes?: boolean;
}

/** How many terms of a centroid are kept: the tail carries little and would bloat the model file. */
const PROTOTYPE_TERMS = 300;

/**
 * One prototype per section named by the examples. `analyser` must count the rubric's concepts
 * first (CONCEPT_PHRASES): each prototype also records what its papers are about.
 */
export function buildSectionPrototypes(analyser: PaperAnalyser, examples: readonly SectionExample[]): SectionPrototype[] {
  const bySection = new Map<string, { name: string; path: string[]; sum: Map<number, number>; support: number; concepts: number[]; weight: number; described: number[] | undefined }>();
  for (const ex of examples) {
    const name = ex.path[ex.path.length - 1];
    if (!name) continue;
    const key = sectionKey(name);
    let acc = bySection.get(key);
    if (!acc) bySection.set(key, (acc = { name, path: ex.path, sum: new Map(), support: 0, concepts: SECTION_CONCEPTS.map(() => 0), weight: 0, described: undefined }));
    // Prefer the longest known path: it says where the section sits in the list.
    if (ex.path.length > acc.path.length) acc.path = ex.path;
    const analysis = analyser.analyse(ex.doc);
    const vector = analysis.vector;
    const weight = ex.weight ?? 1;
    vector.indices.forEach((t, k) => acc.sum.set(t, (acc.sum.get(t) ?? 0) + weight * vector.values[k]!));
    const evidence = conceptEvidence(analysis);
    SECTION_CONCEPTS.forEach((c, i) => (acc.concepts[i]! += weight * evidence[c].evidence));
    if (ex.describes) acc.described = SECTION_CONCEPTS.map((c, i) => Math.max(acc.described?.[i] ?? 0, evidence[c].evidence));
    acc.weight += weight;
    acc.support++;
  }
  return [...bySection.values()]
    .map((acc) => {
      const top = [...acc.sum].sort((a, b) => b[1] - a[1]).slice(0, PROTOTYPE_TERMS).sort((a, b) => a[0] - b[0]);
      const norm = Math.sqrt(top.reduce((s, [, v]) => s + v * v, 0)) || 1;
      return {
        name: acc.name,
        path: acc.path,
        terms: top.map(([t]) => t),
        values: top.map(([, v]) => round(v / norm)),
        support: acc.support,
        concepts: Object.fromEntries(SECTION_CONCEPTS.map((c, i) => [c, round(acc.described?.[i] ?? acc.concepts[i]! / (acc.weight || 1), 3)])),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** A paper with the section it was filed in, and the day it was labelled on. */
export interface FiledPaper extends TextDoc {
  date: string;
  section: string;
}

/** The ranker fits on features of this scale (similarities are small cosines); weights are stored for raw features. */
const FEATURE_SCALE = [1 / 0.03, 1 / 0.03, 1 / 0.03, 1];
const RANKER_L2 = 1e-2;

/** One choice row per filed paper: every table's evidence, and which tables are right. */
function rankerRows(analyser: PaperAnalyser, catalogue: CatalogueView, prototypes: SectionPrototype[], papers: readonly FiledPaper[], weight: number): ChoiceRow[] {
  const suggester = new SectionSuggester(catalogue, prototypes, analyser);
  const matches = sectionMatcher(catalogue, prototypes);
  const rows: ChoiceRow[] = [];
  for (const p of papers) {
    const analysis = analyser.analyse(p);
    const { paths, features } = suggester.evidence(analysis.vector, sectionConcepts(analysis));
    const correct = paths.map((path) => matches(p.section, path));
    if (correct.some(Boolean)) rows.push({ x: features.map((f) => f.map((v, i) => v * FEATURE_SCALE[i]!)), correct, weight });
  }
  return rows;
}

/**
 * Fits the section ranker (how much each kind of evidence counts, see section-suggest.ts) the way
 * the combiner is fitted: each labelled day's filed papers are ranked against each list (the
 * bundled one, and later versions of it: a checkout serves those) by prototypes built without that
 * day (`prototypesWithout(day)`), and the weights maximise the probability of the right tables.
 */
export function fitSectionRanker(
  analyser: PaperAnalyser,
  lists: readonly CatalogueView[],
  filed: readonly FiledPaper[],
  prototypesWithout: (day: string) => SectionPrototype[],
): DenseLinear {
  const rows: ChoiceRow[] = [];
  for (const day of [...new Set(filed.map((p) => p.date))].sort()) {
    const prototypes = prototypesWithout(day);
    // Every list the model may serve: the weights must not depend on one list's tables.
    for (const catalogue of lists) rows.push(...rankerRows(analyser, catalogue, prototypes, filed.filter((q) => q.date === day), 1 / lists.length));
  }
  const w = trainConditionalLogit(rows, { dim: SECTION_FEATURES.length, l2: RANKER_L2, iterations: 600 });
  return { features: [...SECTION_FEATURES], weights: Array.from(w, (v, i) => round(v * FEATURE_SCALE[i]!, 4)), bias: 0 };
}

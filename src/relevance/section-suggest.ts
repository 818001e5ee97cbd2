/**
 * Suggests where in the list a paper belongs: the tables of the list being served (never the News
 * block; a real checkout has tables the bundled list lacks), ranked by four pieces of evidence:
 *  - `proto`: closeness to the section's prototype (its papers across the list's history, labelled
 *    positives, the rubric's description of it) — a heading the list does not have yet (a later
 *    version's "Knowledge Distillation for Other Tasks") lends its prototype to its family's tables;
 *  - `entries`: closeness to the entries in that table now, plus approved papers filed there;
 *  - `heading`: the words of the table's heading path;
 *  - `concepts`: whether the paper is about what the section is about, in the rubric's terms
 *    (rubric-signals.ts SECTION_CONCEPTS: a benchmark, prompt tuning, a detector, other tasks…).
 * The model's `sectionRanker` weighs them (fitted on out-of-day labelled papers against the bundled
 * list and a later version of it); a model without one gets a fixed blend of the first three.
 */
import { isNewsPath, tableSections, type CatalogueView } from './catalogue-view.js';
import type { PaperAnalysis } from './analyser.js';
import type { DenseLinear, SectionPrototype } from './model.js';
import { conceptValues, SECTION_CONCEPTS } from './rubric-signals.js';
import { prototypeVector, sectionKey } from './section-prototypes.js';
import { TermMatrix } from './term-matrix.js';
import type { TextDoc } from './text-features.js';
import type { SparseVector } from './tfidf.js';

export interface SectionSuggestion {
  /** Heading texts from the top, e.g. `['Vision-Language Model Transfer Learning Methods', 'Transfer with Feature Adapter']`. */
  path: string[];
  /** Share of the paper's section evidence, in (0, 1]; the suggestions of one paper sum to at most 1. */
  score: number;
}

/** The evidence the ranker weighs, per table, in this order. */
export const SECTION_FEATURES = ['proto', 'entries', 'heading', 'concepts'] as const;

/** The fixed blend for a model without a ranker: similarities over a softmax temperature (cosines are small numbers). */
const FALLBACK: DenseLinear = { features: [...SECTION_FEATURES], weights: [1 / 0.03, 0.25 / 0.03, 0.3 / 0.03, 0], bias: 0 };

/** What the suggester needs of the one-pass analyser: an analysis with the rubric's concepts first. */
export interface SectionAnalyser {
  analyse(doc: TextDoc): PaperAnalysis;
}

interface Target {
  path: string[];
  /**
   * The taxonomy section this table belongs to: the prototype its path names (the five dataset
   * tables under "Datasets for VLM Evaluation" share one), else its own path. Suggestions name each
   * group at most once, so three suggestions are three real alternatives.
   */
  group: string;
  /** Sum of the (normalised) vectors of its entries. */
  entries: Map<number, number>;
  /**
   * Columns of the suggester's matrix: its prototypes (column = index of the prototype; they name
   * or lend to this table), its entries' centroid, its heading words.
   */
  prototypeColumns: number[];
  centroidColumn: number;
  headingColumn: number;
  /** What the section is about (SECTION_CONCEPTS), unit length; zero when nothing is known. */
  profile: Float64Array;
  /** The heading's own concepts, for a table no prototype describes. */
  headingProfile: Float64Array;
}

function longestSharedPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && sectionKey(a[n]!) === sectionKey(b[n]!)) n++;
  return n;
}

function normalised(sum: Map<number, number>): SparseVector {
  const entries = [...sum].sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
  return { indices: Int32Array.from(entries, ([i]) => i), values: Float64Array.from(entries, ([, v]) => v / norm) };
}

function unit(v: Float64Array): Float64Array {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return norm > 0 ? v.map((x) => x / norm) : v;
}

/** A paper's evidence for the section concepts, unit length (from an analysis whose groups start with the rubric's concepts). */
export function sectionConcepts(analysis: PaperAnalysis): Float64Array {
  const all = conceptValues(analysis);
  return unit(Float64Array.from(SECTION_CONCEPTS, (c) => all[c]));
}

function prototypeProfile(p: SectionPrototype): Float64Array {
  return unit(Float64Array.from(SECTION_CONCEPTS, (c) => p.concepts?.[c] ?? 0));
}

/** Section suggestions against one catalogue; approved papers can be filed in as they come. */
export class SectionSuggester {
  private readonly targets: Target[];
  private readonly matrix: TermMatrix;
  private readonly ranker: number[];
  private readonly prototypeKeys: string[];
  private readonly profiles: Float64Array[];

  constructor(view: CatalogueView, prototypes: readonly SectionPrototype[], analyser: SectionAnalyser, ranker: DenseLinear = FALLBACK) {
    this.ranker = SECTION_FEATURES.map((f) => ranker.weights[ranker.features.indexOf(f)] ?? 0);
    const sections = tableSections(view);
    this.matrix = new TermMatrix(prototypes.length + 2 * sections.length);
    this.prototypeKeys = prototypes.map((p) => sectionKey(p.name));
    // Centred across the taxonomy: what sets a section apart, not what every section's papers share.
    const raw = prototypes.map(prototypeProfile);
    const mean = new Float64Array(SECTION_CONCEPTS.length);
    for (const p of raw) p.forEach((v, k) => (mean[k]! += v / raw.length));
    this.profiles = raw.map((p) => p.map((v, k) => v - mean[k]!));
    prototypes.forEach((p, c) => this.matrix.set(c, prototypeVector(p)));
    this.targets = sections.map((s, i) => {
      const heading = analyser.analyse({ title: s.path.join(' ') });
      const target: Target = {
        path: [...s.path],
        group: s.path.map(sectionKey).join(' > '),
        entries: new Map(),
        prototypeColumns: [],
        centroidColumn: prototypes.length + 2 * i,
        headingColumn: prototypes.length + 2 * i + 1,
        profile: new Float64Array(SECTION_CONCEPTS.length),
        headingProfile: sectionConcepts(heading),
      };
      this.matrix.set(target.headingColumn, heading.vector);
      return target;
    });
    const byTarget = new Map<Target, SparseVector[]>();
    for (const e of view.entries) {
      const target = this.targetAt(e.section);
      if (target) byTarget.set(target, [...(byTarget.get(target) ?? []), analyser.analyse({ title: e.title, ...(e.abstract && { abstract: e.abstract }) }).vector]);
    }
    for (const [target, vectors] of byTarget) this.addTo(target, ...vectors);
    prototypes.forEach((p, c) => this.attach(p, c));
    for (const t of this.targets) t.profile = this.profileOf(t);
  }

  /** A decided paper filed under `path` joins that section's entries (a maintainer's pick teaches the suggester). Unknown paths are ignored. */
  addExample(path: readonly string[], vector: SparseVector): void {
    const target = this.targetAt(path) ?? this.targets.find((t) => sectionKey(t.path[t.path.length - 1]!) === sectionKey(path[path.length - 1] ?? ''));
    if (target) this.addTo(target, vector);
  }

  /** Every table's evidence (SECTION_FEATURES order) for a paper, and the table paths: what the ranker is fitted on. */
  evidence(x: SparseVector, concepts: Float64Array): { paths: string[][]; features: number[][] } {
    const products = this.matrix.products(x);
    return {
      paths: this.targets.map((t) => [...t.path]),
      features: this.targets.map((t) => {
        let proto = 0;
        for (const c of t.prototypeColumns) proto = Math.max(proto, products[c]!);
        let match = 0;
        for (let k = 0; k < concepts.length; k++) match += concepts[k]! * t.profile[k]!;
        return [proto, products[t.centroidColumn]!, products[t.headingColumn]!, match];
      }),
    };
  }

  /**
   * The `k` best sections for a paper, best first; `concepts` is its {@link sectionConcepts}.
   * Empty when the list has no table sections.
   */
  suggest(x: SparseVector, concepts: Float64Array, k = 3): SectionSuggestion[] {
    if (this.targets.length === 0) return [];
    const { features } = this.evidence(x, concepts);
    const raw = features.map((f) => f.reduce((s, v, i) => s + v * this.ranker[i]!, 0));
    const max = Math.max(...raw);
    const exp = raw.map((r) => Math.exp(r - max));
    const total = exp.reduce((a, b) => a + b, 0);
    const order = raw.map((_, i) => i).sort((a, b) => raw[b]! - raw[a]!);
    const groups = new Set<string>();
    const out: SectionSuggestion[] = [];
    for (const i of order) {
      const t = this.targets[i]!;
      if (groups.has(t.group)) continue;
      groups.add(t.group);
      out.push({ path: [...t.path], score: exp[i]! / total });
      if (out.length === k) break;
    }
    return out;
  }

  /** What a table is about: the prototype it is named after, else those it borrows, else its heading's words. */
  private profileOf(t: Target): Float64Array {
    const own = t.prototypeColumns.filter((p) => t.path.some((h) => sectionKey(h) === this.prototypeKeys[p]));
    const from = own.length > 0 ? own : t.prototypeColumns;
    if (from.length === 0) return t.headingProfile;
    const sum = new Float64Array(SECTION_CONCEPTS.length);
    for (const p of from) this.profiles[p]!.forEach((v, k) => (sum[k]! += v / from.length));
    return sum;
  }

  private targetAt(path: readonly string[]): Target | undefined {
    if (isNewsPath(path)) return undefined;
    return this.targets.find((t) => t.path.length === path.length && t.path.every((h, i) => h === path[i]));
  }

  private addTo(target: Target, ...vectors: SparseVector[]): void {
    for (const v of vectors) v.indices.forEach((term, k) => target.entries.set(term, (target.entries.get(term) ?? 0) + v.values[k]!));
    this.matrix.set(target.centroidColumn, normalised(target.entries));
  }

  /** Gives a prototype to the sections whose path names it, else to the sections of its family. */
  private attach(p: SectionPrototype, column: number): void {
    const key = sectionKey(p.name);
    const named = this.targets.filter((t) => t.path.some((h) => sectionKey(h) === key));
    if (named.length > 0) {
      for (const t of named) {
        t.prototypeColumns.push(column);
        const depth = t.path.findIndex((h) => sectionKey(h) === key);
        t.group = t.path.slice(0, depth + 1).map(sectionKey).join(' > ');
      }
      return;
    }
    const family = p.path.slice(0, -1);
    const shared = this.targets.map((t) => longestSharedPrefix(t.path, family));
    const best = Math.max(0, ...shared);
    if (best === 0) return;
    this.targets.forEach((t, i) => {
      if (shared[i] === best) t.prototypeColumns.push(column);
    });
  }
}

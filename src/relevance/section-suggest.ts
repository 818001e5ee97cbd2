/**
 * Suggests where in the list a paper belongs: the list's table sections (never the News block),
 * ranked by how close the paper is to
 *  - the section's prototype (its papers across the list's history, labelled positives, the
 *    rubric's description of it) — a heading the list does not have yet (a later version's
 *    "Knowledge Distillation for Other Tasks") lends its prototype to the sections of its family;
 *  - the entries currently in that table, plus approved papers filed there;
 *  - the words of the section's heading path.
 */
import { isNewsPath, tableSections, type CatalogueView } from './catalogue-view.js';
import type { SectionPrototype } from './model.js';
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

/**
 * How much entry similarity and heading similarity count next to prototype similarity. The list's
 * entries are already inside the prototypes; the entry term matters for approved papers and for
 * tables the prototypes do not know.
 */
const ENTRY_WEIGHT = 0.25;
const HEADING_WEIGHT = 0.3;
/** Softmax temperature over the raw similarities (cosines are small numbers). */
const TEMPERATURE = 0.03;

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
  /** Columns of the suggester's matrix: its prototypes, its entries' centroid, its heading words. */
  prototypeColumns: number[];
  centroidColumn: number;
  headingColumn: number;
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

/** Section suggestions against one catalogue; approved papers can be filed in as they come. */
export class SectionSuggester {
  private readonly targets: Target[];
  private readonly matrix: TermMatrix;

  constructor(view: CatalogueView, prototypes: readonly SectionPrototype[], space: { vectorise(doc: TextDoc): SparseVector }) {
    const sections = tableSections(view);
    this.matrix = new TermMatrix(prototypes.length + 2 * sections.length);
    prototypes.forEach((p, c) => this.matrix.set(c, prototypeVector(p)));
    this.targets = sections.map((s, i) => {
      const target: Target = {
        path: [...s.path],
        group: s.path.map(sectionKey).join(' > '),
        entries: new Map(),
        prototypeColumns: [],
        centroidColumn: prototypes.length + 2 * i,
        headingColumn: prototypes.length + 2 * i + 1,
      };
      this.matrix.set(target.headingColumn, space.vectorise({ title: s.path.join(' ') }));
      return target;
    });
    const byTarget = new Map<Target, SparseVector[]>();
    for (const e of view.entries) {
      const target = this.targetAt(e.section);
      if (target) byTarget.set(target, [...(byTarget.get(target) ?? []), space.vectorise({ title: e.title, ...(e.abstract && { abstract: e.abstract }) })]);
    }
    for (const [target, vectors] of byTarget) this.addTo(target, ...vectors);
    prototypes.forEach((p, c) => this.attach(p, c));
  }

  /** A decided paper filed under `path` joins that section's entries. Unknown paths are ignored. */
  addExample(path: readonly string[], vector: SparseVector): void {
    const target = this.targetAt(path) ?? this.targets.find((t) => sectionKey(t.path[t.path.length - 1]!) === sectionKey(path[path.length - 1] ?? ''));
    if (target) this.addTo(target, vector);
  }

  /** The `k` best sections for a paper vector, best first. Empty when the list has no table sections. */
  suggest(x: SparseVector, k = 3): SectionSuggestion[] {
    if (this.targets.length === 0) return [];
    const products = this.matrix.products(x);
    const raw = this.targets.map((t) => {
      let proto = 0;
      for (const c of t.prototypeColumns) proto = Math.max(proto, products[c]!);
      return proto + ENTRY_WEIGHT * products[t.centroidColumn]! + HEADING_WEIGHT * products[t.headingColumn]!;
    });
    const max = Math.max(...raw);
    const exp = raw.map((r) => Math.exp((r - max) / TEMPERATURE));
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

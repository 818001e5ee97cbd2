/**
 * Builds the section prototypes of the relevance model: one centroid per section of the survey's
 * taxonomy, learned from papers known to sit there (the list's entries, later versions of the list,
 * labelled positives) and from the rubric's description of the section.
 */
import { round, type SectionPrototype } from '../src/relevance/model.js';
import { sectionKey } from '../src/relevance/section-prototypes.js';
import type { TfIdfSpace } from '../src/relevance/tfidf.js';
import type { TextDoc } from '../src/relevance/text-features.js';

/** A document known to belong in a section, with the heading path it was seen under. */
export interface SectionExample {
  doc: TextDoc;
  /** Heading path; its last element names the section. */
  path: string[];
  /** How much it shapes the centroid (1 unless told). */
  weight?: number;
}

/** How many terms of a centroid are kept: the tail carries little and would bloat the model file. */
const PROTOTYPE_TERMS = 300;

export function buildSectionPrototypes(space: TfIdfSpace, examples: readonly SectionExample[]): SectionPrototype[] {
  const bySection = new Map<string, { name: string; path: string[]; sum: Map<number, number>; support: number }>();
  for (const ex of examples) {
    const name = ex.path[ex.path.length - 1];
    if (!name) continue;
    const key = sectionKey(name);
    let acc = bySection.get(key);
    if (!acc) bySection.set(key, (acc = { name, path: ex.path, sum: new Map(), support: 0 }));
    // Prefer the longest known path: it says where the section sits in the list.
    if (ex.path.length > acc.path.length) acc.path = ex.path;
    const vector = space.vectorise(ex.doc);
    const weight = ex.weight ?? 1;
    vector.indices.forEach((t, k) => acc.sum.set(t, (acc.sum.get(t) ?? 0) + weight * vector.values[k]!));
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
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

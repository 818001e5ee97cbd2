/**
 * Section prototypes: one centroid per section of the survey's taxonomy (learned offline, see
 * tools/section-training.ts). A section is identified by its heading text, so a prototype still
 * applies when the list moves or nests the heading differently.
 */
import type { SectionPrototype } from './model.js';
import type { SparseVector } from './tfidf.js';

/** Heading text → matching key: case, emoji, punctuation and spacing do not matter. */
export function sectionKey(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A prototype as a sparse vector. */
export function prototypeVector(p: SectionPrototype): SparseVector {
  return { indices: Int32Array.from(p.terms), values: Float64Array.from(p.values) };
}

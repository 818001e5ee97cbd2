/**
 * When does a suggested table count as the labelled section? Shared by the evaluation (scoring a
 * suggestion) and the training of the section ranker (which tables are right for a labelled paper).
 */
import type { CatalogueView } from '../src/relevance/catalogue-view.js';
import type { SectionPrototype } from '../src/relevance/model.js';
import { sectionKey } from '../src/relevance/section-prototypes.js';

/**
 * Does a suggested heading path match a labelled section name? Exactly when the path contains the
 * heading; for a section the list does not have, when the path is in that section's family (the
 * parent heading the model saw it under in later versions of the list). `strict`: the exact rule only.
 */
export function sectionMatcher(catalogue: CatalogueView, prototypes: readonly SectionPrototype[]) {
  const headings = new Set(catalogue.sections.map((s) => sectionKey(s.title)));
  return (label: string, path: readonly string[], strict = false): boolean => {
    const key = sectionKey(label);
    const keys = path.map(sectionKey);
    if (keys.includes(key)) return true;
    if (strict || headings.has(key)) return false;
    const family = prototypes.find((p) => sectionKey(p.name) === key)?.path.slice(0, -1);
    const parent = family?.[family.length - 1];
    return parent !== undefined && keys.includes(sectionKey(parent));
  };
}

/** Is the labelled section a heading of the list? (Otherwise only its family can be suggested.) */
export function listHasSection(catalogue: CatalogueView, label: string): boolean {
  return catalogue.sections.some((s) => sectionKey(s.title) === sectionKey(label));
}

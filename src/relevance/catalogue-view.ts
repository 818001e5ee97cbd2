/**
 * The part of a parsed catalogue the scorer needs: its entries and its sections. Kept structural so
 * the scorer accepts a `Catalogue`, a plain object in a test, or a catalogue after an approval.
 */
import { isNewsHeading } from '../core/list.js';
import type { Entry, Section } from '../core/list.js';
import type { Reference } from './features.js';

export interface CatalogueView {
  entries: readonly Entry[];
  sections: readonly Section[];
}

/** True for headings inside the News block (recent additions, never a target section). */
export function isNewsPath(path: readonly string[]): boolean {
  return path.some(isNewsHeading);
}

/** The list's papers (News bullets included: they are on the list too), as similarity references. */
export function catalogueReferences(view: CatalogueView): Reference[] {
  return view.entries
    .filter((e) => e.kind === 'paper' && e.title.trim() !== '')
    .map((e) => ({
      title: e.title,
      ...(e.arxivId && { arxivId: e.arxivId }),
      section: e.section,
      ...(e.abstract && { abstract: e.abstract }),
    }));
}

/**
 * Sections a paper can be suggested for: headings with a table of their own, outside the News block.
 * Dataset tables count — a new benchmark belongs under "Datasets for VLM Evaluation".
 */
export function tableSections(view: CatalogueView): Section[] {
  return view.sections.filter((s) => s.table !== undefined && !isNewsPath(s.path));
}

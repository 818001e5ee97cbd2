import { type CatalogueItem, venueLabel } from '../core/list.js';

/** What MiniSearch indexes for one catalogue item (its `id` is the item's position). */
export interface IndexedDoc {
  id: number;
  title: string;
  acronym: string;
  venue: string;
  sections: string;
  abstract: string;
  authors: string;
}

export function toDocument(item: CatalogueItem): IndexedDoc {
  return {
    id: item.id,
    title: item.title,
    acronym: item.acronym ?? '',
    venue: venueLabel(item),
    sections: [...new Set(item.sections.flat())].join(' \n '),
    abstract: item.abstract ?? '',
    authors: (item.authors ?? []).join(', '),
  };
}

/** The fields some document has text in: searching an empty field (no abstracts in a plain list) is wasted work. */
export function fieldsWithText(docs: readonly IndexedDoc[], fields: readonly string[]): string[] {
  return fields.filter((f) => docs.some((d) => d[f as keyof IndexedDoc] !== ''));
}

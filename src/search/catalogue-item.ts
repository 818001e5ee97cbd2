import type { CatalogueItem, Entry } from '../core/list.js';
import { titleKey } from '../core/query-text.js';

export function itemKey(entry: Pick<Entry, 'kind' | 'arxivId' | 'title'>): string {
  return entry.arxivId ? `${entry.kind}:arxiv:${entry.arxivId}` : `${entry.kind}:title:${titleKey(entry.title)}`;
}

/**
 * Groups rows into items, keeping list order. Most items come from one row: they share its links
 * object and get one-slot arrays (a list of 100k entries keeps 100k items for as long as it runs).
 */
export function groupEntries(entries: readonly Entry[]): CatalogueItem[] {
  const byKey = new Map<string, CatalogueItem>();
  const items: CatalogueItem[] = [];
  for (const entry of entries) {
    const key = itemKey(entry);
    const item = byKey.get(key);
    if (!item) {
      const first: CatalogueItem = {
        id: items.length,
        kind: entry.kind,
        title: entry.title,
        acronym: entry.acronym,
        venue: entry.venue,
        year: entry.year,
        arxivId: entry.arxivId,
        links: entry.links,
        sections: [entry.section],
        entries: [entry],
        hasCode: Boolean(entry.links.code),
        abstract: entry.abstract,
        authors: entry.authors,
      };
      byKey.set(key, first);
      items.push(first);
      continue;
    }
    item.entries.push(entry);
    if (!item.sections.some((s) => s.join('\u0000') === entry.section.join('\u0000'))) item.sections.push(entry.section);
    // Later rows fill what the first lacked (a News bullet often has no code link; the table row
    // does) — into a copy of the links: the first row's own object is the catalogue's.
    if (item.links === item.entries[0]!.links) item.links = { ...item.links };
    item.acronym ??= entry.acronym;
    item.venue ??= entry.venue;
    item.year ??= entry.year;
    item.links.code ??= entry.links.code;
    item.links.project ??= entry.links.project;
    item.links.paper ??= entry.links.paper;
    item.hasCode = Boolean(item.links.code);
  }
  return items;
}

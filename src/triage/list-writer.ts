import type { CatalogueStore } from '../catalogue/store.js';
import { UserError } from '../core/errors.js';
import { isNewsHeading } from '../catalogue/catalogue.js';
import { renderRow, writableTable, type NewRow } from './row-format.js';

/** The one line an approval added: enough to find and remove it again (undo). */
export interface ListLine {
  section: string[];
  /** 1-based line at the time it was written (it may move as the list changes). */
  line: number;
  text: string;
}

export type AddResult = ({ status: 'added' } | { status: 'already-listed'; where: string[][] }) & ListLine;

/**
 * Writes a paper into the list as the last row of `section`'s table (paper or dataset table, never
 * the News block), in that table's own row format: a one-line change, written atomically, with the catalogue and search index updated.
 * Idempotent: a paper whose arXiv id is already listed is not written again.
 */
export function addPaperToList(store: CatalogueStore, section: readonly string[], row: NewRow & { arxivId: string }): Promise<AddResult> {
  return store.update((catalogue) => {
    const listed = catalogue.entries.filter((e) => e.arxivId === row.arxivId);
    if (listed.length) {
      const first = listed[0]!;
      return { catalogue, status: 'already-listed' as const, where: listed.map((e) => e.section), section: first.section, line: first.line, text: catalogue.lineText(first.line) ?? '' };
    }
    const target = catalogue.sectionByPath(section);
    const table = writableTable(target);
    if (!target || !table || section.some(isNewsHeading)) {
      throw new UserError('not-a-table-section', `“${section.join(' › ')}” is not a section with a table of its own; pick one of the suggested sections.`);
    }
    const text = renderRow(catalogue, table, row);
    return { catalogue: catalogue.insertLine(table.lastLine, text), status: 'added' as const, section: [...section], line: table.lastLine + 1, text };
  });
}

/**
 * Removes a line an approval added (undo). Finds it by its exact text within its section, so it
 * works after other edits moved it. Resolves to false when the line is no longer there.
 */
export async function removeLineFromList(store: CatalogueStore, added: Pick<ListLine, 'section' | 'text'>): Promise<boolean> {
  const result = await store.update((catalogue) => {
    const target = catalogue.sectionByPath(added.section);
    const table = target?.table;
    let found: number | undefined;
    if (table) {
      for (let line = table.headerLine; line <= table.lastLine; line++) {
        if (catalogue.lineText(line) === added.text) found = line;
      }
    }
    return found === undefined ? { catalogue, removed: false } : { catalogue: catalogue.removeLine(found), removed: true };
  });
  return result.removed;
}

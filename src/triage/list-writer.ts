import type { Catalogue } from '../catalogue/catalogue.js';
import { isNewsHeading } from '../core/list.js';
import type { ListSession, ModifyHooks } from '../catalogue/list-file.js';
import type { Entry } from '../core/list.js';
import { UserError } from '../core/errors.js';
import { renderRow, writableTable, type NewRow } from './row-format.js';

/** The one line an approval added: enough to find and remove it again (undo). */
export interface ListLine {
  section: string[];
  /** 1-based line at the time it was written (it may move as the list changes). */
  line: number;
  text: string;
}

export type AddResult = ({ status: 'added' } | { status: 'already-listed'; where: string[][] }) & ListLine;

/** Something that applies a plan to the list as it is on disk, under the lock: a session, or the live store. */
export type ListChanger = Pick<ListSession, 'modify'>;

/**
 * Writes a paper into the list as the last row of `section`'s table (paper or dataset table, never
 * the News block), in that table's own row format: a one-line change to the file as it is on disk
 * now. Idempotent: a paper whose arXiv id is already listed is not written again. Refused with a
 * UserError, writing nothing, when the section has no table (any more). `row.line`, when given,
 * is written as it is (the row an approval already wrote elsewhere, e.g. into GitHub's copy).
 */
export async function addPaperToList(
  list: ListChanger,
  section: readonly string[],
  row: (NewRow | { line: string }) & { arxivId: string },
  hooks?: ModifyHooks<AddResult>,
): Promise<AddResult> {
  return list.modify((catalogue): AddResult & { catalogue: typeof catalogue } => {
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
    const text = 'line' in row ? row.line : renderRow(catalogue, table, row);
    return { catalogue: catalogue.insertLine(table.lastLine, text), status: 'added' as const, section: [...section], line: table.lastLine + 1, text };
  }, hooks);
}

/**
 * The entry whose line is exactly `text` (a line an approval wrote), preferably within `section`:
 * found after hand edits moved it, even to another section.
 */
export function findWrittenLine(catalogue: Catalogue, section: readonly string[] | undefined, text: string): Entry | undefined {
  const matches = catalogue.entries.filter((e) => catalogue.lineText(e.line) === text);
  return matches.find((e) => section && e.section.length === section.length && e.section.every((p, i) => p === section[i])) ?? matches[0];
}

/**
 * Removes a line an approval added (undo) from the file as it is on disk now. Finds it by its
 * exact text within its section, so it works after other edits moved it. Resolves to false when
 * the line is no longer there (someone removed it by hand): nothing is written.
 */
export async function removeLineFromList(list: ListChanger, added: Pick<ListLine, 'section' | 'text'>): Promise<boolean> {
  const result = await list.modify((catalogue) => {
    const table = catalogue.sectionByPath(added.section)?.table;
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

import type { Catalogue } from '../catalogue/catalogue.js';
import { splitRow } from '../core/markdown.js';
import type { Section, TableInfo } from '../core/list.js';

/** A paper about to be written into the list. */
export interface NewRow {
  title: string;
  url: string;
  venue: string;
  code?: string;
}

interface RowStyle {
  leadingPipe: boolean;
  trailingPipe: boolean;
  /** Cells written as `| x |` rather than `|x|`. */
  padded: boolean;
}

/**
 * Renders a paper as a row of `table`, in the style most of that table's rows already use (pipes
 * at the ends or not, padded cells or not), with cells placed by the table's own header names.
 * Paper tables get `|[Title](url)|Venue|[Code](url)|` (empty code cell when there is none);
 * dataset tables get the linked title, the year, a project link, and `-` in columns arXiv cannot
 * fill (as the list does for unknown values). Text from arXiv is made safe for the list (see
 * {@link listCell}).
 */
export function renderRow(catalogue: Catalogue, table: TableInfo, row: NewRow): string {
  const style = tableStyle(catalogue, table);
  const col = (re: RegExp, fallback: number) => {
    const i = table.headers.findIndex((h) => re.test(h));
    return i >= 0 ? i : fallback;
  };
  const cells: string[] = table.headers.map(() => (table.kind === 'dataset' ? '-' : ''));
  cells[0] = `[${listCell(row.title, TITLE_MAX).replace(/[[\]]/g, '\\$&')}](${row.url})`;
  if (table.kind === 'dataset') {
    const yearCol = col(/^year$/i, -1);
    const projectCol = col(/project|code|link/i, -1);
    const year = /(\d{4})$/.exec(row.venue)?.[1];
    if (yearCol > 0 && year) cells[yearCol] = year;
    if (projectCol > 0) cells[projectCol] = row.code ? `[Project](${row.code})` : '-';
  } else {
    const venueCol = col(/published|venue|conference/i, 1);
    const codeCol = col(/code|project/i, 2);
    if (venueCol < cells.length) cells[venueCol] = listCell(row.venue, VENUE_MAX);
    if (codeCol < cells.length && row.code) cells[codeCol] = `[Code](${row.code})`;
  }
  const body = cells.map((c) => (style.padded ? ` ${c} ` : c)).join('|');
  return `${style.leadingPipe ? '|' : ''}${body}${style.trailingPipe ? '|' : ''}`;
}

/** The section's own table when rows can be written into it (a paper or dataset table), else undefined. */
export function writableTable(section: Section | undefined): TableInfo | undefined {
  const table = section?.table;
  return table && table.kind !== 'unknown' ? table : undefined;
}

function tableStyle(catalogue: Catalogue, table: TableInfo): RowStyle {
  const votes = { leading: 0, trailing: 0, padded: 0, rows: 0 };
  for (let line = table.headerLine + 2; line <= table.lastLine; line++) {
    const text = catalogue.lineText(line)?.trim();
    if (!text || splitRow(text).every((c) => c === '')) continue;
    votes.rows++;
    if (text.startsWith('|')) votes.leading++;
    if (text.endsWith('|')) votes.trailing++;
    if (/^\|? [^ ]/.test(text)) votes.padded++;
  }
  if (!votes.rows) {
    // An empty table: follow its header row.
    const header = catalogue.lineText(table.headerLine)?.trim() ?? '|';
    return { leadingPipe: header.startsWith('|'), trailingPipe: header.endsWith('|'), padded: false };
  }
  return { leadingPipe: votes.leading * 2 >= votes.rows, trailingPipe: votes.trailing * 2 >= votes.rows, padded: votes.padded * 2 > votes.rows };
}

/** The longest title a row gets (real titles stay far below; a 10,000-character one does not get in whole). */
export const TITLE_MAX = 300;
const VENUE_MAX = 60;

// Control characters (line breaks included) become spaces; invisible ones — zero-width, bidi
// overrides and isolates, soft hyphen, BOM — go: a reviewer must see in the diff what readers get.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * Text from arXiv (strangers) as plain, visible, one-line text of at most `max` characters:
 * control characters become spaces, invisible ones are removed, whitespace is collapsed, and a
 * longer text is cut at a word boundary with `…`. (Also what commit messages get.)
 */
export function cleanText(text: string, max: number): string {
  const plain = text.replace(CONTROL, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(plain);
  if (chars.length <= max) return plain;
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  return `${(space > head.length / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/**
 * {@link cleanText} made safe for one cell of the list: `\` and `|` are escaped (they would end the
 * cell or a link), `<` is escaped so no HTML and no chat mention syntax (`<!channel>`, `<@U123>`)
 * gets in, and `@everyone`/`@here`/`@channel` lose their power.
 */
export function listCell(text: string, max: number): string {
  return cleanText(text, max)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '\\<')
    .replace(/@(everyone|here|channel)\b/gi, '\\@$1');
}

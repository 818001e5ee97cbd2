import { acronymPrefix, acronymSuffix, arxivIdOf, classifyLinks, parseVenue, parseYear } from './entry-fields.js';
import { findLinks, isDelimiterRow, parseHeading, plainText, splitRow, wholeLink } from '../core/markdown.js';
import type { Entry, EntryKind, ParseWarning, Section, TableInfo } from '../core/list.js';

/** What one pass over the lines finds. Lines are kept by the Catalogue; this is derived data only. */
export interface ParsedDocument {
  entries: Entry[];
  sections: Section[];
  warnings: ParseWarning[];
}

const FENCE = /^\s*(```|~~~)/;
const BULLET = /^\s*[*+-]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const TAG = /^\[([^\]]+)\](?!\()\s*/;

/** Parses lines (each with its own line terminator) into sections, entries and warnings. Never throws. */
export function parseLines(lines: readonly string[]): ParsedDocument {
  const entries: Entry[] = [];
  const sections: Section[] = [];
  const warnings: ParseWarning[] = [];
  const stack: Section[] = [];
  let inFence = false;
  let table: { info: TableInfo; section?: Section } | undefined;

  const currentPath = () => stack.map((s) => s.title);
  const addEntry = (e: Omit<Entry, 'id' | 'section'>) => {
    const entry: Entry = { ...e, id: `L${e.line}`, section: currentPath() };
    entries.push(entry);
    const direct = stack[stack.length - 1];
    if (direct) direct.entryCount++;
    for (const s of stack) s.totalCount++;
  };
  const kindFromPath = (): EntryKind => (stack.some((s) => /dataset/i.test(s.title)) ? 'dataset' : 'paper');

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r?\n$/, '');
    const lineNo = i + 1;

    if (FENCE.test(raw)) {
      inFence = !inFence;
      table = undefined;
      continue;
    }
    if (inFence) continue;

    const heading = parseHeading(raw);
    if (heading) {
      table = undefined;
      while (stack.length && stack[stack.length - 1]!.level >= heading.level) stack.pop();
      const section: Section = {
        path: [...currentPath(), heading.text],
        title: heading.text,
        level: heading.level,
        line: lineNo,
        entryCount: 0,
        totalCount: 0,
      };
      stack.push(section);
      sections.push(section);
      continue;
    }

    const trimmed = raw.trim();
    if (trimmed.startsWith('|')) {
      if (table) {
        table.info.lastLine = lineNo;
        const cells = splitRow(trimmed);
        if (cells.every((c) => c === '')) continue; // `||||||` spacer rows group a table visually
        const entry = readTableRow(cells, table.info, lineNo, kindFromPath());
        if (entry.shape === 'generic') warnings.push({ line: lineNo, message: `row of an unknown shape kept as a generic entry: ${trimmed.slice(0, 80)}` });
        addEntry(entry);
        continue;
      }
      const next = lines[i + 1]?.replace(/\r?\n$/, '');
      if (next !== undefined && isDelimiterRow(next)) {
        const headers = splitRow(trimmed);
        const info: TableInfo = { headers, kind: tableKind(headers), headerLine: lineNo, lastLine: lineNo + 1 };
        const section = stack[stack.length - 1];
        table = { info, section };
        if (section && !section.table) section.table = info;
        i++; // the delimiter row belongs to the header
        continue;
      }
    } else if (trimmed !== '' || table) {
      table = undefined;
    }

    const item = BULLET.exec(raw) ?? NUMBERED.exec(raw);
    if (item) {
      const shape = BULLET.test(raw) ? 'news-bullet' : 'numbered';
      const entry = readListItem(item[1]!, shape, lineNo, kindFromPath());
      if (!entry) continue; // menu links and prose bullets are not entries
      if (entry.shape === 'generic') warnings.push({ line: lineNo, message: `list item of an unknown shape kept as a generic entry: ${trimmed.slice(0, 80)}` });
      addEntry(entry);
    }
  }
  return { entries, sections, warnings };
}

function tableKind(headers: string[]): TableInfo['kind'] {
  const first = headers[0] ?? '';
  if (/dataset|benchmark/i.test(first)) return 'dataset';
  if (/paper|title|method|model/i.test(first) || headers.some((h) => /published/i.test(h))) return 'paper';
  return 'unknown';
}

type NewEntry = Omit<Entry, 'id' | 'section'>;

function readTableRow(cells: string[], table: TableInfo, line: number, pathKind: EntryKind): NewEntry {
  const first = cells[0] ?? '';
  const link = wholeLink(first);
  const title = plainText(link ? link.label : first);
  const fields: Record<string, string> = {};
  table.headers.forEach((h, idx) => {
    if (h) fields[h] = cells[idx] ?? '';
  });

  if (!title || table.kind === 'unknown') {
    const links = classifyLinks(cells.flatMap(findLinks), link?.url);
    return { kind: pathKind, shape: 'generic', title: title || plainText(cells.join(' ')), links, arxivId: arxivIdOf(links), line, fields };
  }

  if (table.kind === 'dataset') {
    const rest = cells.slice(1).flatMap(findLinks).map((l) => (/project|code/i.test(l.label) ? l : { ...l, label: 'Project' }));
    const links = classifyLinks(rest, link?.url);
    const yearIdx = table.headers.findIndex((h) => /^year$/i.test(h));
    const year = yearIdx >= 0 ? parseYear(cells[yearIdx] ?? '') : undefined;
    return { kind: 'dataset', shape: 'dataset-table', title, acronym: acronymPrefix(title), links, year, arxivId: arxivIdOf(links), line, fields };
  }

  const venueIdx = indexOrDefault(table.headers, /published|venue|conference/i, 1);
  const codeIdx = indexOrDefault(table.headers, /code|project/i, 2);
  const { venue, year } = parseVenue(plainText(cells[venueIdx] ?? ''));
  const codeLinks = findLinks(cells[codeIdx] ?? '').map((l) => (/project|page|website/i.test(l.label) ? l : { ...l, label: 'Code' }));
  const links = classifyLinks(codeLinks, link?.url);
  return { kind: 'paper', shape: 'paper-table', title, acronym: acronymPrefix(title), links, venue, year, arxivId: arxivIdOf(links), line };
}

function indexOrDefault(headers: string[], re: RegExp, fallback: number): number {
  const idx = headers.findIndex((h) => re.test(h));
  return idx >= 0 ? idx : fallback;
}

function readListItem(body: string, shape: 'news-bullet' | 'numbered', line: number, pathKind: EntryKind): NewEntry | undefined {
  const links = findLinks(body);
  if (links.length === 0 || links.every((l) => l.url.startsWith('#'))) return undefined;
  let rest = body;
  let venue: string | undefined;
  let year: number | undefined;
  const tag = TAG.exec(rest);
  if (tag && !/^\[/.test(tag[1]!)) {
    ({ venue, year } = parseVenue(tag[1]!));
    rest = rest.slice(tag[0].length);
  }
  // Title = the text before the first bracketed link group (`[[Paper](…)]` or `[Paper](…)`).
  const cut = rest.search(/\[\[|\[[^\]]*\]\(/);
  let title = plainText(cut >= 0 ? rest.slice(0, cut) : rest);
  let titleUrl: string | undefined;
  if (!title) {
    const only = wholeLink(rest.trim());
    if (only) {
      title = plainText(only.label);
      titleUrl = only.url;
    }
  }
  const classified = classifyLinks(links, titleUrl);
  const base = { kind: pathKind, links: classified, venue, year, arxivId: arxivIdOf(classified), line };
  if (!title) return { ...base, shape: 'generic', title: plainText(body) };
  return { ...base, shape, title, acronym: acronymPrefix(title) ?? acronymSuffix(title) };
}

import { Catalogue } from './catalogue.js';
import type { Entry } from '../core/list.js';

/** The text is not a survey list (empty, binary, no headings or no rows): it must not be served or written over. */
export class NotAListError extends Error {
  override name = 'NotAListError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`catalogue: ${file} ${reason}`);
  }
}

/**
 * The least a text must have to be served as the list: no NUL bytes, markdown headings, and at
 * least one paper or dataset row. Throws {@link NotAListError} saying what is missing.
 */
export function checkList(text: string, file: string): Catalogue {
  if (text.includes('\u0000')) throw new NotAListError(file, 'is not a text file');
  const catalogue = Catalogue.parse(text);
  if (!catalogue.sections.length) throw new NotAListError(file, 'is not a survey list: it has no markdown headings');
  if (!catalogue.entries.length) {
    throw new NotAListError(
      file,
      'is not a survey list: no paper or dataset rows were found (tables like |[Title](url)|Venue|[Code](url)|, or bullets like * [CVPR 2023] Title [[Paper](url)])',
    );
  }
  return catalogue;
}

/** What changed between two versions of the list, by entry (a row moved to another line is unchanged). */
export interface EntryChanges {
  added: Entry[];
  removed: Entry[];
}

export function entryChanges(before: Catalogue, after: Catalogue): EntryChanges {
  const key = (e: Entry) => `${e.kind}\u0001${e.section.join('\u0000')}\u0001${e.arxivId ?? e.title}`;
  const count = (entries: readonly Entry[]) => {
    const m = new Map<string, Entry[]>();
    for (const e of entries) m.set(key(e), [...(m.get(key(e)) ?? []), e]);
    return m;
  };
  const was = count(before.entries);
  const now = count(after.entries);
  const diff = (a: Map<string, Entry[]>, b: Map<string, Entry[]>) => [...a].flatMap(([k, list]) => list.slice(b.get(k)?.length ?? 0));
  return { added: diff(now, was), removed: diff(was, now) };
}

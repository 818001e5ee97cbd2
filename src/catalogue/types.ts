/** What kind of thing a catalogue entry describes. */
export type EntryKind = 'paper' | 'dataset';

/** The markdown shape an entry was read from; decides how a new row of the same table is written. */
export type EntryShape = 'paper-table' | 'dataset-table' | 'news-bullet' | 'numbered' | 'generic';

export interface EntryLinks {
  paper?: string;
  code?: string;
  project?: string;
}

/** One row of the list (a table row, a News bullet or a numbered item), as parsed. */
export interface Entry {
  /** Stable within one parse: `L<line>` — the 1-based source line. */
  id: string;
  kind: EntryKind;
  shape: EntryShape;
  title: string;
  /** `CoOp: Learning to …` → `CoOp`. */
  acronym?: string;
  links: EntryLinks;
  venue?: string;
  year?: number;
  /** Versionless arXiv id (`2109.01134`) when any link points at arXiv. */
  arxivId?: string;
  /** Heading texts from the top, e.g. `['Vision-Language Model Transfer Learning Methods', 'Transfer with Prompt Tuning', …]`. */
  section: string[];
  /** 1-based source line. */
  line: number;
  /** Dataset rows (and generic rows) keep every column, keyed by the table's own header names. */
  fields?: Record<string, string>;
  /** Present when the entry came from arXiv (approved candidates) — never in the markdown itself. */
  abstract?: string;
  authors?: string[];
}

/** A heading of the list. */
export interface Section {
  /** Heading texts from the top, this heading last. */
  path: string[];
  title: string;
  /** Markdown heading level (1–6). */
  level: number;
  /** 1-based line of the heading. */
  line: number;
  /** Entries directly under this heading (not counting sub-headings). */
  entryCount: number;
  /** Entries under this heading and all its sub-headings (a paper in two sub-sections counts twice). */
  totalCount: number;
  /** The kind of table under this heading, if any: decides the row format of an insertion. */
  table?: TableInfo;
}

export interface TableInfo {
  /** Header cell texts, trimmed. */
  headers: string[];
  /** `unknown` when the header names neither papers nor datasets; its rows become generic entries. */
  kind: EntryKind | 'unknown';
  /** 1-based line of the header row. */
  headerLine: number;
  /** 1-based line of the last row of the table (the separator line when it has no rows). */
  lastLine: number;
}

export interface ParseWarning {
  line: number;
  message: string;
}

/**
 * The list as commands see it: the entries and sections parsed from the survey README, the items
 * search groups them into, and the capability `ctx.catalogue` offers. The catalogue room parses and
 * writes the file, the search room indexes it; both fill these shapes, which core owns so that
 * commands depend on core alone.
 */

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

/** `## News`, `## 🔥 News`: the block of recent additions, never a target section. */
export function isNewsHeading(title: string): boolean {
  return /\bnews\b/i.test(title);
}

/**
 * One searchable paper or dataset. A paper listed in several sections (or twice in one) is one
 * item naming every section; rows are merged by kind + arXiv id, else kind + normalised title.
 */
export interface CatalogueItem {
  /** Index-internal numeric id (position in `SearchIndex.items`). */
  id: number;
  kind: EntryKind;
  title: string;
  acronym?: string;
  venue?: string;
  year?: number;
  arxivId?: string;
  links: EntryLinks;
  /** Every heading path the item is listed under, in list order, without duplicates. */
  sections: string[][];
  /** The rows it was read from (first is the primary: title, links, venue come from it). */
  entries: Entry[];
  hasCode: boolean;
  abstract?: string;
  authors?: string[];
}

/** `CVPR 2022`, `arXiv 2023`, `2021`, or '' — how a venue is shown. */
export function venueLabel(item: Pick<CatalogueItem, 'venue' | 'year'>): string {
  return [item.venue, item.year].filter(Boolean).join(' ');
}

export interface SearchFilters {
  /** Case-insensitive substring of any heading in any of the item's section paths. */
  section?: string;
  yearFrom?: number;
  yearTo?: number;
  /** Case-insensitive: `CVPR` matches `CVPR 2022`. */
  venue?: string;
  hasCode?: boolean;
  kind?: EntryKind;
}

export interface SearchHit {
  item: CatalogueItem;
  score: number;
  /** Index terms that matched (for "why"). */
  terms: string[];
}

export interface Completion {
  /** Shown to the user (≤ 100 characters, Discord's limit). */
  name: string;
  /** Handed back to the command (an arXiv id or the title, ≤ 100 characters). */
  value: string;
}

/** The search over the list (the search room's SearchIndex). */
export interface ListIndex {
  /** Every paper and dataset, a paper listed in several sections once. */
  readonly items: readonly CatalogueItem[];
  readonly size: number;
  /** Best matches first; filters narrow by section, year, venue, code and kind. */
  search(query: string, filters?: SearchFilters, limit?: number): SearchHit[];
  /** Choices for a partial name (autocomplete), at most `limit`. */
  complete(partial: string, kind?: EntryKind, limit?: number): Completion[];
  /** The item a title, acronym, arXiv id or URL names best. */
  find(ref: string, kind?: EntryKind): CatalogueItem | undefined;
  /** The item a parsed row belongs to. */
  itemOf(entry: Entry): CatalogueItem | undefined;
  byArxivId(id: string): readonly CatalogueItem[];
  byTitle(title: string): readonly CatalogueItem[];
  /** Items whose words are most like `text` (for `/vlm similar`). */
  similar(text: string, limit?: number, exclude?: CatalogueItem): SearchHit[];
}

/** What the bot is serving (see the catalogue room's CatalogueStore). */
export interface ListStatus {
  file: string;
  loadedAt: number;
  /** Set while the file on disk cannot be served: the last good version is. */
  reloadError?: { message: string; since: number };
}

/** `ctx.catalogue`: the live list — the version being served, its search, and its status. */
export interface CatalogueCapability {
  /** SURVEY_PATH as configured. */
  readonly file: string;
  readonly catalogue: {
    readonly entries: readonly Entry[];
    readonly sections: readonly Section[];
    /** Entries under a heading path, its sub-sections included, in list order. */
    entriesUnder(path: readonly string[]): Entry[];
  };
  readonly index: ListIndex;
  readonly status: ListStatus;
}

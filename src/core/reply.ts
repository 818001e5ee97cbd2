/**
 * A platform-neutral answer. Commands return it; adapters render it (embeds, Block Kit, terminal text).
 * Text fields hold plain text from the list, users or arXiv: renderers escape it for their platform.
 */
export interface Reply {
  title?: string;
  /** Plain-text paragraphs. */
  text?: string;
  /** A list of catalogue entries or candidates. */
  items?: ReplyItem[];
  /** Name/value pairs (a paper's fields, stats). */
  fields?: ReplyField[];
  links?: ReplyLink[];
  /** Set by the pager when more items remain: the adapter offers a "more" action with this token. */
  page?: PageInfo;
  /** Only the asking user should see it (errors, help). */
  ephemeral?: boolean;
  /** `error` replies come from the registry's error mapping. */
  status?: 'ok' | 'user-error' | 'error';
  /** Stable error identifier when status is not ok. */
  errorCode?: string;
}

export interface ReplyItem {
  /**
   * Shown in place of the item's position (`#12` for a candidate, the number `triage` takes), so a
   * list never shows two numberings at once. Unset: items are numbered 1, 2, 3 …
   */
  marker?: string;
  title: string;
  url?: string;
  /** One short line under the title: venue, year, sections. */
  subtitle?: string;
  /** Extra lines (why a candidate was picked, dataset columns). */
  details?: string[];
  links?: ReplyLink[];
}

export interface ReplyField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface ReplyLink {
  label: string;
  url: string;
}

export interface PageInfo {
  /** Opaque token for the next page (absent on the last); adapters put it in a button/action id. */
  next?: string;
  /** Opaque token for the previous page (absent on the first). */
  prev?: string;
  /** 1-based number of the page shown. */
  page: number;
  pages: number;
  /** Items per page (the first item of this page is number `(page - 1) * size + 1`). */
  size: number;
  total: number;
}

/** `Pre-training with Contrastive Objective` — how replies name a section: the last heading of its path (the most specific). */
/**
 * A relevance score (0–1) as people read it: a whole percentage, rounded down so that only a
 * certain 1.0 shows as 100 % (0.996 is 99 %, not a misleading 100 %).
 */
export function scoreLabel(score: number): string {
  const pct = score >= 1 ? 100 : Math.max(0, Math.min(99, Math.floor(score * 100)));
  return `${pct}%`;
}

export function sectionLabel(path: readonly string[]): string {
  return path[path.length - 1] ?? '(top)';
}

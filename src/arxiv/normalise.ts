import { arxivAbsUrl, parseArxivId, type ArxivIdParts } from '../core/arxiv-id.js';
import type { AnnounceType, FeedPaper } from './paper.js';
import { collapseWhitespace, toPlainText } from './plain-text.js';

export type FeedFormat = 'rss2' | 'rdf' | 'atom';

export interface ParsedFeed {
  title?: string;
  papers: FeedPaper[];
  /** Items that could not become papers; `reason` is a short stable phrase, fit for counting. */
  skipped: { reason: string }[];
  format: FeedFormat;
}

/**
 * An item as parse.ts lifts it out of rss-parser, before any arXiv rules: raw strings that may
 * still hold HTML, entities and legacy decorations.
 */
export interface RawFeedItem {
  title?: string;
  link?: string;
  /** RSS `guid` or Atom `id`. */
  guid?: string;
  /** RDF `rdf:about`. */
  about?: string;
  /** RSS `description` or Atom `summary`. */
  description?: string;
  /** `arxiv:announce_type`. */
  announceType?: string;
  /** `dc:creator` texts: comma-separated names, or HTML links in legacy feeds. */
  creators: string[];
  /** Atom `author/name`s. */
  authorNames: string[];
  categories: string[];
  primaryCategory?: string;
  /** ISO timestamp. */
  published?: string;
  journalRef?: string;
  doi?: string;
  comment?: string;
}

export interface NormaliseContext {
  format: FeedFormat;
  /** Categories the feed is about (from its title); tells a legacy cross-listed update from a plain one. */
  feedCategories?: string[];
}

export type NormaliseResult = { paper: FeedPaper } | { skipped: string };

const ANNOUNCE_TYPES: readonly AnnounceType[] = ['new', 'cross', 'replace', 'replace-cross'];
// Current feeds open the description with `arXiv:2604.01234v1 Announce Type: new` and then `Abstract: …`.
const DESCRIPTION_HEAD = /^\s*arXiv:\s*(\S+)\s+Announce Type:\s*([A-Za-z-]+)\s*/i;
const ABSTRACT_LABEL = /^\s*Abstract:\s*/i;
// Legacy RDF titles end with `. (arXiv:1805.08875v1 [hep-ex])`, `… CROSS LISTED)` or `… UPDATED)`.
const LEGACY_TITLE_SUFFIX = /\s*\(arXiv:\s*(\S+?)\s*(?:\[([^\]]*)\])?\s*(CROSS LISTED|UPDATED)?\s*\)\s*$/i;
const AUTHOR_NOISE = /^(?:et al\.?|and others|\(?\d+ additional authors? not shown\)?)$/i;

/**
 * Applies arXiv's rules to one raw item: finds the versionless id (description, legacy title,
 * guid/id, link, rdf:about — first that parses), cleans title and abstract to plain text, splits
 * authors, orders categories primary-first and works out the announce type.
 * Returns `{ skipped: reason }` instead of throwing when the item lacks an id, a title or a known
 * announce type; a missing abstract or author list is not a reason to lose a paper.
 */
export function normaliseItem(raw: RawFeedItem, ctx: NormaliseContext): NormaliseResult {
  const head = raw.description ? DESCRIPTION_HEAD.exec(raw.description) : null;
  const legacy = raw.title ? LEGACY_TITLE_SUFFIX.exec(raw.title) : null;

  const ids = [head?.[1], legacy?.[1], raw.guid, raw.link, raw.about].map((c) => (c ? parseArxivId(c) : undefined));
  const found = pickId(ids);
  if (!found) return { skipped: 'missing arXiv id' };

  const title = cleanTitle(raw.title, legacy);
  if (!title) return { skipped: 'missing title' };

  const announce = announceTypeOf(raw, head?.[2], legacy, ctx);
  if (announce === 'unknown') return { skipped: 'unknown announce type' };
  if (!announce) return { skipped: 'missing announce type' };

  const abstractText = raw.description && head ? raw.description.slice(head[0].length) : raw.description;
  const paper: FeedPaper = {
    arxivId: found.id,
    ...(found.version !== undefined && { version: found.version }),
    title,
    abstract: toPlainText(abstractText).replace(ABSTRACT_LABEL, ''),
    authors: authorsOf(raw),
    categories: categoriesOf(raw, legacy?.[2]),
    announceType: announce,
    link: arxivAbsUrl(found.id),
  };
  setIfText(paper, 'published', raw.published);
  setIfText(paper, 'journalRef', raw.journalRef);
  setIfText(paper, 'comment', raw.comment);
  setIfText(paper, 'doi', raw.doi);
  return { paper };
}

/** First id found wins; a later mention of the same id may still supply the version. */
function pickId(candidates: (ArxivIdParts | undefined)[]): ArxivIdParts | undefined {
  const first = candidates.find((c) => c !== undefined);
  if (!first || first.version !== undefined) return first;
  const version = candidates.find((c) => c?.id === first.id && c.version !== undefined)?.version;
  return version !== undefined ? { id: first.id, version } : first;
}

function cleanTitle(title: string | undefined, legacy: RegExpExecArray | null): string {
  if (!title) return '';
  // The legacy feeds put '. ' before the suffix; the period is theirs, not the author's.
  const bare = legacy ? title.slice(0, legacy.index).replace(/\s*\.\s*$/, '') : title;
  return toPlainText(bare);
}

function announceTypeOf(
  raw: RawFeedItem,
  fromDescription: string | undefined,
  legacy: RegExpExecArray | null,
  ctx: NormaliseContext,
): AnnounceType | 'unknown' | undefined {
  const stated = raw.announceType?.trim() || fromDescription;
  if (stated) {
    const t = stated.toLowerCase();
    return (ANNOUNCE_TYPES as readonly string[]).includes(t) ? (t as AnnounceType) : 'unknown';
  }
  if (legacy) {
    const flag = legacy[3]?.toUpperCase();
    if (flag === 'CROSS LISTED') return 'cross';
    if (flag === 'UPDATED') return isOutsideFeed(legacy[2], ctx.feedCategories) ? 'replace-cross' : 'replace';
    return 'new';
  }
  // API responses list papers, not announcements.
  if (ctx.format === 'atom') return 'new';
  return undefined;
}

/** True when the paper's primary category is known and not one the feed covers (archive prefix counts). */
function isOutsideFeed(primary: string | undefined, feedCategories: string[] | undefined): boolean {
  if (!primary || !feedCategories?.length) return false;
  const p = primary.trim();
  const archive = p.split('.')[0];
  return !feedCategories.some((c) => c === p || c === archive);
}

function authorsOf(raw: RawFeedItem): string[] {
  const names = raw.authorNames.length ? raw.authorNames.map(toPlainText) : raw.creators.flatMap(splitCreators);
  // Not deduplicated: two co-authors can share a name.
  return names.filter((n) => n && !AUTHOR_NOISE.test(n));
}

/**
 * Legacy creators are HTML links plus decorations (`(STAR Collaboration)`, `et al. (909 additional
 * authors not shown)`): the link texts are the names. Current feeds give plain `A, B, C`.
 */
function splitCreators(creator: string): string[] {
  const anchors = [...creator.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a\s*>/gi)].map((m) => toPlainText(m[1]));
  if (anchors.length) return anchors;
  return toPlainText(creator)
    .split(/\s*,\s*/)
    .map((n) => n.replace(/^and\s+/i, '').trim());
}

function categoriesOf(raw: RawFeedItem, legacyCategory: string | undefined): string[] {
  const all = [raw.primaryCategory, legacyCategory, ...raw.categories].map((c) => (c ? collapseWhitespace(c) : ''));
  return dedupe(all.filter(Boolean));
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}

function setIfText<K extends 'published' | 'journalRef' | 'comment' | 'doi'>(paper: FeedPaper, key: K, value: string | undefined): void {
  const text = toPlainText(value);
  if (text) paper[key] = text;
}

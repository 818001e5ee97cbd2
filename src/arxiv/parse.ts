import type Parser from 'rss-parser';
import { FeedParseError } from './errors.js';
import { normaliseItem, type FeedFormat, type ParsedFeed, type RawFeedItem } from './normalise.js';
import { collapseWhitespace } from './plain-text.js';
import { errorMessage } from '../core/errors.js';

type Node = unknown;
type Item = Record<string, Node>;

// Every arXiv extension element we read, in all three formats. keepArray where an element repeats.
const ITEM_FIELDS: NonNullable<Parser.CustomFields<Record<string, Node>, Item>['item']> = [
  ['arxiv:announce_type', 'announceType'],
  ['dc:creator', 'creatorNodes', { keepArray: true }],
  ['author', 'authorNodes', { keepArray: true }],
  ['category', 'categoryNodes', { keepArray: true }],
  ['arxiv:primary_category', 'primaryCategoryNode'],
  ['arxiv:journal_reference', 'journalReference'],
  ['arxiv:journal_ref', 'journalRef'],
  ['arxiv:DOI', 'doiRss'],
  ['arxiv:doi', 'doiAtom'],
  ['arxiv:comment', 'comment'],
];

/**
 * A fresh parser per document: rss-parser reuses one xml2js parser, which adds listeners on every
 * call (a leak, and every earlier callback runs again) and, after one malformed document, stays
 * in a state where it silently accepts the next malformed one.
 */
async function newParser(): Promise<Parser<Record<string, Node>, Item>> {
  // Loaded on the first feed: commands that never parse one (`curator ask "search clip"`) skip it.
  const { default: RssParser } = await import('rss-parser');
  return new RssParser({ defaultRSS: 2, customFields: { item: ITEM_FIELDS } });
}

export interface ParseFeedOptions {
  /** Where the text came from (URL or path), for error messages. */
  source?: string;
}

/**
 * Parses the text of an arXiv feed — current RSS 2.0, legacy RSS 1.0/RDF, or Atom (rss.arxiv.org/atom
 * and export.arxiv.org/api/query) — into normalised papers. An empty feed (weekends, holidays) is a
 * result with zero papers. Items that cannot become a paper are counted in `skipped`, as are
 * repeated ids (the first one is kept).
 * Throws FeedParseError when the text is not a feed (an HTML page, plain text, another XML
 * document) or is not well-formed XML; never anything else.
 */
export async function parseFeed(text: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const format = detectFeedFormat(text, options.source);
  let feed: Parser.Output<Item> & Record<string, Node>;
  try {
    feed = await (await newParser()).parseString(text);
  } catch (err) {
    // The XML parser's message quotes the document ("Char: …"); only where it broke is kept.
    const message = collapseWhitespace(errorMessage(err));
    const at = /Line:\s*(\d+)\s*Column:\s*(\d+)/i.exec(message);
    const reason = err instanceof TypeError ? `not a well-formed ${format} feed` : `malformed XML${at ? ` (line ${at[1]}, column ${at[2]})` : ''}`;
    throw new FeedParseError(reason, options.source, { cause: err });
  }

  const title = typeof feed.title === 'string' ? collapseWhitespace(feed.title) : undefined;
  const ctx = { format, feedCategories: feedCategoriesFromTitle(title) };
  const result: ParsedFeed = { ...(title && { title }), papers: [], skipped: [], format };
  const seen = new Set<string>();
  for (const item of feed.items ?? []) {
    const outcome = normaliseItem(rawItem(item as Item, format), ctx);
    if ('skipped' in outcome) {
      result.skipped.push({ reason: outcome.skipped });
    } else if (seen.has(outcome.paper.arxivId)) {
      result.skipped.push({ reason: 'duplicate item' });
    } else {
      seen.add(outcome.paper.arxivId);
      result.papers.push(outcome.paper);
    }
  }
  return result;
}

/**
 * Tells the feed format from the root element, before any XML parsing, so that an HTML error
 * page or a plain-text answer gets a message that says so. Throws FeedParseError otherwise. The
 * messages never quote the document: it is a stranger's text, and it would end up in logs,
 * `feeds.last_error` and the maintainers' stale-feed alert.
 */
export function detectFeedFormat(text: string, source?: string): FeedFormat {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body) throw new FeedParseError('not a feed (empty document)', source);
  const root = rootElement(body);
  if (root === undefined) {
    if (/^<!doctype\s+html/i.test(body)) throw new FeedParseError('not a feed (an HTML page: an error page or a login wall?)', source);
    throw new FeedParseError('not a feed (plain text, not XML)', source);
  }
  const name = root.toLowerCase();
  if (name === 'html') throw new FeedParseError('not a feed (an HTML page: an error page or a login wall?)', source);
  if (name === 'rss') return 'rss2';
  if (name === 'rdf:rdf') return 'rdf';
  if (name === 'feed') return 'atom';
  throw new FeedParseError(`not a feed (the root element is not <rss>, <rdf:RDF> or <feed>)`, source);
}

/** The name of the first element, skipping the XML declaration, comments, processing instructions and a doctype. */
function rootElement(body: string): string | undefined {
  const rest = body.replace(/^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype\b[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i, '');
  return /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1];
}

/** `cs.CV, cs.CL updates on arXiv.org` / `hep-ex updates on arXiv.org` → the categories. */
function feedCategoriesFromTitle(title: string | undefined): string[] | undefined {
  const m = title && /^(.+?)\s+updates on arXiv/i.exec(title);
  return m ? m[1]!.split(/[\s,+]+/).filter(Boolean) : undefined;
}

/** Lifts the fields arXiv uses out of rss-parser's item, whatever the format. */
function rawItem(item: Item, format: FeedFormat): RawFeedItem {
  return {
    title: textOf(item.title),
    link: textOf(item.link),
    guid: textOf(format === 'atom' ? item.id : item.guid),
    about: textOf(item['rdf:about']),
    description: textOf(format === 'atom' ? (item.summary ?? item.content) : item.content),
    announceType: textOf(item.announceType),
    creators: listOf(item.creatorNodes).map(textOf).filter(isText),
    authorNames: listOf(item.authorNodes)
      .map((a) => textOf(listOf((a as { name?: Node } | undefined)?.name)[0]))
      .filter(isText),
    categories: listOf(item.categoryNodes).map(termOf).filter(isText),
    primaryCategory: termOf(item.primaryCategoryNode),
    published: textOf(item.isoDate),
    journalRef: textOf(item.journalReference) ?? textOf(item.journalRef),
    doi: textOf(item.doiRss) ?? textOf(item.doiAtom),
    comment: textOf(item.comment),
  };
}

/** xml2js gives an element as a string, or `{ _: text, $: attributes }` when it has attributes. */
function textOf(node: Node): string | undefined {
  if (typeof node === 'string') return node;
  const text = (node as { _?: unknown } | null | undefined)?._;
  return typeof text === 'string' ? text : undefined;
}

/** Atom puts a category in `term="…"`; RSS in the element text. */
function termOf(node: Node): string | undefined {
  const term = (node as { $?: { term?: unknown } } | null | undefined)?.$?.term;
  return typeof term === 'string' ? term : textOf(node);
}

function listOf(node: Node): Node[] {
  return Array.isArray(node) ? node : node === undefined ? [] : [node];
}

function isText(s: string | undefined): s is string {
  return typeof s === 'string' && s.trim() !== '';
}

import { UserError } from '../core/errors.js';
import { parseArxivId } from '../core/arxiv-id.js';
import { FeedParseError } from './errors.js';
import { fetchFeed, type FetchFeedOptions } from './fetch.js';
import type { FeedPaper } from './paper.js';
import { parseFeed } from './parse.js';

export interface ArxivApiOptions extends FetchFeedOptions {
  /** The query endpoint, e.g. `https://export.arxiv.org/api/query` (config: ARXIV_API_URL). */
  apiUrl: string;
}

/**
 * Looks one paper up in the arXiv API (`${apiUrl}?id_list=<id>`), through the same fetch client
 * (timeout, size cap, retries, 3-second gate) as the feeds. Accepts any spelling parseArxivId
 * does; asks for the given version, or the latest when none is given.
 * Resolves with the paper (announceType 'new'). Throws UserError `arxiv-id-invalid` for text that
 * is not an arXiv id and `arxiv-paper-not-found` when arXiv has no such paper; fetch and parse
 * failures surface as the feed error classes.
 */
export async function fetchArxivPaper(id: string, options: ArxivApiOptions): Promise<FeedPaper> {
  const wanted = parseArxivId(id);
  if (!wanted) {
    throw new UserError('arxiv-id-invalid', `feed/arxiv-api: "${id}" is not an arXiv id; use one like 2109.01134 or hep-ex/0601001`);
  }
  const { apiUrl, ...fetchOptions } = options;
  const url = new URL(apiUrl);
  url.searchParams.set('id_list', wanted.version ? `${wanted.id}v${wanted.version}` : wanted.id);

  const res = await fetchFeed(url.toString(), { ...fetchOptions, validator: undefined });
  if (res.status !== 'ok') throw new FeedParseError('the arXiv API answered 304 to a request without validators', url.toString());
  const feed = await parseFeed(res.text, { source: url.toString() });
  const paper = feed.papers.find((p) => p.arxivId === wanted.id);
  if (!paper) {
    throw new UserError('arxiv-paper-not-found', `feed/arxiv-api: arXiv has no paper ${wanted.id}; check the id (e.g. 2109.01134)`);
  }
  return { ...paper, announceType: 'new' };
}

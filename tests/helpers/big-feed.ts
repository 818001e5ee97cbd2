import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '../../src/arxiv/parse.js';
import { rss2Feed, rss2Item } from './feed-server.js';
import { SHARED } from './fixtures.js';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One big day of cs.CV as RSS 2.0: `items` items with the four labelled days' papers under fresh
 * ids (`<month>.NNNNN`, month `2605` unless given), one in twenty instead carrying an id of
 * `listedIds` (a paper the list has), one in seven cross-listed.
 */
export async function bigFeed(items: number, listedIds: readonly string[] = [], month = '2605'): Promise<string> {
  const dir = path.join(SHARED, 'relevance');
  const papers = [];
  for (const f of readdirSync(dir).filter((n) => /^feed-.*\.xml$/.test(n)).sort()) papers.push(...(await parseFeed(readFileSync(path.join(dir, f), 'utf8'))).papers);
  const out: string[] = [];
  for (let i = 0; i < items; i++) {
    const p = papers[i % papers.length]!;
    const id = i % 20 === 0 && listedIds.length ? listedIds[(i / 20) % listedIds.length]! : `${month}.${String(i).padStart(5, '0')}`;
    out.push(rss2Item({ id, title: xml(p.title), abstract: xml(p.abstract), creator: xml(p.authors.join(', ')), type: i % 7 === 0 ? 'cross' : 'new', categories: p.categories.join(' ') }));
  }
  return rss2Feed(out);
}

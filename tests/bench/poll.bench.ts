import path from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { openCatalogue } from '../../src/search/live-catalogue.js';
import { parseFeed } from '../../src/arxiv/parse.js';
import { RelevanceScorer } from '../../src/relevance/score.js';
import { memoryDatabase } from '../../src/db/database.js';
import { assessPapers, inThreadWork, recordPoll } from '../../src/watch/poll.js';
import { watchStores } from '../../src/watch/stores.js';
import { bigFeed } from '../helpers/big-feed.js';
import { SHARED } from '../helpers/fixtures.js';
import { Latencies } from './synthetic.js';
import { QUICK, reportRows } from './table.js';

/**
 * The poll's work on one big day: parse a 2,000-item RSS 2.0 feed, dedupe it against the list and
 * the seen papers, and score what is new with the real scorer (shipped model, the real list: a
 * checkout of 2025-05-24, 289 entries). The items are the four labelled days' papers under fresh
 * ids, plus papers the list already has. afterAll prints median / p99 per feed (wall time, and the
 * CPU time of the whole), the numbers the README quotes (and hands them to `npm run bench`'s final
 * table).
 */
const ITEMS = 2000;
const WARMUP = 2;
const lat = new Latencies();
let runs = 0;

const catalogue = await openCatalogue(path.join(SHARED, 'survey/history/2025-05-24-5af1687.md'));
const text = await bigFeed(ITEMS, [...new Set(catalogue.catalogue.entries.flatMap((e) => (e.arxivId ? [e.arxivId] : [])))]);
const parsedOnce = (await parseFeed(text)).papers.length;
if (parsedOnce !== ITEMS) throw new Error(`poll bench: the synthetic feed has ${parsedOnce} papers, expected ${ITEMS}`);
const scorer = new RelevanceScorer(catalogue.catalogue, { threshold: 0.5, include: [], exclude: [] });
const stores = watchStores(memoryDatabase());
// A few hundred papers seen by earlier polls.
recordPoll(stores, {
  feed: 'bench',
  startedAt: 0,
  finishedAt: 0,
  outcome: 'ok',
  validator: {},
  seen: Array.from({ length: 300 }, (_, i) => ({ arxivId: `2605.${String(i * 3 + 1).padStart(5, '0')}`, title: 'seen' })),
  candidates: [],
  counts: { items: 0, fresh: 0, scored: 0, candidates: 0, skipped: 0 },
});

describe(`poll work on a ${ITEMS}-item feed`, () => {
  bench(
    'parse + dedupe + score',
    async () => {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const { papers } = await parseFeed(text);
      const seen = stores.feeds.seenIds(papers.map((p) => p.arxivId));
      const t1 = performance.now();
      await assessPapers(papers, { feed: 'bench', seen, index: catalogue.index, work: inThreadWork(() => scorer), includeCrossLists: true });
      const t2 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      if (++runs <= WARMUP) return;
      lat.record('total cpu', (cpu.user + cpu.system) / 1000);
      lat.record('parse+seen', t1 - t0);
      lat.record('dedupe+score', t2 - t1);
      lat.record('total', t2 - t0);
    },
    { iterations: QUICK ? 2 : 5, time: 0, warmupIterations: WARMUP },
  );
});

afterAll(() => {
  const fmt = (name: string) => {
    const s = lat.stats(name);
    return s ? `median ${s.median.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms (n=${s.n})` : 'n/a';
  };
  console.log(
    `\npoll on a ${ITEMS}-item feed vs the real list:\n  parse + seen lookup: ${fmt('parse+seen')}\n  dedupe + score:      ${fmt('dedupe+score')}\n` +
      `  total:               ${fmt('total')}\n  total, CPU time:     ${fmt('total cpu')}\n`,
  );
  const group = `poll work, ${ITEMS}-item feed vs the real list`;
  reportRows([
    { group, measure: 'parse + seen lookup', ours: lat.stats('parse+seen') },
    { group, measure: 'dedupe + score', ours: lat.stats('dedupe+score') },
    { group, measure: 'total', ours: lat.stats('total'), aim: '≤ 500 ms' },
    { group, measure: 'total, CPU time', ours: lat.stats('total cpu') },
  ]);
  stores.db.close();
});

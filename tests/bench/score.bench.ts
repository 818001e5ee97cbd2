import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { parseSurvey } from '../../src/catalogue/catalogue.js';
import type { FeedPaper } from '../../src/arxiv/paper.js';
import { parseFeed } from '../../src/arxiv/parse.js';
import { loadRelevanceModel } from '../../src/relevance/model.js';
import { RelevanceScorer, type Feedback } from '../../src/relevance/score.js';
import { SEED_PATH, SHARED } from '../helpers/fixtures.js';
import { DotProductFloor } from './dot-product-floor.js';
import { Latencies } from './synthetic.js';
import { QUICK, reportRows } from './table.js';

/**
 * Relevance scoring alone: 2,000 papers (the four labelled days' papers, repeated under distinct
 * ids) scored with the shipped model against the real list (a checkout of 2025-05-24, 289 entries)
 * and the bundled seed list — beside an inverted-index dot-product floor over the same list,
 * interleaved run by run. Measured in CPU time (process.cpuUsage): the machine is shared, and CPU
 * time is what a poll costs. Also after 500 maintainers' decisions, and what building a scorer
 * costs (the watch rebuilds it after every change of the list). afterAll prints papers per
 * CPU-second and median / p99, the numbers the README quotes, and hands its rows (CPU ms per
 * 2,000 papers, beside the floor) to `npm run bench`'s final table.
 */
const PAPERS = 2000;
const RUNS = { iterations: QUICK ? 3 : 8, time: 0, warmupIterations: 2 };
const lat = new Latencies();

const dir = path.join(SHARED, 'relevance');
const dayPapers: FeedPaper[] = [];
for (const f of readdirSync(dir).filter((n) => /^feed-.*\.xml$/.test(n)).sort()) {
  dayPapers.push(...(await parseFeed(readFileSync(path.join(dir, f), 'utf8'))).papers);
}
const papers = Array.from({ length: PAPERS }, (_, i) => ({ ...dayPapers[i % dayPapers.length]!, arxivId: `2605.${String(i).padStart(5, '0')}` }));
const feedback: Feedback[] = Array.from({ length: 500 }, (_, i) => ({
  ...dayPapers[(i * 7) % dayPapers.length]!,
  arxivId: `2604.9${String(i).padStart(4, '0')}`,
  decision: i % 4 === 0 ? 'approved' : 'rejected',
}));
const model = loadRelevanceModel();
const options = { threshold: 0.5, include: [], exclude: [], model };
const lists = {
  real: parseSurvey(readFileSync(path.join(SHARED, 'survey/history/2025-05-24-5af1687.md'), 'utf8')),
  seed: parseSurvey(readFileSync(SEED_PATH, 'utf8')),
};
const scorers = { real: new RelevanceScorer(lists.real, options), seed: new RelevanceScorer(lists.seed, options), decided: new RelevanceScorer(lists.real, options, feedback) };
const floors = { real: new DotProductFloor(lists.real.entries), seed: new DotProductFloor(lists.seed.entries) };

/** Runs `fn` over every paper and records the CPU milliseconds it took. */
function cpu(name: string, fn: (p: FeedPaper) => unknown): void {
  const start = process.cpuUsage();
  for (const p of papers) fn(p);
  const used = process.cpuUsage(start);
  lat.record(name, (used.user + used.system) / 1000);
}

describe(`relevance scoring of a ${PAPERS}-paper feed`, () => {
  for (const list of ['real', 'seed'] as const) {
    bench(`score vs the ${list} list, beside the dot-product floor`, () => {
      cpu(`floor ${list}`, (p) => floors[list].score(p));
      cpu(`score ${list}`, (p) => scorers[list].score(p));
    }, RUNS);
  }
  bench('score vs the real list after 500 decisions', () => cpu('score decided', (p) => scorers.decided.score(p)), RUNS);
  bench('build a scorer (real list + shipped model)', () => void lat.time('build', () => new RelevanceScorer(lists.real, options)), RUNS);
});

afterAll(() => {
  const rate = (name: string) => {
    const s = lat.stats(name);
    return s ? `${Math.round(PAPERS / (s.median / 1000)).toLocaleString('en')} papers/CPU-s (median ${s.median.toFixed(0)} CPU-ms, p99 ${s.p99.toFixed(0)}, n=${s.n})` : 'n/a';
  };
  const ratio = (a: string, b: string) => ((lat.stats(a)?.median ?? NaN) / (lat.stats(b)?.median ?? NaN)).toFixed(2);
  const build = lat.stats('build');
  console.log(
    `\nrelevance scoring, ${PAPERS} papers (CPU time):\n` +
      `  real list (${lists.real.entries.length} entries): ${rate('score real')}\n` +
      `    floor, same list:           ${rate('floor real')}  → ours/floor ${ratio('score real', 'floor real')}×\n` +
      `  seed list (${lists.seed.entries.length} entries): ${rate('score seed')}\n` +
      `    floor, same list:           ${rate('floor seed')}  → ours/floor ${ratio('score seed', 'floor seed')}×\n` +
      `  real list, 500 decisions:     ${rate('score decided')}\n` +
      `  build a scorer:               ${build ? `median ${build.median.toFixed(0)} ms, p99 ${build.p99.toFixed(0)} ms` : 'n/a'}\n`,
  );
  const group = `relevance scoring, ${PAPERS} papers (CPU ms)`;
  const floor = (list: string) => ({ name: 'inverted-index dot product, same list', stat: lat.stats(`floor ${list}`) });
  reportRows([
    { group, measure: `score vs the real list (${lists.real.entries.length} entries)`, ours: lat.stats('score real'), baseline: floor('real'), aim: '≥ 10,000 papers/CPU-s (≤ 200 ms)' },
    { group, measure: `score vs the seed list (${lists.seed.entries.length} entries)`, ours: lat.stats('score seed'), baseline: floor('seed') },
    { group, measure: 'score vs the real list after 500 decisions', ours: lat.stats('score decided') },
    { group, measure: 'build a scorer (real list + shipped model)', ours: build },
  ]);
});

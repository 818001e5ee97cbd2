import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { parseSurvey } from '../../src/catalogue/catalogue.js';
import type { FeedPaper } from '../../src/arxiv/paper.js';
import { parseFeed } from '../../src/arxiv/parse.js';
import { loadRelevanceModel } from '../../src/relevance/model.js';
import { RelevanceScorer, type Feedback } from '../../src/relevance/score.js';
import { SEED_PATH, SHARED } from '../helpers/fixtures.js';
import { Latencies } from './synthetic.js';
import { QUICK, reportRows } from './table.js';

/**
 * Relevance scoring alone: 2,000 papers (the four labelled days' papers, repeated under distinct
 * ids) scored against the seed list with the shipped model — with no triage history, and after
 * 500 maintainers' decisions. Also what building a scorer costs (the watch rebuilds it after every
 * change of the list). afterAll prints median / p99, the numbers the README quotes (and hands them
 * to `npm run bench`'s final table).
 */
const PAPERS = 2000;
const lat = new Latencies();
const runs = { iterations: QUICK ? 2 : 3, time: 0, warmupIterations: 2 };

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
const catalogue = parseSurvey(readFileSync(SEED_PATH, 'utf8'));
const model = loadRelevanceModel();
const options = { threshold: 0.5, include: [], exclude: [], model };
const fresh = new RelevanceScorer(catalogue, options);
const experienced = new RelevanceScorer(catalogue, options, feedback);

const scoreAll = (scorer: RelevanceScorer) => {
  let candidates = 0;
  for (const p of papers) if (scorer.score(p).candidate) candidates++;
  return candidates;
};

describe(`relevance scoring of a ${PAPERS}-paper feed against the seed list`, () => {
  bench('score 2,000 papers', () => void lat.time('score', () => scoreAll(fresh)), runs);
  bench('score 2,000 papers after 500 decisions', () => void lat.time('score+feedback', () => scoreAll(experienced)), runs);
  bench('build a scorer (list + shipped model)', () => void lat.time('build', () => new RelevanceScorer(catalogue, options)), runs);
});

afterAll(() => {
  const fmt = (name: string) => {
    const s = lat.stats(name);
    return s ? `median ${s.median.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms (n=${s.n})` : 'n/a';
  };
  console.log(
    `\nrelevance scoring, ${PAPERS} papers vs the seed list:\n` +
      `  score:                      ${fmt('score')}\n` +
      `  score after 500 decisions:  ${fmt('score+feedback')}\n` +
      `  build a scorer:             ${fmt('build')}\n`,
  );
  const group = `relevance scoring, ${PAPERS} papers vs the seed list`;
  reportRows([
    { group, measure: 'score', ours: lat.stats('score') },
    { group, measure: 'score after 500 decisions', ours: lat.stats('score+feedback') },
    { group, measure: 'build a scorer', ours: lat.stats('build') },
  ]);
});

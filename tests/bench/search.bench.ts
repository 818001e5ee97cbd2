import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { afterAll, bench, describe } from 'vitest';
import { createBot } from '../../src/bot.js';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import type { Entry } from '../../src/catalogue/types.js';
import { createMemoryLogger } from '../../src/core/logger.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { SEED_PATH } from '../helpers/fixtures.js';
import { Latencies, QUERIES, seedCatalogue, syntheticEntries } from './synthetic.js';

/**
 * The list's search beside raw MiniSearch (default options) on the same corpus and queries.
 * Vitest prints its own table; afterAll prints median / p99 per call and the ratio ours/raw,
 * the numbers the README quotes.
 */
const lat = new Latencies();
const rawDocs = (entries: readonly Entry[]) =>
  entries.map((e, id) => ({ id, title: e.title, acronym: e.acronym ?? '', venue: [e.venue, e.year].filter(Boolean).join(' '), sections: e.section.join(' ') }));
const rawIndex = (entries: readonly Entry[]) => {
  const ms = new MiniSearch({ fields: ['title', 'acronym', 'venue', 'sections'] });
  ms.addAll(rawDocs(entries));
  return ms;
};

const sizes: [string, Entry[]][] = [
  ['seed', [...seedCatalogue().entries]],
  ['10k', syntheticEntries(10_000)],
  ['100k', syntheticEntries(100_000)],
];

const seedText = readFileSync(SEED_PATH, 'utf8');

describe('parse the seed list', () => {
  bench('Catalogue.parse(seed)', () => {
    lat.time('parse', () => Catalogue.parse(seedText));
  });
});

describe('start to ready (read list, parse, index, load commands)', () => {
  bench('ours: createBot()', async () => {
    const t0 = performance.now();
    await createBot({ surveyPath: SEED_PATH, log: createMemoryLogger() });
    lat.record('ready:ours', performance.now() - t0);
  });
  bench('raw: read + regex titles + MiniSearch', () => {
    const t0 = performance.now();
    const text = readFileSync(SEED_PATH, 'utf8');
    const titles = [...text.matchAll(/^\|\s*\[([^\]]+)\]/gm)].map((m, id) => ({ id, title: m[1]! }));
    const ms = new MiniSearch({ fields: ['title'] });
    ms.addAll(titles);
    lat.record('ready:raw', performance.now() - t0);
  });
});

for (const [label, entries] of sizes) {
  describe(`build the index (${label}: ${entries.length} entries)`, () => {
    bench(`ours: SearchIndex.build (${label})`, () => void lat.time(`build:${label}:ours`, () => SearchIndex.build(entries)), { iterations: label === '100k' ? 3 : 10, time: 0 });
    bench(`raw: MiniSearch addAll (${label})`, () => void lat.time(`build:${label}:raw`, () => rawIndex(entries)), { iterations: label === '100k' ? 3 : 10, time: 0 });
  });

  describe(`search and autosuggest (ours: complete(), what Discord autocomplete calls) (${label})`, () => {
    const ours = SearchIndex.build(entries);
    const raw = rawIndex(entries);
    let i = 0;
    let j = 0;
    const iterations = label === '100k' ? 300 : 2000;
    // Warm both sides by hand, then measure every call: vitest's own warm-up calls would land in our
    // samples, and whichever side ran first would pay the JIT for the MiniSearch code both share.
    const warm = label === '100k' ? 20 : 300;
    for (let w = 0; w < warm; w++) {
      const q = QUERIES[w % QUERIES.length]!;
      ours.search(q);
      raw.search(q);
      ours.complete(q.slice(0, 4));
      raw.autoSuggest(q.slice(0, 4));
    }
    const opts = { iterations, time: 0, warmupIterations: 0, warmupTime: 0 };
    bench(`ours: search (${label})`, () => void lat.time(`search:${label}:ours`, () => ours.search(QUERIES[i++ % QUERIES.length]!)), opts);
    bench(`raw: search (${label})`, () => void lat.time(`search:${label}:raw`, () => raw.search(QUERIES[j++ % QUERIES.length]!)), opts);
    let k = 0;
    let m = 0;
    const partial = (q: string) => q.slice(0, Math.max(3, Math.ceil(q.length * 0.6)));
    bench(`ours: autosuggest (${label})`, () => void lat.time(`suggest:${label}:ours`, () => ours.complete(partial(QUERIES[k++ % QUERIES.length]!))), opts);
    bench(`raw: autosuggest (${label})`, () => void lat.time(`suggest:${label}:raw`, () => raw.autoSuggest(partial(QUERIES[m++ % QUERIES.length]!))), opts);
  });
}

afterAll(() => {
  const rows = [{ label: 'start to ready (seed)', ours: 'ready:ours', raw: 'ready:raw' }];
  for (const [label] of sizes) {
    rows.push({ label: `build index (${label})`, ours: `build:${label}:ours`, raw: `build:${label}:raw` });
    rows.push({ label: `search (${label})`, ours: `search:${label}:ours`, raw: `search:${label}:raw` });
    rows.push({ label: `autosuggest (${label})`, ours: `suggest:${label}:ours`, raw: `suggest:${label}:raw` });
  }
  const parse = lat.stats('parse');
  console.log(`\nparse seed: median ${parse?.median.toFixed(3)} ms, p99 ${parse?.p99.toFixed(3)} ms\n\n${lat.table(rows)}\n`);
});

import MiniSearch from 'minisearch';
import type { Entry } from '../../src/core/list.js';
import { groupEntries } from '../../src/search/catalogue-item.js';
import { fieldsWithText, type IndexedDoc, toDocument } from '../../src/search/search-document.js';
import { MINISEARCH_OPTIONS, SearchIndex } from '../../src/search/search-index.js';
import { generatePartials, generateQueries, QUERY_CLASSES, type QueryClass } from './queries.js';
import { type BenchRow, statOf } from './table.js';

/**
 * Our search beside raw MiniSearch — default options (its own tokenizer, OR, no prefix, no fuzzy),
 * the same documents and the same fields — on the same generated queries, in the same process.
 * Every call is timed on its own; the two sides alternate which goes first, query by query, and
 * both are warmed on the same queries before anything is recorded.
 */
export interface SearchBenchPlan {
  /** Queries generated from the list (≥ 1,000 for the real run; the classes come in turn). */
  queries: number;
  /** Autocomplete inputs (the start of a title or acronym). */
  partials: number;
  /** Times each query is measured per side. */
  rounds: number;
  /** Queries and partials run on both sides before measuring (all of them when ≥ their count). */
  warm: number;
  /** Index builds timed per side (at least one: the index that is then searched). */
  builds: number;
}

const RAW = 'raw MiniSearch';
const AIM: Record<QueryClass, string> = { word: '≤ 1.5×', acronym: '≤ 1.5×', phrase: '≤ 1.5×', prefix: '≤ 1.5×', typo: '≤ 3×' };

let sink = 0;
/** Milliseconds one call takes (its result is kept in a sink so the call cannot be optimised away). */
function timed(fn: () => { length: number }): number {
  const t0 = performance.now();
  sink += fn().length;
  return performance.now() - t0;
}

/** Times `a` and `b` on every input, alternating which runs first. */
function interleaved<T>(inputs: readonly T[], rounds: number, a: (x: T) => { length: number }, b: (x: T) => { length: number }) {
  const sa: number[][] = inputs.map(() => []);
  const sb: number[][] = inputs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    inputs.forEach((x, i) => {
      if ((i + r) % 2 === 0) {
        sa[i]!.push(timed(() => a(x)));
        sb[i]!.push(timed(() => b(x)));
      } else {
        sb[i]!.push(timed(() => b(x)));
        sa[i]!.push(timed(() => a(x)));
      }
    });
  }
  return { a: sa, b: sb };
}

function rawIndex(docs: readonly IndexedDoc[], fields: string[]): MiniSearch<IndexedDoc> {
  const raw = new MiniSearch<IndexedDoc>({ fields });
  raw.addAll(docs);
  return raw;
}

/** The documents and fields both sides index. */
export function sameDocuments(entries: readonly Entry[]): { docs: IndexedDoc[]; fields: string[] } {
  const docs = groupEntries(entries).map(toDocument);
  return { docs, fields: fieldsWithText(docs, MINISEARCH_OPTIONS.fields) };
}

export function benchSearch(group: string, entries: readonly Entry[], plan: SearchBenchPlan): BenchRow[] {
  let t = performance.now();
  const phases: string[] = [];
  const phase = (name: string) => {
    phases.push(`${name} ${((performance.now() - t) / 1000).toFixed(0)} s`);
    t = performance.now();
  };
  const { docs, fields } = sameDocuments(entries);
  const rows: BenchRow[] = [];

  // The last build of each side is the index searched below.
  const builds = { ours: [] as number[], raw: [] as number[] };
  let ours: SearchIndex | undefined;
  let raw: MiniSearch<IndexedDoc> | undefined;
  for (let i = 0; i < Math.max(1, plan.builds); i++) {
    const order = i % 2 === 0 ? (['ours', 'raw'] as const) : (['raw', 'ours'] as const);
    for (const side of order) {
      const t0 = performance.now();
      if (side === 'ours') ours = SearchIndex.build(entries);
      else raw = rawIndex(docs, fields);
      builds[side].push(performance.now() - t0);
    }
  }
  if (!ours || !raw) throw new Error('bench: no index built');
  phase('builds');
  const queries = generateQueries(entries, plan.queries);
  const partials = generatePartials(entries, plan.partials);
  for (const q of queries.slice(0, plan.warm)) {
    ours.search(q.text);
    raw.search(q.text);
  }
  for (const p of partials.slice(0, plan.warm)) {
    ours.complete(p);
    raw.autoSuggest(p);
  }

  phase('warm-up');
  const s = interleaved(queries, plan.rounds, (q) => ours.search(q.text), (q) => raw.search(q.text));
  phase('search');
  const byClass = (side: number[][], cls?: QueryClass) => queries.flatMap((q, i) => (!cls || q.cls === cls ? side[i]! : []));
  for (const cls of QUERY_CLASSES) {
    rows.push({ group, measure: `search: ${cls} queries`, ours: statOf(byClass(s.a, cls)), baseline: { name: `${RAW} search()`, stat: statOf(byClass(s.b, cls)) }, aim: AIM[cls] });
  }
  rows.push({ group, measure: `search: all ${queries.length} queries`, ours: statOf(byClass(s.a)), baseline: { name: `${RAW} search()`, stat: statOf(byClass(s.b)) }, aim: '≤ 1.5×' });

  const c = interleaved(partials, plan.rounds, (p) => ours.complete(p), (p) => raw.autoSuggest(p));
  phase('autocomplete');
  process.stderr.write(`  ${group}: ${phases.join(', ')}\n`);
  rows.push({ group, measure: `autocomplete: complete(), ${partials.length} inputs`, ours: statOf(c.a.flat()), baseline: { name: `${RAW} autoSuggest()`, stat: statOf(c.b.flat()) }, aim: '≤ 1.5×' });
  rows.push({ group, measure: 'build the index', ours: statOf(builds.ours), baseline: { name: `${RAW} addAll()`, stat: statOf(builds.raw) } });
  if (sink < 0) console.log(sink);
  return rows;
}

/**
 * Memory kept by a built index (MB: JS heap plus typed-array buffers), after full collections: ours (items, lookup maps, vocabulary
 * and the MiniSearch index) and raw MiniSearch over the same documents; and, of ours, the items
 * alone (what raw has no counterpart of: the grouped papers a search returns). The entries
 * themselves are not counted (the catalogue holds them either way).
 */
export function benchHeap(group: string, entries: readonly Entry[], gc: () => void): BenchRow[] {
  const used = () => {
    gc();
    gc();
    // Typed arrays (the vocabulary's packed entry ids) live outside the JS heap: count them too.
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const kept: unknown[] = [];
  const heapOf = (build: () => unknown) => {
    const before = used();
    kept.push(build());
    return { median: (used() - before) / 1e6, n: 1 };
  };
  const { docs, fields } = sameDocuments(entries);
  const raw = heapOf(() => rawIndex(docs, fields));
  const ours = heapOf(() => SearchIndex.build(entries));
  const items = heapOf(() => groupEntries(entries));
  const measure = `index heap, ${entries.length.toLocaleString('en')} entries`;
  return [
    { group, measure, unit: 'MB', ours, baseline: { name: `${RAW} (index only)`, stat: raw }, aim: 'close to raw' },
    { group, measure: `${measure}: of ours, the items alone`, unit: 'MB', ours: items },
  ];
}

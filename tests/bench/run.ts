/**
 * `npm run bench`: every benchmark, one table at the end (markdown, for the README).
 *
 *   npm run bench               the full run (≤ 5 minutes on 2 cores)
 *   npm run bench -- --quick    or BENCH_QUICK=1: fewer rounds, no 100k corpus (about a minute)
 *
 * Search (ours vs raw MiniSearch, per query class, autocomplete, build, heap) runs here, in this
 * process. The vitest bench files (`*.bench.ts`: poll, scoring) run next in a child vitest and hand
 * their rows over through a file (see `reportRows` in table.ts), so they land in the same table.
 * Progress goes to stderr; the table to stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { createBot } from '../../src/bot.js';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import type { Entry } from '../../src/core/list.js';
import { createMemoryLogger } from '../../src/core/logger.js';
import { ROOT, SEED_PATH, SHARED } from '../helpers/fixtures.js';
import { benchProcesses } from './processes.js';
import { benchHeap, benchSearch, type SearchBenchPlan } from './search-compare.js';
import { syntheticEntries } from './synthetic.js';
import { type BenchRow, formatTable, QUICK, ROWS_FILE_ENV, statOf } from './table.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const started = performance.now();
const loadAtStart = os.loadavg()[0]!;
const log = (msg: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}\n`);
const rows: BenchRow[] = [];

const LATEST = path.join(SHARED, 'survey/history/2025-05-24-5af1687.md');
const list = (file: string): Entry[] => [...Catalogue.parse(readFileSync(file, 'utf8')).entries];

// Rounds per size: small lists are cheap and noisy (tens of µs a call), so they get more rounds.
const plans: { name: string; entries: () => Entry[]; plan: SearchBenchPlan }[] = [
  { name: 'seed list', entries: () => list(SEED_PATH), plan: { queries: 1000, partials: 500, rounds: QUICK ? 3 : 10, warm: 1000, builds: QUICK ? 5 : 20 } },
  { name: 'latest list (2025-05-24)', entries: () => list(LATEST), plan: { queries: 1000, partials: 500, rounds: QUICK ? 3 : 10, warm: 1000, builds: QUICK ? 5 : 20 } },
  { name: '10k synthetic', entries: () => syntheticEntries(10_000), plan: { queries: 1000, partials: 300, rounds: QUICK ? 1 : 2, warm: 200, builds: QUICK ? 1 : 3 } },
];
if (!QUICK) plans.push({ name: '100k synthetic', entries: () => syntheticEntries(100_000), plan: { queries: 1000, partials: 150, rounds: 1, warm: 20, builds: 1 } });

function benchStartup(): void {
  const text = readFileSync(SEED_PATH, 'utf8');
  const parse: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    Catalogue.parse(text);
    parse.push(performance.now() - t0);
  }
  rows.push({ group: 'the list', measure: 'parse the seed list', ours: statOf(parse) });
}

async function benchReady(): Promise<void> {
  const ours: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < (QUICK ? 5 : 20); i++) {
    let t0 = performance.now();
    await createBot({ surveyPath: SEED_PATH, log: createMemoryLogger() });
    ours.push(performance.now() - t0);
    t0 = performance.now();
    const titles = [...readFileSync(SEED_PATH, 'utf8').matchAll(/^\|\s*\[([^\]]+)\]/gm)].map((m, id) => ({ id, title: m[1]! }));
    new MiniSearch({ fields: ['title'] }).addAll(titles);
    raw.push(performance.now() - t0);
  }
  rows.push({ group: 'the list', measure: 'start to ready in process: createBot() (first call cold)', ours: statOf(ours), baseline: { name: 'read + regex titles + MiniSearch', stat: statOf(raw) } });
}

/** The vitest bench files, in a child vitest, one file at a time (in parallel they would share the 2 cores); their rows come back through a file. */
function benchVitestFiles(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vlm-bench-'));
  const file = path.join(dir, 'rows.jsonl');
  try {
    const vitest = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
    const run = spawnSync(process.execPath, [vitest, 'bench', '--run', '--no-file-parallelism', '--config', 'tests/vitest.config.ts'], {
      cwd: ROOT,
      env: { ...process.env, [ROWS_FILE_ENV]: file, BENCH_QUICK: QUICK ? '1' : '0' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (process.env.BENCH_VERBOSE === '1' || run.status !== 0) process.stderr.write(`${run.stdout}${run.stderr}`);
    if (run.status !== 0) throw new Error(`bench: vitest bench exited with ${run.status ?? run.signal}; its output is above`);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    rows.push(...lines.map((l) => JSON.parse(l) as BenchRow));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

benchStartup();
await benchReady();
log('list and start-up done');
for (const { name, entries, plan } of plans) {
  const e = entries();
  gc();
  rows.push(...benchSearch(`search, ${name} (${e.length.toLocaleString('en')} entries)`, e, plan));
  log(`search, ${name} done`);
}
rows.push(...benchHeap('index heap', syntheticEntries(10_000), gc));
log('heap done');
benchVitestFiles();
log('vitest bench files done');
await benchProcesses(rows);
log('processes and the list file done');

const secs = (performance.now() - started) / 1000;
const cpu = process.cpuUsage();
const cpuSecs = (cpu.user + cpu.system) / 1e6;
const machine = `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}`;
const load = `load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end`;
console.log(
  `\n## npm run bench${QUICK ? ' --quick' : ''}: ${machine}; ${load}; ${secs.toFixed(0)} s wall (${cpuSecs.toFixed(0)} CPU-s in this process, plus the vitest child)\n\n${formatTable(rows)}\n`,
);

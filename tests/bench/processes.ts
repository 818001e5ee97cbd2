/**
 * Whole processes, as a user meets them: `curator ask "search clip"` and the console's start to
 * ready, from the build (plain node) beside the same code through tsx; and how soon a running bot's
 * search finds a row a maintainer added to the list file by hand (in place, or by rename as git
 * writes). Rows for `npm run bench` (run.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, promises as fs, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCatalogue } from '../../src/search/live-catalogue.js';
import { ROOT, SEED_PATH } from '../helpers/fixtures.js';
import { type BenchRow, QUICK, statOf } from './table.js';

const BUILT = path.join(ROOT, 'dist/src/cli.js');

/** Milliseconds from spawn until `ready(stdout)` says so (or the process ends, when it is not given). */
function timeProcess(args: string[], env: Record<string, string>, ready?: (out: string) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', ...env }, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    let at: number | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (ready && at === undefined && ready(out)) {
        at = performance.now() - t0;
        child.stdin.end('quit\n');
      }
    });
    child.on('error', reject);
    child.on('close', () => resolve(at ?? performance.now() - t0));
  });
}

export async function benchProcesses(rows: BenchRow[]): Promise<void> {
  if (!existsSync(BUILT)) spawnSync(process.execPath, [path.join(ROOT, 'tools/build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vlm-bench-proc-'));
  try {
    const env = { DATA_DIR: dataDir };
    const runs = QUICK ? 3 : 7;
    const built: number[] = [];
    const tsx: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < runs; i++) {
      built.push(await timeProcess([BUILT, 'ask', 'search clip'], env));
      tsx.push(await timeProcess(['--import', 'tsx', 'src/cli.ts', 'ask', 'search clip'], env));
      ready.push(await timeProcess([BUILT, 'start'], env, (out) => /entries from/.test(out)));
    }
    rows.push({ group: 'processes (wall time)', measure: '`curator ask "search clip"`, the build with plain node', ours: statOf(built), baseline: { name: 'the same through tsx', stat: statOf(tsx) } });
    rows.push({ group: 'processes (wall time)', measure: 'console: start to ready (the build)', ours: statOf(ready), aim: '≤ 300 ms' });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  rows.push(...(await benchFollow()));
}

/** A running bot's search sees a hand-added row: ms from the write to the first search that finds it. */
async function benchFollow(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vlm-bench-follow-'));
  const file = path.join(dir, 'survey.md');
  const seed = readFileSync(SEED_PATH, 'utf8');
  await fs.writeFile(file, seed);
  const store = await openCatalogue(file);
  store.follow();
  const inPlace: number[] = [];
  const renamed: number[] = [];
  try {
    for (let i = 0; i < (QUICK ? 6 : 20); i++) {
      const word = `Zqxfollow${i}`;
      const text = seed.replace('|[FILIP:', `|[${word}: A Row Typed by Hand](https://arxiv.org/abs/2611.${10000 + i})|CVPR 2027||\n|[FILIP:`);
      const t0 = performance.now();
      if (i % 2) {
        await fs.writeFile(`${file}.pull`, text);
        await fs.rename(`${file}.pull`, file);
      } else await fs.writeFile(file, text);
      while (!store.index.search(word, {}, 1).length) await new Promise((r) => setTimeout(r, 1));
      (i % 2 ? renamed : inPlace).push(performance.now() - t0);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    { group: 'the list file (a running bot follows it)', measure: 'a row written in place is searchable after', ours: statOf(inPlace), aim: '≤ 2 s' },
    { group: 'the list file (a running bot follows it)', measure: 'a file replaced by rename (git) is searchable after', ours: statOf(renamed), aim: '≤ 2 s' },
  ];
}

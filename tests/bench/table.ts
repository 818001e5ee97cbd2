import { appendFileSync } from 'node:fs';

/** A measured quantity: median, p99 and mean of per-call samples (ms), or one value (a heap size). */
export interface Stat {
  median: number;
  p99?: number;
  mean?: number;
  n: number;
}

/**
 * One row of the benchmark's final table: what we measured (`ours`) beside what it is compared
 * with, measured in the same run (`baseline`: raw MiniSearch, bare rss-parser, an inverted-index
 * floor…). Any bench may add rows; `npm run bench` prints them all in one table at the end.
 */
export interface BenchRow {
  /** The block of rows, e.g. `search, seed list (179 items)`. */
  group: string;
  measure: string;
  unit?: 'ms' | 'MB';
  ours?: Stat;
  baseline?: { name: string; stat?: Stat };
  /** The goal for the ratio ours / baseline (or for ours alone), e.g. `≤ 1.5×`. */
  aim?: string;
}

/** Env var naming the file bench processes append rows to (JSON lines); set by tests/bench/run.ts. */
export const ROWS_FILE_ENV = 'BENCH_ROWS_FILE';

/** True under `npm run bench -- --quick` or `BENCH_QUICK=1`: fewer rounds and sizes, same table. */
export const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');

/**
 * Hands rows to `npm run bench`'s final table. Bench files run by vitest call this in `afterAll`;
 * outside `npm run bench` (vitest bench run alone) it does nothing.
 */
export function reportRows(rows: readonly BenchRow[]): void {
  const file = process.env[ROWS_FILE_ENV];
  if (file) appendFileSync(file, rows.map((r) => JSON.stringify(r) + '\n').join(''));
}

/** Median / p99 / mean of samples (ms). */
export function statOf(samples: readonly number[]): (Stat & { p99: number }) | undefined {
  if (!samples.length) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { median: q(0.5), p99: q(0.99), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, n: samples.length };
}

const num = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const cell = (s: Stat | undefined) => (!s ? '—' : s.p99 === undefined ? num(s.median) : `${num(s.median)} / ${num(s.p99)}`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`);

/**
 * One markdown table of every row, grouped in the order the groups first appear. "ratio mean" is
 * the ratio of total time over the row's calls (throughput); the median can fall in a gap when a
 * row mixes calls the baseline answers at once (no hits) with calls it has real work for.
 */
export function formatTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| group | measure | ours: median / p99 | baseline | baseline: median / p99 | ratio median | ratio p99 | ratio mean | aim | n |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const groups = [...new Set(rows.map((r) => r.group))];
  for (const g of groups) {
    for (const r of rows.filter((x) => x.group === g)) {
      const unit = r.unit ?? 'ms';
      const b = r.baseline?.stat;
      lines.push(
        `| ${g} | ${r.measure} (${unit}) | ${cell(r.ours)} | ${r.baseline?.name ?? '—'} | ${cell(b)} | ${ratio(r.ours?.median, b?.median)} | ${ratio(r.ours?.p99, b?.p99)} | ${ratio(r.ours?.mean, b?.mean)} | ${r.aim ?? ''} | ${r.ours?.n ?? ''} |`,
      );
    }
  }
  return lines.join('\n');
}

import { Catalogue } from '../../src/catalogue/catalogue.js';
import type { Entry } from '../../src/core/list.js';
import { readShared } from '../helpers/fixtures.js';
import { statOf } from './table.js';

/** Deterministic PRNG (mulberry32) so every run measures the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const seedCatalogue = () => Catalogue.parse(readShared('survey/seed-2023.md'));

/**
 * `n` paper-like entries: titles recombined from the words of the seed list's titles, acronyms,
 * venues and section paths drawn from the seed, so term statistics resemble a real, larger list.
 */
export function syntheticEntries(n: number, seed = 42): Entry[] {
  const base = seedCatalogue().entries;
  const words = [...new Set(base.flatMap((e) => e.title.split(/\s+/)))].filter((w) => w.length > 1);
  const acronyms = base.map((e) => e.acronym).filter((a): a is string => Boolean(a));
  const venues = ['CVPR', 'ICCV', 'ECCV', 'NeurIPS', 'ICLR', 'ICML', 'AAAI', 'arXiv', 'TPAMI', 'IJCV'];
  const sections = [...new Set(base.map((e) => e.section.join('\u0000')))].map((s) => s.split('\u0000'));
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: Entry[] = [];
  for (let i = 0; i < n; i++) {
    const len = 5 + Math.floor(r() * 9);
    const acronym = `${pick(acronyms)}${i % 7 === 0 ? '' : String(i % 97)}`;
    const title = `${acronym}: ${Array.from({ length: len }, () => pick(words)).join(' ')}`;
    const id = `${2000 + Math.floor(i / 100000)}.${String(i % 100000).padStart(5, '0')}`;
    out.push({
      id: `L${i + 1}`,
      kind: 'paper',
      shape: 'paper-table',
      title,
      acronym,
      links: { paper: `https://arxiv.org/abs/${id}`, code: r() < 0.6 ? `https://github.com/x/${i}` : undefined },
      venue: pick(venues),
      year: 2015 + Math.floor(r() * 11),
      arxivId: id,
      section: pick(sections),
      line: i + 1,
    });
  }
  return out;
}

/** Collects per-call latencies (ms) and reports median / p99. */
export class Latencies {
  private readonly samples = new Map<string, number[]>();

  time<T>(name: string, fn: () => T): T {
    const t0 = performance.now();
    const v = fn();
    this.record(name, performance.now() - t0);
    return v;
  }

  /** Records a duration measured elsewhere. */
  record(name: string, ms: number): void {
    let s = this.samples.get(name);
    if (!s) this.samples.set(name, (s = []));
    s.push(ms);
  }

  stats(name: string): { median: number; p99: number; n: number } | undefined {
    return statOf(this.samples.get(name) ?? []);
  }
}

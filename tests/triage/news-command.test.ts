import { afterEach, describe, expect, it } from 'vitest';
import type { FeedPaper } from '../../src/arxiv/paper.js';
import { testBot } from '../helpers/bot.js';
import { testWatch } from '../helpers/watch.js';

const NOW = Date.UTC(2026, 3, 21, 14, 0);
const DAY_MS = 86_400_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function paper(id: string, title: string): FeedPaper {
  return { arxivId: id, title, abstract: '', authors: [], categories: ['cs.CV'], announceType: 'new', link: `https://arxiv.org/abs/${id}` };
}

async function setup() {
  const t = await testWatch({ start: NOW });
  const b = await testBot();
  b.bot.services.watch = t.watch;
  cleanups.push(async () => {
    await t.watch.close();
    t.tmp.cleanup();
    b.tmp.cleanup();
  });
  const add = (id: string, title: string, ageDays: number) => t.store.addCandidate(paper(id, title), t.scorer.score(paper(id, title)), 'test', NOW - ageDays * DAY_MS).candidate;
  return { t, ask: b.ask, add };
}

describe('/vlm news', () => {
  it('lists the recent candidates, newest first, with id, score, status and suggested section', async () => {
    const { t, ask, add } = await setup();
    add('2604.00001', 'Old CLIP Paper score=0.70', 10);
    add('2604.00002', 'Yesterday’s Vision-Language Paper', 1);
    const rejected = add('2604.00003', 'Rejected CLIP Paper score=0.60', 2);
    t.store.setCandidateStatus(rejected.id, 'rejected', { at: NOW, by: ['console:console'] });

    const out = await ask('news');
    expect(out).toContain('2 candidates in the last 7 days');
    expect(out).toContain('1 pending, 1 rejected');
    expect(out.indexOf('Yesterday’s Vision-Language Paper')).toBeLessThan(out.indexOf('Rejected CLIP Paper'));
    expect(out).not.toContain('Old CLIP Paper');
    expect(out).toMatch(/#2 Yesterday’s Vision-Language Paper\n {3}score 90% · pending · 2026-04-20/);
    expect(out).toMatch(/#3 Rejected CLIP Paper score=0\.60\n {3}score 60% · rejected/);
    expect(out).toContain('suggested: Pre-training with Contrastive Objective');

    expect(await ask('news 30')).toContain('Old CLIP Paper');
  });

  it('pages long lists', async () => {
    const { ask, add } = await setup();
    for (let i = 1; i <= 12; i++) add(`2604.${String(i).padStart(5, '0')}`, `CLIP Paper ${i}`, 0);
    const first = await ask('news');
    expect(first).toMatch(/Page 1\/3 of 12 results/);
    expect(await ask('more')).toMatch(/Page 2\/3/);
  });

  it('says so when there is nothing', async () => {
    const { ask } = await setup();
    expect(await ask('news 1')).toContain('found no candidate papers in the last day');
  });

  it('answers plainly when the watch is not running', async () => {
    const b = await testBot();
    cleanups.push(() => b.tmp.cleanup());
    expect(await b.ask('news')).toMatch(/^! .*arXiv watch is not running/);
  });

  it('refuses a bad number of days', async () => {
    const { ask } = await setup();
    expect(await ask('news 0')).toMatch(/^! /);
  });
});

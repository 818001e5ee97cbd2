import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { PollReport } from '../../src/watch/poll.js';
import { HTML_ERROR_PAGE } from '../helpers/feed-server.js';
import { SHARED } from '../helpers/fixtures.js';
import { crashingWorker, observedWorker } from '../helpers/poll-worker/index.js';
import { testWatch } from '../helpers/watch.js';

/** Three labelled days of cs.CV (171–199 items each), as the feeds' files. */
const DAY = (d: string) => path.join(SHARED, 'relevance', `feed-2026-04-${d}.xml`);

const opened: Awaited<ReturnType<typeof testWatch>>[] = [];
const observers: ReturnType<typeof observedWorker>[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) {
    await t.watch.close();
    t.tmp.cleanup();
  }
  observers.splice(0).forEach((o) => o.close());
});

async function watchOn(watch: NonNullable<Parameters<typeof testWatch>[0]>['watch']) {
  const t = await testWatch({ realScorer: true, watch });
  opened.push(t);
  return t;
}

function observe(options: Parameters<typeof observedWorker>[0] = {}) {
  const o = observedWorker(options);
  observers.push(o);
  return o;
}

/** What a maintainer sees of a poll: each paper's status, score, sections and why. */
const outcomes = (r: PollReport) => r.papers.map((p) => ({ id: p.paper.arxivId, status: p.status, result: p.result }));

describe('the poll worker thread', () => {
  it('parses and scores exactly as the main thread does, with the scorer built there from the inputs sent once', async () => {
    const here = await watchOn({ pollThread: 'main' });
    const o = observe();
    const there = await watchOn({ pollThread: 'worker', pollWorkerEntry: o.entry });
    const mine = await here.watch.poll([DAY('17')]);
    const theirs = await there.watch.poll([DAY('17')]);

    expect(theirs.feeds[0]!.outcome).toBe('ok');
    expect(theirs.papers.length).toBeGreaterThan(150);
    expect(theirs.papers.filter((p) => p.status === 'candidate').length).toBeGreaterThan(0);
    expect(outcomes(theirs)).toEqual(outcomes(mine));
    expect(there.store.candidatesSince(0).map((c) => c.arxivId)).toEqual(here.store.candidatesSince(0).map((c) => c.arxivId));
    const scored = theirs.papers.filter((p) => p.result).length;
    expect(o.jobs).toEqual([{ kind: 'parse' }, { kind: 'score', generation: 0, inputs: true, papers: scored }]);
  });

  it('keeps its scorer between polls and is sent new inputs after a decision or a change of the list', async () => {
    const o = observe();
    const t = await watchOn({ pollThread: 'worker', pollWorkerEntry: o.entry });
    await t.watch.poll([DAY('17')]);
    await t.watch.poll([DAY('20')]);
    t.watch.addFeedback({ arxivId: '2604.99999', title: 'CLIP adapters for open-vocabulary segmentation', abstract: 'We adapt CLIP.', decision: 'approved' });
    await t.watch.poll([DAY('22')]);
    // A maintainer's hand edit: one more row, under the first table row of the list.
    const list = readFileSync(t.config.surveyPath, 'utf8').split('\n');
    const row = list.findIndex((l) => /^\|\s*\[[^\]]+\]\(https:\/\/arxiv\.org\/\w+\/\d{4}\.\d{5}/.test(l));
    list.splice(row + 1, 0, list[row]!.replace(/\[[^\]]+\]/, '[Hand-Added Adapters for CLIP]').replace(/\d{4}\.\d{5}/, '2604.88888'));
    writeFileSync(t.config.surveyPath, list.join('\n'));
    await t.catalogue.reload();
    expect(t.catalogue.index.byArxivId('2604.88888')).toHaveLength(1);
    await t.watch.poll([DAY('23')]);

    const scores = o.jobs.filter((j) => j.kind === 'score');
    expect(scores.map((j) => j.inputs)).toEqual([true, false, true, true]);
    expect(scores[1]!.generation).toBe(scores[0]!.generation);
    expect(scores[2]!.generation).toBeGreaterThan(scores[1]!.generation!);
    expect(scores[3]!.generation).toBeGreaterThan(scores[2]!.generation!);
  });

  it('explains a suggested paper (`/vlm suggest`) there too, below the threshold as well, as the main thread does', async () => {
    const here = await watchOn({ pollThread: 'main' });
    const o = observe();
    const there = await watchOn({ pollThread: 'worker', pollWorkerEntry: o.entry });
    const paper = { arxivId: '2604.77777', title: 'Faster Sorting of Point Clouds', abstract: 'We sort point clouds quickly on GPUs.', authors: ['A. Author'], categories: ['cs.CV'], announceType: 'new' as const, link: 'https://arxiv.org/abs/2604.77777' };
    const mine = await here.watch.assess(paper);
    const theirs = await there.watch.assess(paper);
    expect(theirs.candidate).toBe(false);
    expect(theirs.sections.length).toBeGreaterThan(0);
    expect(theirs).toEqual(mine);
    expect(o.jobs).toEqual([{ kind: 'score', generation: 0, inputs: true, papers: 1 }]);
  });

  it('keeps a parse error its code: a feed that is an HTML page is recorded as feed-parse', async () => {
    const t = await watchOn({ pollThread: 'worker' });
    const file = t.tmp.path('error-page.xml');
    writeFileSync(file, HTML_ERROR_PAGE);
    const report = await t.watch.poll([file]);
    expect(report.feeds[0]).toMatchObject({ outcome: 'error', error: { code: 'feed-parse' } });
    expect(t.feeds.feed(file)?.lastError).toMatch(/feed\/parse: not a feed/);
  });

  it('that cannot start: polls parse and score on the main thread, and the log says why', async () => {
    const t = await watchOn({ pollThread: 'worker', pollWorkerEntry: { url: pathToFileURL(path.join(SHARED, 'no-such-poll-worker.js')) } });
    const report = await t.watch.poll([DAY('17')]);
    expect(report.feeds[0]!.outcome).toBe('ok');
    expect(report.papers.some((p) => p.status === 'candidate')).toBe(true);
    expect(t.log.lines.some((r) => r.level === 'warn' && /poll worker thread did not start/.test(r.msg))).toBe(true);
    expect(t.watch.health()).toMatchObject({ pollThread: 'main', pollThreadProblem: expect.stringMatching(/^the poll worker thread did not start \(/) });
  });

  it('that dies mid-poll: that poll fails and is recorded, nothing is half-written, and the next poll starts a new thread', async () => {
    const t = await watchOn({ pollThread: 'worker', pollWorkerEntry: crashingWorker(1) });
    const failed = await t.watch.poll([DAY('17')]);
    expect(failed.feeds[0]).toMatchObject({ outcome: 'error', error: { code: 'internal' } });
    expect(failed.feeds[0]!.error!.message).toMatch(/poll worker thread stopped \(exited with code 3\)/);
    expect(t.store.candidatesSince(0)).toEqual([]);
    expect(t.feeds.seenIds(['2604.14290']).size).toBe(0);

    const next = await t.watch.poll([DAY('17')]);
    expect(next.feeds[0]!.outcome).toBe('ok');
    expect(next.papers.some((p) => p.status === 'candidate')).toBe(true);
  });

  it('is stopped by close(): a poll it is scoring records that it was cancelled', async () => {
    const o = observe({ holdScores: true });
    const t = await watchOn({ pollThread: 'worker', pollWorkerEntry: o.entry });
    const poll = t.watch.poll([DAY('17')]);
    await o.until((jobs) => jobs.some((j) => j.kind === 'score'));
    // close() waits for the poll to record its end before it closes the database.
    const closed = t.watch.close();
    const report = await poll;
    await closed;
    expect(report.feeds[0]).toMatchObject({ outcome: 'error', error: { code: 'cancelled' } });
    const again = t.reopen();
    expect(again.stores.feeds.polls({ feed: DAY('17'), limit: 1 })[0]).toMatchObject({ outcome: 'error' });
    expect(again.store.candidatesSince(0)).toEqual([]);
    await again.close();
  });
});

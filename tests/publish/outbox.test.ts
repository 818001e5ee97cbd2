/**
 * Publication is durable and exactly-once: GitHub down, slow or rate-limiting queues the change in
 * curator.db and it is published later, once, across restarts; an approval undone before either
 * was published reaches GitHub not at all.
 */
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../helpers/line-diff.js';
import { publishFixtures } from '../helpers/publish.js';

const BRANCH = 'curator/additions';
const fixture = publishFixtures();

/** A clock the test moves. */
function clock(start = Date.UTC(2026, 3, 20, 12)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('the publication outbox', () => {
  it('queues the change while GitHub is down (503) and publishes it once when GitHub is back', async () => {
    const f = await fixture();
    f.github.down();
    const a = f.triage.candidate('2604.00001', 'First Paper');
    expect((await f.approve(a.id)).status).toBe('approved');
    expect(f.triage.text()).toContain('2604.00001');
    expect(f.publishing.store.list()).toMatchObject([{ state: 'queued', attempts: 1, lastError: 'Service Unavailable' }]);
    expect(f.triage.log.lines.some((l) => l.level === 'warn' && l.msg.includes('GitHub unavailable'))).toBe(true);

    f.github.up();
    const report = await f.publishing.drain({ retryNow: true });
    expect(report.published).toHaveLength(1);
    expect(f.github.commitsAhead(BRANCH)).toHaveLength(1);
    expect(f.github.state.pulls).toHaveLength(1);

    await f.publishing.drain({ retryNow: true });
    await f.restart();
    await f.publishing.start();
    expect(f.github.commitsAhead(BRANCH)).toHaveLength(1);
    expect(f.github.find('PUT', /\/contents\//).filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('survives dropped connections and a restart: the next process publishes what the last one queued', async () => {
    const f = await fixture();
    f.github.down({ network: true });
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    expect(f.publishing.store.list()).toMatchObject([{ state: 'queued' }]);

    await f.restart();
    f.github.up();
    await f.publishing.start();
    expect(f.publishing.store.list()).toMatchObject([{ state: 'published' }]);
    expect(f.github.commitsAhead(BRANCH)).toHaveLength(1);
  });

  it('retries by itself once the backoff is over, while the bot runs', async () => {
    const f = await fixture();
    await f.publishing.start();
    f.github.failNext({ status: 502, message: 'Bad Gateway' }, { count: 2 });
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    await f.github.waitFor(() => f.github.state.pulls[0]);
    await f.publishing.idle();
    expect(f.publishing.store.list()).toMatchObject([{ state: 'published', attempts: 2 }]);
    expect(f.github.commitsAhead(BRANCH)).toHaveLength(1);
  });

  it('waits out a secondary rate limit (429 + retry-after), even when a person asks to retry now', async () => {
    const c = clock();
    const f = await fixture({ publishing: { now: c.now } });
    f.github.failNext({ status: 429, message: 'You have exceeded a secondary rate limit', headers: { 'retry-after': '120' } });
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    expect(f.publishing.store.list()).toMatchObject([{ state: 'queued', nextAttemptAt: c.now() + 120_000 }]);

    expect(await f.publishing.drain({ retryNow: true })).toMatchObject({ published: [], nextAt: c.now() + 120_000 });
    c.advance(120_000);
    expect((await f.publishing.drain()).published).toHaveLength(1);
    expect(f.github.commitsAhead(BRANCH)).toHaveLength(1);
  });

  it('waits for x-ratelimit-reset when the primary rate limit is used up (403, remaining 0)', async () => {
    const c = clock();
    const f = await fixture({ publishing: { now: c.now } });
    const reset = Math.floor(c.now() / 1000) + 600;
    f.github.failNext({ status: 403, message: 'API rate limit exceeded for user ID 1.', headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } });
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    expect(f.publishing.store.list()).toMatchObject([{ state: 'queued', nextAttemptAt: reset * 1000 }]);
    c.advance(599_000);
    expect((await f.publishing.drain()).published).toEqual([]);
    c.advance(1000);
    expect((await f.publishing.drain()).published).toHaveLength(1);
  });

  it('does not commit twice when it was cut off after the commit and before the pull request', async () => {
    const f = await fixture();
    f.github.failNext({ status: 500, message: 'Internal Server Error' }, { method: 'POST', path: /\/pulls$/ });
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    expect(f.github.commitsAhead(BRANCH)).toHaveLength(1);
    expect(f.github.state.pulls).toEqual([]);
    expect(f.publishing.store.list()).toMatchObject([{ state: 'queued' }]);

    await f.restart();
    await f.publishing.drain({ retryNow: true });
    expect(f.github.commitsAhead(BRANCH)).toHaveLength(1);
    expect(f.github.state.pulls).toHaveLength(1);
    expect(f.github.state.pulls[0]!.body).toContain('First Paper');
  });

  it('publishes neither an approval nor its undo when both happened while GitHub was down', async () => {
    const f = await fixture();
    f.github.down();
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    await f.undo(a.id);
    f.github.up();
    await f.publishing.drain({ retryNow: true });
    expect(f.publishing.store.list().map((p) => [p.action, p.state])).toEqual([
      ['add', 'cancelled'],
      ['remove', 'cancelled'],
    ]);
    expect(f.github.find('PUT', /\/contents\//)).toEqual([]);
    expect(f.github.state.pulls).toEqual([]);
  });

  it('publishes an undo whose approval is already in the pull request', async () => {
    const f = await fixture();
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    f.github.down();
    await f.undo(a.id);
    f.github.up();
    await f.publishing.drain({ retryNow: true });
    const commits = f.github.commitsAhead(BRANCH);
    expect(commits).toHaveLength(2);
    expect(lineDiff(f.github.change(commits[0]!).before, f.github.change(commits[0]!).after).removed).toHaveLength(1);
  });

  it('keeps a refused change queued (bad token) and tells the operator what to run', async () => {
    const f = await fixture();
    f.github.failNext({ status: 401, message: 'Bad credentials' });
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    expect(f.publishing.store.list()).toMatchObject([{ state: 'queued', lastError: 'Bad credentials' }]);
    expect(f.triage.log.lines.find((l) => l.level === 'error')?.msg).toMatch(/curator github check/);
  });
});

describe('claims on the head of the queue', () => {
  it('hands the head to one process at a time, and to another once the holder’s lease ran out', async () => {
    const f = await fixture();
    f.github.down();
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    const store = f.publishing.store;
    const now = Date.now() + 60 * 60_000;
    expect(store.claimNext('process-a', now, 1000)).toMatchObject({ kind: 'claimed' });
    expect(store.claimNext('process-b', now + 999, 1000)).toEqual({ kind: 'busy', until: now + 1000 });
    expect(store.claimNext('process-b', now + 1001, 1000)).toMatchObject({ kind: 'claimed' });
  });
});

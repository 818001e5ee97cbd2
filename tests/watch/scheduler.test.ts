import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/core/logger.js';
import { createScheduler, type CronFactory, type Scheduler } from '../../src/watch/scheduler.js';
import { RecordingPublisher, testWatch } from '../helpers/watch.js';

/** Cron jobs that run only when the test ticks them. */
function manualCron() {
  const jobs = new Map<string, { expression: string; timezone: string; run: () => void; started: boolean }>();
  const factory: CronFactory = (expression, run, { timezone, name }) => {
    const job = { expression, timezone, run, started: false };
    jobs.set(name, job);
    return { start: () => void (job.started = true), stop: () => void (job.started = false) };
  };
  return { factory, jobs, tick: (name: string) => jobs.get(name)!.run() };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Tuesday 21 April 2026, 10:00 US Eastern. */
const TUESDAY_10AM = Date.UTC(2026, 3, 21, 14, 0);

const schedulers: Scheduler[] = [];
afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
});

function make(overrides: Partial<Parameters<typeof createScheduler>[0]> = {}) {
  const cron = manualCron();
  const log = createMemoryLogger();
  const calls = { poll: 0, digest: [] as string[] };
  const scheduler = createScheduler({
    pollCron: '15 0,6,12,18 * * *',
    digestCron: '0 9 * * *',
    timezone: 'America/New_York',
    poll: async () => void calls.poll++,
    digest: async (day) => void calls.digest.push(day),
    digestDone: () => false,
    log,
    now: () => TUESDAY_10AM,
    cron: cron.factory,
    ...overrides,
  });
  schedulers.push(scheduler);
  return { scheduler, cron, log, calls };
}

describe('the scheduler', () => {
  it('schedules poll and digest in the configured timezone', async () => {
    const { scheduler, cron } = make({ digestDone: () => true });
    await scheduler.start();
    expect([...cron.jobs].map(([name, j]) => [name, j.expression, j.timezone, j.started])).toEqual([
      ['poll', '15 0,6,12,18 * * *', 'America/New_York', true],
      ['digest', '0 9 * * *', 'America/New_York', true],
    ]);
    await scheduler.stop();
    expect([...cron.jobs.values()].every((j) => !j.started)).toBe(true);
  });

  it('skips a tick while the previous run is still going, and says so', async () => {
    const gate = deferred();
    let polls = 0;
    const { scheduler, cron, log } = make({
      poll: async () => {
        polls++;
        await gate.promise;
      },
      digestDone: () => true,
    });
    await scheduler.start();
    cron.tick('poll');
    cron.tick('poll');
    expect(await scheduler.runPoll()).toBe(false);
    expect(polls).toBe(1);
    expect(log.lines.filter((l) => l.level === 'warn' && /previous poll is still running; skipping/.test(l.msg))).toHaveLength(2);

    gate.resolve();
    await new Promise((r) => setImmediate(r));
    expect(await scheduler.runPoll()).toBe(true);
    expect(polls).toBe(2);
  });

  it('a poll and a digest may run at the same time (only runs of one job exclude each other)', async () => {
    const gate = deferred();
    const { scheduler, calls } = make({ poll: () => gate.promise, digestDone: () => true });
    const poll = scheduler.runPoll();
    expect(await scheduler.runDigest('2026-04-21')).toBe(true);
    expect(calls.digest).toEqual(['2026-04-21']);
    gate.resolve();
    expect(await poll).toBe(true);
  });

  it('a failing run is logged and does not stop the next one', async () => {
    let n = 0;
    const { scheduler, log } = make({
      poll: async () => {
        if (++n === 1) throw new Error('disk full');
      },
    });
    expect(await scheduler.runPoll()).toBe(true);
    expect(await scheduler.runPoll()).toBe(true);
    expect(n).toBe(2);
    expect(log.lines.filter((l) => l.level === 'error' && l.msg === 'scheduler: poll failed')).toHaveLength(1);
  });

  it('on start, posts the digest that was due and not posted', async () => {
    const { scheduler, calls } = make({ digestDone: (day) => day !== '2026-04-21' });
    await scheduler.start();
    expect(calls.digest).toEqual(['2026-04-21']);
  });

  it('on start, leaves alone a digest that was posted, and one not yet due today (yesterday’s is the one due)', async () => {
    const done = make({ digestDone: () => true });
    await done.scheduler.start();
    expect(done.calls.digest).toEqual([]);

    const early = make({ now: () => Date.UTC(2026, 3, 21, 12, 0), digestDone: (day) => day === '2026-04-20' }); // 08:00 ET
    expect(early.scheduler.dueDigestDay()).toBe('2026-04-20');
    await early.scheduler.start();
    expect(early.calls.digest).toEqual([]);
  });

  it('does not catch up a digest older than the window (a bot down for a week posts today’s, not last week’s)', async () => {
    const { scheduler } = make({ digestCron: '0 9 * * 1', catchUpWindowMs: 36 * 3_600_000 }); // Mondays only
    expect(scheduler.dueDigestDay()).toBe('2026-04-20');
    const { scheduler: late } = make({ digestCron: '0 9 * * 1', now: () => TUESDAY_10AM + 2 * 86_400_000 });
    expect(late.dueDigestDay()).toBeUndefined();
  });

  it('refuses a bad cron expression, naming the variable', () => {
    expect(() => make({ pollCron: 'every morning' })).toThrow(/POLL_CRON="every morning" is not a cron expression/);
  });
});

describe('the watch on a schedule', () => {
  it('catches up a missed digest from the digests table and posts it once', async () => {
    const t = await testWatch({ start: TUESDAY_10AM });
    try {
      t.store.addCandidate(
        { arxivId: '2604.00001', title: 'A Vision-Language Paper', abstract: '', authors: [], categories: [], announceType: 'new', link: 'https://arxiv.org/abs/2604.00001' },
        t.scorer.score({ arxivId: '2604.00001', title: 'A Vision-Language Paper', abstract: '', authors: [], categories: [], announceType: 'new', link: '' }),
        'test',
        TUESDAY_10AM - 3_600_000,
      );
      const discord = new RecordingPublisher('discord');
      t.watch.addPublisher(discord);
      await t.watch.startSchedule({ cron: manualCron().factory });
      expect(discord.posts).toHaveLength(2);
      expect(t.stores.digests.digest('2026-04-21')?.postedAt).toBeDefined();

      // A restart the same day finds it posted.
      await t.watch.close();
      const again = t.reopen();
      again.addPublisher(discord);
      await again.startSchedule({ cron: manualCron().factory });
      expect(discord.posts).toHaveLength(2);
      await again.close();
    } finally {
      t.tmp.cleanup();
    }
  });
});

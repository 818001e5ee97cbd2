/**
 * When the watch works: polls on POLL_CRON, the digest on DIGEST_CRON, both read in TZ (default
 * America/New_York, arXiv's own clock). A run still going when the next tick comes makes that tick
 * a no-op (logged), and on start a digest that was due while the bot was down is posted.
 */
import { createRequire } from 'node:module';
import type * as NodeCron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { Logger } from '../core/logger.js';
import { localDay } from '../arxiv/calendar.js';
import { errorStack } from '../core/errors.js';

/** Schedules `run` on a cron expression in a timezone; tests pass a fake that ticks on demand. */
export type CronFactory = (expression: string, run: () => void, options: { timezone: string; name: string }) => { start(): void; stop(): void };

export interface SchedulerOptions {
  pollCron: string;
  digestCron: string;
  timezone: string;
  /** One poll of every feed. */
  poll: () => Promise<unknown>;
  /** The digest of a day (`YYYY-MM-DD` in `timezone`). */
  digest: (day: string) => Promise<unknown>;
  /** Whether the digest of `day` has been posted completely (the digests table). */
  digestDone: (day: string) => boolean;
  log: Logger;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  cron?: CronFactory;
  /** How far back start-up looks for a missed digest. Default 36 h: yesterday's, not last week's. */
  catchUpWindowMs?: number;
}

export interface Scheduler {
  /** Schedules both jobs and, when one was missed, runs the latest digest that was due. */
  start(): Promise<void>;
  /** Unschedules; resolves when runs in progress have finished. */
  stop(): Promise<void>;
  /** One poll now, unless one is running (then resolves false). */
  runPoll(): Promise<boolean>;
  /** The digest of `day` (default: today in TZ) now, unless a digest is running (then resolves false). */
  runDigest(day?: string): Promise<boolean>;
  /** The day whose digest was due most recently within the catch-up window, if any. */
  dueDigestDay(): string | undefined;
}

const MINUTE = 60_000;

/** node-cron, loaded when a schedule is made: a one-off command (`curator ask`) never needs it. */
const nodeCron = () => createRequire(import.meta.url)('node-cron') as typeof NodeCron;

/** node-cron, unstarted until `start()`; noOverlap is ours (it logs), so node-cron's is left off. */
export const nodeCronFactory: CronFactory = (expression, run, options) => {
  const task: ScheduledTask = nodeCron().createTask(expression, () => run(), { timezone: options.timezone, name: options.name });
  return { start: () => void task.start(), stop: () => void task.destroy() };
};

/** Throws naming the variable when a cron expression is not valid (checked at start-up). */
export function assertCron(expression: string, variable: string): void {
  if (!nodeCron().validate(expression)) throw new Error(`feed/scheduler: ${variable}="${expression}" is not a cron expression (e.g. "15 0,6,12,18 * * *")`);
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  assertCron(options.pollCron, 'POLL_CRON');
  assertCron(options.digestCron, 'DIGEST_CRON');
  const now = options.now ?? Date.now;
  const cron = options.cron ?? nodeCronFactory;
  const { log, timezone } = options;
  const window = options.catchUpWindowMs ?? 36 * 60 * MINUTE;
  // node-cron's matcher, for looking backwards; never started.
  const digestMatcher = nodeCron().createTask(options.digestCron, () => {}, { timezone });
  const tasks: { start(): void; stop(): void }[] = [];
  const running = new Map<string, Promise<unknown>>();

  /** Runs `job` unless a run of the same name is in progress. */
  async function exclusive(name: string, job: () => Promise<unknown>): Promise<boolean> {
    if (running.has(name)) {
      log.warn(`scheduler: the previous ${name} is still running; skipping this one`);
      return false;
    }
    const run = (async () => {
      try {
        await job();
      } catch (err) {
        log.error(`scheduler: ${name} failed`, { error: errorStack(err) });
      }
    })();
    running.set(name, run);
    try {
      await run;
    } finally {
      running.delete(name);
    }
    return true;
  }

  const scheduler: Scheduler = {
    runPoll: () => exclusive('poll', options.poll),
    runDigest: (day = localDay(now(), timezone)) => exclusive('digest', () => options.digest(day)),

    dueDigestDay() {
      // Walk back minute by minute: cron expressions have no inverse, and a week is only 10k steps.
      const t = Math.floor(now() / MINUTE) * MINUTE;
      for (let at = t; at > t - window; at -= MINUTE) {
        if (digestMatcher.match(new Date(at))) return localDay(at, timezone);
      }
      return undefined;
    },

    async start() {
      tasks.push(
        cron(options.pollCron, () => void scheduler.runPoll(), { timezone, name: 'poll' }),
        cron(options.digestCron, () => void scheduler.runDigest(), { timezone, name: 'digest' }),
      );
      for (const t of tasks) t.start();
      log.info('scheduler: started', { poll: options.pollCron, digest: options.digestCron, timezone });
      const due = scheduler.dueDigestDay();
      if (due && !options.digestDone(due)) {
        log.info('scheduler: the digest due before start was not posted; posting it now', { day: due });
        await scheduler.runDigest(due);
      }
    },

    async stop() {
      for (const t of tasks.splice(0)) t.stop();
      void digestMatcher.destroy();
      await Promise.allSettled([...running.values()]);
    },
  };
  return scheduler;
}

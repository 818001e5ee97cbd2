import { MessageChannel } from 'node:worker_threads';
import type { WorkerEntry } from '../../../src/watch/poll-worker-client.js';

export interface ObservedJob {
  kind: 'parse' | 'score';
  generation?: number;
  /** The job brought the scorer's inputs (a new generation). */
  inputs?: boolean;
  papers?: number;
}

/**
 * The observed test entry (observed-entry.ts) and the test's end of its port: `jobs` lists every
 * job the thread received, in order. With `holdScores`, a score job keeps the thread busy scoring
 * until `release()`.
 */
export function observedWorker(options: { holdScores?: boolean } = {}) {
  const hold = options.holdScores ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  const { port1, port2 } = new MessageChannel();
  const jobs: ObservedJob[] = [];
  const waiters = new Set<() => void>();
  port1.on('message', (m: { job: ObservedJob }) => {
    jobs.push(m.job);
    waiters.forEach((w) => w());
  });
  port1.unref();
  const entry: WorkerEntry = { ...testEntry(), workerData: { port: port2, ...(hold && { hold }) }, transferList: [port2] };
  return {
    entry,
    jobs,
    /** Resolves once `pick` holds for the jobs seen so far. */
    until(pick: (jobs: readonly ObservedJob[]) => boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (!pick(jobs)) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    release: () => hold && Atomics.store(hold, 0, 1),
    close: () => port1.close(),
  };
}

/** The test entry with no port (so a thread can be started again): its first `crashes` score jobs exit the thread with code 3. */
export function crashingWorker(crashes: number): WorkerEntry {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  counter[0] = crashes;
  return { ...testEntry(), workerData: { crashes: counter } };
}

function testEntry(): Pick<WorkerEntry, 'url'> {
  return { url: new URL('./observed-entry.ts', import.meta.url) };
}

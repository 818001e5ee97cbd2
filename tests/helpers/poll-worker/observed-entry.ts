/**
 * A poll worker entry for tests: the real jobs (poll-worker-jobs.ts), observed and steered
 * through `workerData`:
 * - `port` (a transferred MessagePort: one thread only): every job is reported on it (`{ job: { kind, generation, inputs, papers } }`) as it arrives;
 * - `holdScores`: a score job waits for a `release` message on `port` before it runs;
 * - `crashes`: an Int32Array over a SharedArrayBuffer (shared by every thread started): while its
 *   first cell is above 0, a score job decrements it and the thread exits with code 3.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { jobRunner, servePollJobs, type PollJob } from '../../../src/watch/poll-worker-jobs.js';

const data = workerData as { port?: MessagePort; holdScores?: boolean; crashes?: Int32Array };
const run = jobRunner();
const releases: (() => void)[] = [];
data.port?.on('message', (m: unknown) => {
  if (m === 'release') releases.splice(0).forEach((r) => r());
});
// The port must not keep the thread alive on its own.
data.port?.unref();

servePollJobs(parentPort!, async (job: PollJob) => {
  data.port?.postMessage({
    job: { kind: job.kind, ...(job.kind === 'score' && { generation: job.generation, inputs: job.inputs !== undefined, papers: job.papers.length }) },
  });
  if (job.kind === 'score' && data.crashes && Atomics.sub(data.crashes, 0, 1) > 0) process.exit(3);
  if (job.kind === 'score' && data.holdScores) await new Promise<void>((resolve) => releases.push(resolve));
  return run(job);
});

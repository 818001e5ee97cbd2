/**
 * A poll worker entry for tests: the real jobs (poll-worker-jobs.ts), observed and steered
 * through `workerData`:
 * - `port` (a transferred MessagePort, so one thread only): every job is reported on it
 *   (`{ job: { kind, generation, inputs, papers } }`) as it arrives;
 * - `hold`: an Int32Array over a SharedArrayBuffer. Until its first cell is set, a score job keeps
 *   scoring its papers over and over (real work: the thread is as busy as in a big poll), then
 *   answers with the last round's scores;
 * - `crashes`: an Int32Array over a SharedArrayBuffer (shared by every thread started): while its
 *   first cell is above 0, a score job decrements it and the thread exits with code 3.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { jobRunner, servePollJobs, type PollJob } from '../../../src/watch/poll-worker-jobs.js';

const data = workerData as { port?: MessagePort; hold?: Int32Array; crashes?: Int32Array };
const run = jobRunner();
// The port must not keep the thread alive on its own.
data.port?.unref();

servePollJobs(parentPort!, async (job: PollJob) => {
  data.port?.postMessage({
    job: { kind: job.kind, ...(job.kind === 'score' && { generation: job.generation, inputs: job.inputs !== undefined, papers: job.papers.length }) },
  });
  if (job.kind !== 'score') return run(job);
  if (data.crashes && Atomics.sub(data.crashes, 0, 1) > 0) process.exit(3);
  let scores = await run(job);
  // The scorer is built once; the next rounds reuse it.
  const again = { ...job, inputs: undefined };
  while (data.hold && Atomics.load(data.hold, 0) === 0) scores = await run(again);
  return scores;
});

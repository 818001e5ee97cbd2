/**
 * The poll worker thread's entry: parses feeds and scores papers for the running bot, off its
 * event loop (see poll-worker-client.ts). Built to dist/src/watch/poll-worker.js.
 */
import { parentPort } from 'node:worker_threads';
import { servePollJobs } from './poll-worker-jobs.js';

if (!parentPort) throw new Error('watch/poll-worker: this file runs as a worker thread (started by poll-worker-client.ts), not on its own');
servePollJobs(parentPort);

/**
 * The bot's side of the poll worker: a worker thread that parses feeds and scores papers, so that
 * while a 2,000-item feed is scored the event loop stays free for Discord deferrals and Slack acks
 * (both have a 3-second deadline). One long-lived thread: it keeps the scorer it built (the model,
 * the list's vectors) between polls, and is rebuilt only when the scorer's generation changes.
 *
 * The thread is started on the first poll and does not keep the process alive while idle. If it
 * cannot start, polls run on this thread (with a warning); if it dies mid-job, that poll fails
 * (recorded like any failed poll) and the next one starts a new thread.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TransferListItem, Worker } from 'node:worker_threads';
import type { ParsedFeed } from '../arxiv/normalise.js';
import type { FeedPaper } from '../arxiv/paper.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { packageLayout } from '../core/package-root.js';
import { startWorkerThread } from '../core/worker-thread.js';
import { fromRemoteError, type JobResult, type PollJob, type ScorerInputs, type WorkerMessage } from './poll-worker-jobs.js';
import type { PaperScore, PollWork } from './poll.js';

/** Where the thread's code is, and what it is started with (tests pass their own entry). A `.ts` file is loaded through tsx (core/worker-thread.ts). */
export interface WorkerEntry {
  url: URL;
  workerData?: unknown;
  transferList?: readonly TransferListItem[];
}

export interface PollWorkerOptions {
  /**
   * The scorer's current generation, and how to get its inputs. The inputs are sent with the first
   * job of each generation, so the caller bumps the generation whenever the scorer would change.
   */
  scorer: () => { generation: number; inputs: () => ScorerInputs };
  /** Does the work when the thread cannot start. */
  fallback: PollWork;
  log: Logger;
  entry?: WorkerEntry;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** One worker thread as it is running: its jobs in flight and the scorer generation it holds. */
interface Running {
  worker: Worker;
  /** Settles when the thread says it is ready; rejects when it failed before that. */
  ready: Promise<void>;
  pending: Map<number, Pending>;
  generation?: number;
}

export class PollWorker implements PollWork {
  private running?: Running;
  private nextId = 1;
  /** Set when the thread could not start (why): the work is done on this thread from then on. */
  private unavailable?: string;
  private closed = false;

  constructor(private readonly options: PollWorkerOptions) {}

  /** Where polls run now, for GET /healthz: here once the thread could not start, and why. */
  get thread(): { thread: 'worker' | 'main'; problem?: string } {
    return this.unavailable ? { thread: 'main', problem: this.unavailable } : { thread: 'worker' };
  }

  parse(text: string, source: string): Promise<ParsedFeed> {
    return this.run({ kind: 'parse', text, source }, () => this.options.fallback.parse(text, source));
  }

  async score(papers: readonly FeedPaper[], options: { explain?: boolean } = {}): Promise<PaperScore[]> {
    if (!papers.length) return [];
    const { generation, inputs } = this.options.scorer();
    return this.run(
      (running) => ({ kind: 'score', generation, papers, ...(options.explain && { explain: true }), ...(running.generation !== generation && { inputs: inputs() }) }),
      () => this.options.fallback.score(papers, options),
      (running) => (running.generation = generation),
    );
  }

  /** Stops the thread; jobs in flight reject (a poll in progress records that it was cancelled). */
  async close(): Promise<void> {
    this.closed = true;
    const running = this.running;
    this.running = undefined;
    if (!running) return;
    this.failAll(running, new Error('watch/poll-worker: stopped because the bot is shutting down'));
    await running.worker.terminate();
  }

  private async run<J extends PollJob>(job: J | ((running: Running) => J), fallback: () => Promise<JobResult<J>>, done?: (running: Running) => void): Promise<JobResult<J>> {
    if (this.closed) throw new Error('watch/poll-worker: the watch is closed');
    if (this.unavailable) return fallback();
    const running = (this.running ??= this.start());
    try {
      await running.ready;
    } catch (err) {
      // Jobs that waited for the same start say it once.
      if (!this.unavailable) {
        this.unavailable = `the poll worker thread did not start (${errorMessage(err)})`;
        this.options.log.warn(`poll: ${this.unavailable}; parsing and scoring on the main thread, so interactions wait while a feed is scored`);
      }
      return fallback();
    }
    // Built after `ready`: whether the scorer's inputs must go along depends on the thread's state then.
    const message = { id: this.nextId++, job: typeof job === 'function' ? job(running) : job };
    const value = await new Promise((resolve, reject) => {
      if (running.pending.size === 0) running.worker.ref();
      running.pending.set(message.id, { resolve, reject });
      running.worker.postMessage(message);
    });
    done?.(running);
    return value as JobResult<J>;
  }

  private start(): Running {
    const entry = this.options.entry ?? defaultEntry();
    const worker = startWorkerThread(entry.url, {
      name: 'curator-poll',
      ...(entry.workerData !== undefined && { workerData: entry.workerData }),
      ...(entry.transferList && { transferList: [...entry.transferList] }),
    });
    const pending = new Map<number, Pending>();
    let markReady!: () => void;
    let failStart!: (err: Error) => void;
    const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (failStart = reject)));
    // Handled here so a thread that never starts is not an unhandled rejection before a job awaits it.
    ready.catch(() => {});
    const running: Running = { worker, ready, pending };
    worker.on('message', (m: WorkerMessage) => {
      if ('ready' in m) {
        // Idle, the thread must not keep a one-shot command (or a stopping bot) alive; a job refs it.
        if (pending.size === 0) worker.unref();
        return markReady();
      }
      const job = pending.get(m.id);
      if (!job) return;
      pending.delete(m.id);
      if (pending.size === 0) worker.unref();
      if (m.ok) job.resolve(m.value);
      else job.reject(fromRemoteError(m.error));
    });
    const stopped = (why: Error) => {
      failStart(why);
      if (this.running === running) this.running = undefined;
      this.failAll(running, new Error(`watch/poll-worker: the poll worker thread stopped (${why.message}); the next poll starts a new one`));
    };
    worker.on('error', (err) => stopped(err));
    worker.on('exit', (code) => stopped(new Error(`exited with code ${code}`)));
    return running;
  }

  private failAll(running: Running, err: Error): void {
    for (const job of running.pending.values()) job.reject(err);
    running.pending.clear();
  }
}

/**
 * The thread's entry: dist/src/watch/poll-worker.js in the build; from the TypeScript sources
 * (tests, `npm run dev`, the bench), src/watch/poll-worker.ts.
 */
function defaultEntry(): WorkerEntry {
  const { root, built } = packageLayout(import.meta.url);
  return { url: pathToFileURL(built ? path.join(root, 'dist', 'src', 'watch', 'poll-worker.js') : path.join(root, 'src', 'watch', 'poll-worker.ts')) };
}

/**
 * What the poll worker does, and the messages it speaks (poll-worker.ts is the thread's entry,
 * poll-worker-client.ts the bot's side). Everything crosses the thread boundary as plain data
 * (structured clone): feed text in, papers out; scorer inputs once per generation, scores out.
 */
import { getPriority, setPriority } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { FeedParseError } from '../arxiv/errors.js';
import type { ParsedFeed } from '../arxiv/normalise.js';
import type { FeedPaper } from '../arxiv/paper.js';
import { parseFeed } from '../arxiv/parse.js';
import { errorMessage } from '../core/errors.js';
import type { CatalogueView } from '../relevance/catalogue-view.js';
import type { RelevanceModel } from '../relevance/model.js';
import { RelevanceScorer, type Feedback, type ScorerOptions } from '../relevance/score.js';
import type { PaperScore } from './poll.js';

/** Everything the worker's scorer is built from (what the in-thread scorer is built from, as data). */
export interface ScorerInputs {
  catalogue: CatalogueView;
  feedback: readonly Feedback[];
  model: RelevanceModel;
  options: Omit<ScorerOptions, 'model'>;
}

export type PollJob =
  | { kind: 'parse'; text: string; source: string }
  /**
   * Scores papers with the scorer of `generation`. `inputs` comes with the first job of a
   * generation (the list changed, a decision was made, the model retrained): the worker builds
   * its scorer from them once and keeps it for the next polls.
   */
  | { kind: 'score'; generation: number; inputs?: ScorerInputs; papers: readonly FeedPaper[]; explain?: boolean };

export type JobResult<J extends PollJob> = J extends { kind: 'parse' } ? ParsedFeed : PaperScore[];

/** An error as it crosses the thread boundary: what is needed to raise the same error on the other side. */
export interface RemoteError {
  name: string;
  message: string;
  /** FeedParseError's reason and source. */
  reason?: string;
  source?: string;
}

export type WorkerMessage = { ready: true } | { id: number; ok: true; value: unknown } | { id: number; ok: false; error: RemoteError };

/** The worker's state: the scorer of the newest generation it was given. */
export class PollJobs {
  private current?: { generation: number; scorer: RelevanceScorer };

  async run<J extends PollJob>(job: J): Promise<JobResult<J>>;
  async run(job: PollJob): Promise<ParsedFeed | PaperScore[]> {
    if (job.kind === 'parse') return parseFeed(job.text, { source: job.source });
    if (job.inputs) {
      const { catalogue, feedback, model, options } = job.inputs;
      this.current = { generation: job.generation, scorer: new RelevanceScorer(catalogue, { ...options, model }, feedback) };
    }
    if (this.current?.generation !== job.generation) {
      throw new Error(`watch/poll-worker: no scorer for generation ${job.generation} (it has ${this.current?.generation ?? 'none'}); send the inputs again`);
    }
    const scorer = this.current.scorer;
    const options = { explain: job.explain === true };
    return job.papers.map((p) => scorer.score(p, options));
  }
}

/** How much nicer than the bot's event loop the worker thread runs (Linux: per thread). */
const WORKER_NICENESS = 10;

/**
 * Answers every `{ id, job }` on `port` with `{ id, ok, value | error }`, after saying it is ready.
 * Call it on the worker thread: it lowers that thread's priority, so that when the machine is
 * busy the bot's event loop (acks, replies) gets the CPU first and a poll takes a little longer.
 */
export function servePollJobs(port: Pick<MessagePort, 'on' | 'postMessage'>, run: (job: PollJob) => Promise<unknown> = jobRunner()): void {
  try {
    setPriority(Math.min(19, getPriority() + WORKER_NICENESS));
  } catch {
    // Not permitted here (some containers): the thread runs at the bot's priority.
  }
  port.on('message', (message: { id: number; job: PollJob }) => {
    run(message.job).then(
      (value) => port.postMessage({ id: message.id, ok: true, value } satisfies WorkerMessage),
      (err: unknown) => port.postMessage({ id: message.id, ok: false, error: toRemoteError(err) } satisfies WorkerMessage),
    );
  });
  port.postMessage({ ready: true } satisfies WorkerMessage);
}

/** A fresh worker state's `run`. */
export function jobRunner(): (job: PollJob) => Promise<unknown> {
  const jobs = new PollJobs();
  return (job) => jobs.run(job);
}

export function toRemoteError(err: unknown): RemoteError {
  if (err instanceof FeedParseError) return { name: err.name, message: err.message, reason: err.reason, ...(err.source !== undefined && { source: err.source }) };
  return { name: err instanceof Error ? err.name : 'Error', message: errorMessage(err) };
}

/** The error the worker raised, raised again on this side: a FeedParseError stays one (the poll records its code). */
export function fromRemoteError(remote: RemoteError): Error {
  if (remote.name === 'FeedParseError' && remote.reason !== undefined) return new FeedParseError(remote.reason, remote.source);
  const err = new Error(remote.message);
  if (remote.name !== 'Error') err.name = remote.name;
  return err;
}

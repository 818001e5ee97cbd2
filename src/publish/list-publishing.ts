/**
 * LIST_PUBLISH=pr as one service: triage hands it each decision that changed the list
 * ({@link ListPublishing.onListChange}, inside the decision's transaction, so the change is queued
 * exactly when the decision is recorded); it publishes the queue to the pull request on GitHub
 * (publisher.ts) and syncs the local copy from the base branch at start and every
 * LIST_SYNC_INTERVAL_MS (list-sync.ts). Publishing and syncing run one at a time.
 *
 * main.ts builds it for the bot and for `curator ask`; `curator github sync` uses it for one sync.
 */
import type { CatalogueStore } from '../catalogue/store.js';
import type { Config, GitHubConfig } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Database } from '../db/database.js';
import type { ListChange } from '../triage/apply-decision.js';
import { AdditionsBranch } from './additions-branch.js';
import { GitHubRepo, messageOf } from './github-client.js';
import { ListSync, type SyncReport } from './list-sync.js';
import { PublicationStore } from './publication-store.js';
import { type Backoff, type DrainReport, Publisher } from './publisher.js';

export interface ListPublishingOptions {
  github: GitHubConfig;
  /** curator.db (the connection triage records decisions on: the queue joins their transactions). */
  db: Database;
  /** The live local list. */
  catalogue: CatalogueStore;
  log: Logger;
  now?: () => number;
  backoff?: Backoff;
  leaseMs?: number;
  /** Per-request timeout (ms). */
  requestTimeoutMs?: number;
  /** Publish each change as soon as it is queued (default). `curator ask` publishes once, at its end. */
  publishOnChange?: boolean;
}

export class ListPublishing {
  readonly store: PublicationStore;
  readonly github: GitHubRepo;
  readonly branches: AdditionsBranch;
  private readonly publisher: Publisher;
  private readonly listSync: ListSync;
  private readonly now: () => number;
  private queue: Promise<unknown> = Promise.resolve();
  private running = false;
  private stopped = false;
  private syncTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;

  /** The service when LIST_PUBLISH=pr (config validation guarantees the GitHub settings then), else undefined. */
  static forConfig(config: Pick<Config, 'publish' | 'github'>, options: Omit<ListPublishingOptions, 'github'>): ListPublishing | undefined {
    return config.publish === 'pr' && config.github ? new ListPublishing({ ...options, github: config.github }) : undefined;
  }

  constructor(private readonly options: ListPublishingOptions) {
    this.now = options.now ?? Date.now;
    this.store = new PublicationStore(options.db);
    this.github = new GitHubRepo(options.github, { timeoutMs: options.requestTimeoutMs });
    this.branches = new AdditionsBranch(this.github, this.store, options.log, this.now);
    this.publisher = new Publisher({ github: this.github, store: this.store, branches: this.branches, log: options.log, now: this.now, backoff: options.backoff, leaseMs: options.leaseMs });
    this.listSync = new ListSync({ github: this.github, store: this.store, branches: this.branches, catalogue: options.catalogue, log: options.log });
  }

  /**
   * Triage's hook: queues the change (in the caller's transaction) and publishes it soon after —
   * once the transaction has committed.
   */
  readonly onListChange = (change: ListChange): void => {
    this.store.enqueue(change, this.now());
    // Once stopped (shutting down), a change queued late waits for the next start.
    if (this.options.publishOnChange !== false && !this.stopped) void Promise.resolve().then(() => this.drain());
  };

  /** The bot's loop: sync now and every LIST_SYNC_INTERVAL_MS, publish what is queued, retry when due. */
  async start(): Promise<void> {
    // Stopped before it started (the console quit at once): stay stopped.
    if (this.stopped) return;
    this.running = true;
    await this.syncLogged();
    if (this.stopped) return;
    await this.drain();
    const every = this.options.github.syncIntervalMs;
    if (every > 0 && this.running) {
      this.syncTimer = setInterval(() => void this.syncLogged(), every);
      this.syncTimer.unref();
    }
  }

  /** Stops the timers; resolves when work under way has finished. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    clearInterval(this.syncTimer);
    clearTimeout(this.retryTimer);
    await this.idle();
  }

  /** Resolves when the publishing and syncing queued so far are done. */
  async idle(): Promise<void> {
    for (let seen; seen !== this.queue; ) {
      seen = this.queue;
      await seen;
    }
  }

  /** Publishes what is queued (see Publisher.drain); while running, schedules the next try when it must wait. Never rejects. */
  drain(options: { retryNow?: boolean } = {}): Promise<DrainReport> {
    return this.serial(async () => {
      let report: DrainReport;
      try {
        report = await this.publisher.drain(options);
      } catch (err) {
        // A database failure: the queue is intact; try again at the next change or start.
        this.options.log.error('github: publishing stopped on an unexpected error', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        return { published: [], failed: [] };
      }
      if (report.nextAt !== undefined && this.running) this.retryAt(report.nextAt);
      return report;
    });
  }

  /** One sync from the base branch (see ListSync). Rejects when GitHub cannot be read; the local list is then untouched. */
  sync(): Promise<SyncReport> {
    return this.serial(() => this.listSync.sync());
  }

  private async syncLogged(): Promise<void> {
    await this.sync().catch((err: unknown) => this.options.log.warn('github: could not sync the list from GitHub; the local copy is kept, and the next sync tries again', { error: messageOf(err) }));
  }

  private retryAt(at: number) {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.drain(), Math.max(0, at - this.now()) + 10);
    this.retryTimer.unref();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * The arXiv watch as one service: its stores in curator.db, the scorer (rebuilt when the list
 * changes), polling, the digest and its schedule, and the News channels it posts to. main.ts builds
 * it and puts it on the bot's services before adapters start; commands see it as core's `Watch`.
 */
import type { LiveCatalogue } from '../search/live-catalogue.js';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { NewsPublisher } from '../core/publisher.js';
import { UserError } from '../core/errors.js';
import type { RelevanceLearning, Watch } from '../core/services.js';
import { runDigest, type DigestOutcome } from './digest.js';
import type { Database } from '../db/database.js';
import type { CandidateRecord, TriageStore } from '../triage/store.js';
import { fetchArxivPaper } from '../arxiv/api.js';
import { localDay } from '../arxiv/calendar.js';
import { FeedError } from '../arxiv/errors.js';
import type { CatalogueView } from '../relevance/catalogue-view.js';
import { systemClock, type Clock } from '../arxiv/clock.js';
import type { FetchFeedOptions } from '../arxiv/fetch.js';
import type { FeedPaper } from '../arxiv/paper.js';
import { createHostGate } from '../arxiv/host-gate.js';
import { inThreadWork, pollFeeds, type PaperScore, type PaperScorer, type PollReport, type PollWork } from './poll.js';
import { PollWorker, type WorkerEntry } from './poll-worker-client.js';
import type { ScorerInputs } from './poll-worker-jobs.js';
import type { RetryOptions } from '../arxiv/retry.js';
import { createScheduler, type CronFactory, type Scheduler } from './scheduler.js';
import { watchStores, type WatchStores } from './stores.js';
import { loadRelevanceModel, type RelevanceModel } from '../relevance/model.js';
import { applyUpdate, learnFromDecisions, updateApplies, type RelevanceUpdate } from '../relevance/retrain.js';
import { RelevanceScorer, type Feedback, type ScorerOptions } from '../relevance/score.js';
import type { StoredUpdate } from './relevance-store.js';

/** A scorer that can also learn from decisions as they are made (RelevanceScorer can). */
export type LearningScorer = PaperScorer & { addFeedback?(feedback: Feedback): void };

/**
 * Builds a scorer over the current list and every decision so far; `model` is the shipped model
 * with what it learned from decisions applied (see relevance/retrain.ts).
 */
export type ScorerFactory = (catalogue: CatalogueView, feedback: readonly Feedback[], model: RelevanceModel) => LearningScorer;

export interface WatchServiceOptions {
  /** curator.db; the watch closes it on {@link WatchService.close}. */
  db: Database;
  /** The live list: dedupe reads its index, the scorer its entries and sections. */
  catalogue: Pick<LiveCatalogue, 'catalogue' | 'index' | 'onChange'>;
  settings: Config['feed'];
  /** TZ: the digest day and the cron expressions are read in it. */
  timezone: string;
  log: Logger;
  clock?: Clock;
  retry?: RetryOptions;
  /** Default: the RelevanceScorer with the shipped model and the configured threshold and keywords. */
  createScorer?: ScorerFactory;
  /** The default scorer explains every paper, not only candidates (`curator poll --all`). */
  explainAll?: boolean;
  /** The shipped relevance model; default `data/relevance-model.json`, read on first use. */
  loadModel?: () => RelevanceModel;
  /**
   * Where a poll parses and scores: `main` (default: one-shot commands, where nothing else waits)
   * or `worker`, a worker thread, so a running bot keeps acknowledging interactions while a big
   * feed is scored. The worker builds the default scorer from data, so with `createScorer` set
   * polls stay on the main thread.
   */
  pollThread?: 'main' | 'worker';
  /** The worker thread's entry (tests); default the build's or the sources' poll-worker. */
  pollWorkerEntry?: WorkerEntry;
}

const DAY_MS = 86_400_000;

export class WatchService implements Watch {
  readonly db: Database;
  /** Each room's store over {@link db}: the feeds' state, candidates, the outbox, digests. */
  readonly stores: WatchStores;
  /** The candidates (triage's store). */
  readonly store: TriageStore;
  readonly settings: Config['feed'];
  readonly timezone: string;
  /**
   * What every request of the watch goes out with (timeout, size cap, one politeness gate).
   * `/vlm suggest` should fetch with these too, so its requests queue behind the feeds'.
   */
  readonly fetchOptions: Pick<FetchFeedOptions, 'timeoutMs' | 'maxBytes' | 'gate' | 'clock' | 'retry' | 'allowedHosts'>;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly catalogue: WatchServiceOptions['catalogue'];
  private readonly createScorer: ScorerFactory;
  private readonly publishers: NewsPublisher[] = [];
  private readonly unsubscribe: () => void;
  private cachedScorer?: LearningScorer;
  /** Bumped whenever the scorer would change: the poll worker rebuilds its own on the next poll. */
  private scorerGeneration = 0;
  private readonly explainAll: boolean;
  /** How polls parse and score: here, or in the poll worker thread (`pollThread`). */
  readonly work: PollWork;
  private readonly pollWorker?: PollWorker;
  private readonly loadModel: () => RelevanceModel;
  private shipped?: RelevanceModel;
  /** Aborts requests in flight on close, so shutdown does not wait out timeouts and Retry-After. */
  private readonly closing = new AbortController();
  /** Polls and digests in progress, however started: close() lets them record their end first. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private scheduler?: Scheduler;

  constructor(options: WatchServiceOptions) {
    this.db = options.db;
    this.stores = watchStores(options.db);
    this.store = this.stores.triage;
    this.settings = options.settings;
    this.timezone = options.timezone;
    this.log = options.log;
    this.clock = options.clock ?? systemClock;
    this.catalogue = options.catalogue;
    this.explainAll = options.explainAll === true;
    this.createScorer = options.createScorer ?? defaultScorerFactory(options.settings, this.explainAll);
    this.loadModel = options.loadModel ?? (() => loadRelevanceModel());
    this.fetchOptions = {
      timeoutMs: options.settings.timeoutMs,
      maxBytes: options.settings.maxBytes,
      allowedHosts: options.settings.allowedHosts,
      gate: createHostGate({ minIntervalMs: options.settings.minIntervalMs, clock: this.clock }),
      clock: this.clock,
      ...(options.retry && { retry: options.retry }),
    };
    // The scorer reads the list once; after the list changes (an approval) the next poll builds a new one.
    this.unsubscribe = this.catalogue.onChange(() => this.invalidateScorer());
    const inThread = inThreadWork(() => this.scorer());
    if (options.pollThread === 'worker' && !options.createScorer) {
      this.pollWorker = new PollWorker({
        scorer: () => ({ generation: this.scorerGeneration, inputs: () => this.scorerInputs() }),
        fallback: inThread,
        log: this.log,
        ...(options.pollWorkerEntry && { entry: options.pollWorkerEntry }),
      });
    }
    this.work = this.pollWorker ?? inThread;
  }

  /** The next poll scores with a scorer built afresh (here and in the poll worker). */
  private invalidateScorer(): void {
    this.cachedScorer = undefined;
    this.scorerGeneration++;
  }

  /** What the poll worker builds its scorer from: the default scorer's inputs, as plain data. */
  private scorerInputs(): ScorerInputs {
    const { entries, sections } = this.catalogue.catalogue;
    return {
      catalogue: { entries: [...entries], sections: [...sections] },
      feedback: feedbackFrom(this.store.decidedCandidates()),
      model: this.relevanceModel(),
      options: scorerOptions(this.settings, this.explainAll),
    };
  }

  /** The scorer over the current list and all decisions, built on first use. */
  scorer(): LearningScorer {
    return (this.cachedScorer ??= this.createScorer(this.catalogue.catalogue, feedbackFrom(this.store.decidedCandidates()), this.relevanceModel()));
  }

  /**
   * One paper's score, explained even below the threshold (`/vlm suggest`): where polls score, so
   * in the poll worker for a running bot.
   */
  async assess(paper: FeedPaper): Promise<PaperScore> {
    const [score] = await this.work.score([paper], { explain: true });
    return score!;
  }

  /** The shipped model with the newest update learned on it applied (the shipped one as it is when there is none). */
  relevanceModel(): RelevanceModel {
    const shipped = (this.shipped ??= this.loadModel());
    const latest = this.stores.relevance.latest();
    return latest && updateApplies(shipped, latest.update) ? applyUpdate(shipped, latest.update) : shipped;
  }

  /**
   * Learns from every decision in the database (the shipped model as the prior), records the
   * update and makes the next poll score with it. Returns what was stored.
   */
  retrainRelevance(): StoredUpdate {
    const shipped = (this.shipped ??= this.loadModel());
    const update: RelevanceUpdate = learnFromDecisions(shipped, feedbackFrom(this.store.decidedCandidates()));
    const stored = this.stores.relevance.save(update, this.clock.now());
    this.invalidateScorer();
    this.log.info(`relevance: learned from ${update.decisions.total} decision(s) (${update.decisions.approved} approved, ${update.decisions.rejected} rejected)`);
    return stored;
  }

  /** How much the model in use has learned from decisions. */
  relevanceLearning(): RelevanceLearning {
    const counts = this.store.candidateCounts();
    const latest = this.stores.relevance.latest();
    const applies = latest !== undefined && updateApplies((this.shipped ??= this.loadModel()), latest.update);
    return {
      learnedFrom: applies ? latest.update.decisions.total : 0,
      decided: counts.approved + counts.rejected,
      ...(applies && { learnedAt: latest.createdAt }),
      stale: latest !== undefined && !applies,
    };
  }

  /**
   * Retrains when RELEVANCE_RETRAIN_MIN_DECISIONS new decisions exist since the model in use
   * learned (called before each scheduled poll). A failure is logged: the poll goes on with the
   * model it has.
   */
  retrainIfDue(): boolean {
    const min = this.settings.retrainMinDecisions;
    if (!(min > 0)) return false;
    try {
      const { learnedFrom, decided, stale } = this.relevanceLearning();
      if (decided - (stale ? 0 : learnedFrom) < min) return false;
      this.retrainRelevance();
      return true;
    } catch (err) {
      this.log.error('relevance: retraining from decisions failed; scoring with the model as it was', { error: (err as Error)?.message ?? String(err) });
      return false;
    }
  }

  /**
   * Hands a maintainer's decision to the scorer, so the next polls learn from it. (A rebuilt scorer
   * reads decisions from the store, so record the decision there too.)
   */
  addFeedback(feedback: Feedback): void {
    // The poll worker rebuilds from the store: the decision is recorded there by now.
    this.scorerGeneration++;
    if (!this.cachedScorer) return;
    if (this.cachedScorer.addFeedback) this.cachedScorer.addFeedback(feedback);
    else this.cachedScorer = undefined;
  }

  /** Adds a platform's News channel (adapters start after the service exists). */
  addPublisher(publisher: NewsPublisher): void {
    this.publishers.push(publisher);
  }

  /** The News channels digests go to (enabled or not). */
  get newsPublishers(): readonly NewsPublisher[] {
    return this.publishers;
  }

  /** Polls the configured feeds (or `feeds`) once. */
  poll(feeds: readonly string[] = this.settings.urls): Promise<PollReport> {
    return this.track(pollFeeds(feeds, {
      stores: this.stores,
      catalogue: this.catalogue,
      work: this.work,
      includeCrossLists: this.settings.includeCrossLists,
      log: this.log,
      clock: this.clock,
      fetch: { ...this.fetchOptions, signal: this.closing.signal },
    }));
  }

  /**
   * The watch's recent work for GET /healthz: the last poll of each feed and the last digest.
   * Informational (ok): a feed that failed once is the next poll's business, not a reason to
   * restart the bot.
   */
  health(): {
    ok: true;
    lastPolls: { feed: string; at: string; outcome: string; error?: string }[];
    lastDigest?: { day: string; postedAt?: string };
    /** Where polls parse and score (a running bot: `worker`, or `main` with the reason the thread did not start). */
    pollThread: 'worker' | 'main';
    pollThreadProblem?: string;
  } {
    const lastPolls = this.settings.urls.flatMap((feed) => {
      const p = this.stores.feeds.polls({ feed, limit: 1 })[0];
      return p ? [{ feed, at: new Date(p.finishedAt).toISOString(), outcome: p.outcome, ...(p.error && { error: p.error }) }] : [];
    });
    const d = this.stores.digests.latestDigest();
    const where = this.pollWorker?.thread ?? { thread: 'main' as const };
    return { ok: true, lastPolls, pollThread: where.thread, ...(where.problem && { pollThreadProblem: where.problem }), ...(d && { lastDigest: { day: d.day, ...(d.postedAt !== undefined && { postedAt: new Date(d.postedAt).toISOString() }) } }) };
  }

  /** Composes and posts the digest of `day` (default today in TZ) to every enabled News channel. */
  digest(day: string = this.today()): Promise<DigestOutcome> {
    return this.track(runDigest(day, {
      stores: this.stores,
      publishers: this.publishers,
      max: this.settings.digestMax,
      feeds: this.settings.urls,
      log: this.log,
      now: () => this.clock.now(),
    }));
  }

  /** Today, `YYYY-MM-DD` in TZ. */
  today(): string {
    return localDay(this.clock.now(), this.timezone);
  }

  /**
   * One paper from the arXiv API (through the same fetch rules and politeness gate as the feeds).
   * A paper the watch already holds as a candidate is answered from the database, without a request.
   * Network and parse failures become a UserError saying arXiv could not be read.
   */
  async fetchPaper(id: string): Promise<FeedPaper> {
    const known = this.store.candidateByArxivId(id);
    if (known) return { ...known, announceType: known.announceType ?? 'new' };
    try {
      return await fetchArxivPaper(id, { apiUrl: this.settings.arxivApiUrl, ...this.fetchOptions, signal: this.closing.signal });
    } catch (err) {
      if (err instanceof FeedError) throw new UserError('arxiv-unavailable', `Could not read arXiv ${id} from the arXiv API (${err.code}); try again later.`);
      throw err;
    }
  }

  /** Candidates found in the last `days` days, newest first. */
  recentCandidates(days: number): CandidateRecord[] {
    return this.store.candidatesSince(this.clock.now() - days * DAY_MS);
  }

  /** Starts polling and the daily digest on their cron schedules; catches up a missed digest. */
  async startSchedule(options: { cron?: CronFactory } = {}): Promise<void> {
    if (this.scheduler) return;
    this.scheduler = createScheduler({
      pollCron: this.settings.pollCron,
      digestCron: this.settings.digestCron,
      timezone: this.timezone,
      poll: () => {
        this.retrainIfDue();
        return this.poll();
      },
      digest: (day) => this.digest(day),
      digestDone: (day) => this.stores.digests.digest(day)?.postedAt !== undefined,
      log: this.log,
      now: () => this.clock.now(),
      ...(options.cron && { cron: options.cron }),
    });
    await this.scheduler.start();
  }

  private track<T>(run: Promise<T>): Promise<T> {
    this.inFlight.add(run);
    const forget = () => void this.inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** Cancels feed requests in flight, stops the schedule (waiting for runs to record their end) and closes the database. */
  async close(): Promise<void> {
    if (!this.closing.signal.aborted) this.closing.abort(new Error('the bot is shutting down'));
    // A poll scoring in the worker stops now and records that it was cancelled.
    await this.pollWorker?.close();
    await this.scheduler?.stop();
    this.scheduler = undefined;
    await Promise.allSettled([...this.inFlight]);
    this.unsubscribe();
    if (this.db.open) this.db.close();
  }
}

/** The RelevanceScorer with the given model and the configured settings. */
function defaultScorerFactory(settings: Config['feed'], explainAll: boolean): ScorerFactory {
  return (catalogue, feedback, model) => new RelevanceScorer(catalogue, { ...scorerOptions(settings, explainAll), model }, feedback);
}

/** The configured threshold and keywords, as the scorer takes them. */
function scorerOptions(settings: Config['feed'], explainAll: boolean): Omit<ScorerOptions, 'model'> {
  return { threshold: settings.threshold, include: settings.keywordsInclude, exclude: settings.keywordsExclude, explainAll };
}

/** Decided candidates as the scorer's feedback. */
export function feedbackFrom(candidates: readonly CandidateRecord[]): Feedback[] {
  return candidates
    .filter((c) => c.status === 'approved' || c.status === 'rejected')
    .map((c) => ({
      arxivId: c.arxivId,
      title: c.title,
      abstract: c.abstract,
      decision: c.status === 'approved' ? ('approved' as const) : ('rejected' as const),
      ...(c.decidedSection && { section: c.decidedSection }),
    }));
}

/**
 * One poll of the arXiv feeds: fetch (with the stored validator), parse, keep the announcements of
 * new papers, drop what the list already has and what an earlier poll saw, score the rest, and
 * record it all — one transaction per feed. A feed that fails records its error and changes
 * nothing else; the next poll starts from the same state.
 */
import { systemClock, type Clock } from '../arxiv/clock.js';
import { FeedError } from '../arxiv/errors.js';
import type { FeedPollRecord } from '../arxiv/feed-store.js';
import { loadFeedSource, type FetchFeedOptions } from '../arxiv/fetch.js';
import type { FeedPaper } from '../arxiv/paper.js';
import type { ParsedFeed } from '../arxiv/normalise.js';
import { parseFeed } from '../arxiv/parse.js';
import { errorMessage, errorStack } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { transaction } from '../db/database.js';
import type { SearchIndex } from '../search/search-index.js';
import type { Assessment } from '../core/services.js';
import type { WatchStores } from './stores.js';

/** A paper's score, suggested sections and explanation (a `ScoreResult` of relevance/score.ts fits). */
export interface PaperScore extends Assessment {
  /** Worth a maintainer's look: recorded as a candidate. */
  candidate: boolean;
}

/**
 * What the poll needs of the relevance scorer (a `RelevanceScorer` of relevance/score.ts fits).
 * Sections and reasons may be left empty below the threshold unless `explain` is asked for.
 */
export interface PaperScorer {
  score(paper: FeedPaper, options?: { explain?: boolean }): PaperScore;
}

/**
 * The CPU-heavy steps of a poll: parsing a feed's text and scoring its new papers. The running bot
 * does them in a worker thread (poll-worker-client.ts), so interactions are acknowledged while a
 * big feed is scored; one-shot commands do them here ({@link inThreadWork}).
 */
export interface PollWork {
  parse(text: string, source: string): Promise<ParsedFeed>;
  /** One score per paper, in order. `explain`: sections and reasons even below the threshold. */
  score(papers: readonly FeedPaper[], options?: { explain?: boolean }): Promise<PaperScore[]>;
}

/** Parsing and scoring on the calling thread; the scorer is asked for only when there is a paper to score. */
export function inThreadWork(scorer: () => PaperScorer): PollWork {
  return {
    parse: (text, source) => parseFeed(text, { source }),
    score: async (papers, options) => {
      if (!papers.length) return [];
      const s = scorer();
      return papers.map((p) => s.score(p, options));
    },
  };
}

/** Why a paper was, or was not, scored. */
export type PaperStatus =
  /** Scored at or above the threshold (or an include keyword): recorded as a candidate. */
  | 'candidate'
  /** Scored below the threshold. */
  | 'below-threshold'
  /** The list has it (same arXiv id, or same normalised title). */
  | 'listed'
  /** An earlier poll looked at it. */
  | 'seen'
  /** A `replace`/`replace-cross` announcement: a new version of an old paper. */
  | 'not-new'
  /** Cross-listed, and INCLUDE_CROSS_LISTS=false. */
  | 'cross-list-off';

export interface PaperOutcome {
  feed: string;
  paper: FeedPaper;
  status: PaperStatus;
  /** Present for `candidate` and `below-threshold`. */
  result?: PaperScore;
}

export interface FeedPollResult {
  feed: string;
  outcome: 'ok' | 'not-modified' | 'error';
  papers: PaperOutcome[];
  /** Set when `outcome` is `error`: the FeedError code (`internal` for anything else, `cancelled` on shutdown) and its message. */
  error?: { code: string; message: string };
}

export interface PollReport {
  feeds: FeedPollResult[];
  /** Every paper of every feed that answered, in feed order. */
  papers: PaperOutcome[];
  /** True when any feed failed. */
  failed: boolean;
}

/**
 * What one poll of one feed did: the feed's state (arxiv/feed-store.ts) and, on success, the
 * candidates it found. Written by {@link recordPoll} in one transaction.
 */
export type PollRecord =
  | Exclude<FeedPollRecord, { outcome: 'ok' }>
  | (Extract<FeedPollRecord, { outcome: 'ok' }> & { candidates: readonly { paper: FeedPaper; assessment: Assessment }[] });

/**
 * Records one poll of one feed in one transaction: the feed's validators or last error, the papers
 * seen, the poll row and the new candidates (an arXiv id already a candidate is left alone). A
 * failure anywhere rolls all of it back.
 */
export function recordPoll(stores: Pick<WatchStores, 'db' | 'feeds' | 'triage'>, record: PollRecord): void {
  transaction(stores.db, () => {
    stores.feeds.recordPoll(record);
    if (record.outcome === 'ok') stores.triage.addFound(record.candidates, record.feed, record.startedAt);
  });
}

export interface PollDeps {
  stores: Pick<WatchStores, 'db' | 'feeds' | 'triage'>;
  /** The live list; read at each poll so an approval made since counts. */
  catalogue: { readonly index: Pick<SearchIndex, 'byArxivId' | 'byTitle'> };
  /** Parses the feed and scores its new papers (see {@link PollWork}). */
  work: PollWork;
  includeCrossLists: boolean;
  log: Logger;
  /** Timestamps and the fetch's retry waits. */
  clock?: Clock;
  /** Timeout, size cap, retry, politeness gate, cancellation. The validator comes from the store. */
  fetch?: Omit<FetchFeedOptions, 'validator' | 'clock'>;
}

const NEW_PAPER_TYPES: ReadonlySet<string> = new Set(['new', 'cross']);

/** Polls each feed in turn (the host gate spaces requests to arXiv). Never throws for a feed's failure. */
export async function pollFeeds(feeds: readonly string[], deps: PollDeps): Promise<PollReport> {
  const results: FeedPollResult[] = [];
  for (const feed of feeds) results.push(await pollFeed(feed, deps));
  return { feeds: results, papers: results.flatMap((r) => r.papers), failed: results.some((r) => r.outcome === 'error') };
}

/**
 * Polls one feed (URL or file). Resolves with what happened to each paper; a failure resolves with
 * `outcome: 'error'` after recording it (the feed's last error and a poll row) and logging why.
 */
export async function pollFeed(feed: string, deps: PollDeps): Promise<FeedPollResult> {
  const clock = deps.clock ?? systemClock;
  const startedAt = clock.now();
  try {
    const state = deps.stores.feeds.feed(feed);
    const validator = state && (state.etag || state.lastModified) ? { etag: state.etag, lastModified: state.lastModified } : undefined;
    const res = await loadFeedSource(feed, { ...deps.fetch, clock, validator });
    if (res.status === 'not-modified') {
      recordPoll(deps.stores, { feed, startedAt, finishedAt: clock.now(), outcome: 'not-modified' });
      deps.log.info('poll: feed not modified since the last poll (304), nothing new', { feed });
      return { feed, outcome: 'not-modified', papers: [] };
    }

    const parsed = await deps.work.parse(res.text, feed);
    const announced = parsed.papers.filter((p) => NEW_PAPER_TYPES.has(p.announceType));
    const seen = deps.stores.feeds.seenIds(announced.map((p) => p.arxivId));
    const papers = await assessPapers(parsed.papers, { feed, seen, index: deps.catalogue.index, work: deps.work, includeCrossLists: deps.includeCrossLists });
    const fresh = announced.filter((p) => !seen.has(p.arxivId));
    const candidates = papers.filter((o) => o.status === 'candidate');

    recordPoll(deps.stores, {
      feed,
      startedAt,
      finishedAt: clock.now(),
      outcome: 'ok',
      validator: { etag: res.etag, lastModified: res.lastModified },
      seen: fresh,
      candidates: candidates.map((o) => ({ paper: o.paper, assessment: o.result! })),
      counts: {
        items: parsed.papers.length,
        fresh: fresh.length,
        scored: papers.filter((o) => o.result).length,
        candidates: candidates.length,
        skipped: parsed.skipped.length,
      },
    });
    logSummary(deps.log, feed, papers, parsed.skipped);
    return { feed, outcome: 'ok', papers };
  } catch (err) {
    const error = deps.fetch?.signal?.aborted ? { code: 'cancelled', message: `poll: cancelled (${describeFailure(err).message})` } : describeFailure(err);
    // A failure changes nothing but the feed's last error and the history; recording it must not
    // hide the failure itself, so a broken database is logged rather than thrown from here.
    try {
      recordPoll(deps.stores, { feed, startedAt, finishedAt: clock.now(), outcome: 'error', error });
    } catch (dbErr) {
      deps.log.error('poll: could not record the failure', { feed, error: errorMessage(dbErr) });
    }
    if (error.code === 'cancelled') deps.log.info(error.message, { feed });
    else if (error.code === 'internal') deps.log.error(`poll: feed failed: ${error.message}`, { feed, stack: errorStack(err) });
    else deps.log.warn(`poll: feed failed: ${error.message}`, { feed, code: error.code });
    return { feed, outcome: 'error', papers: [], error };
  }
}

export interface AssessContext {
  feed: string;
  /** arXiv ids already seen. */
  seen: ReadonlySet<string>;
  index: Pick<SearchIndex, 'byArxivId' | 'byTitle'>;
  work: Pick<PollWork, 'score'>;
  includeCrossLists: boolean;
}

/**
 * Decides for each paper whether it is new, listed or seen (here: the list's index and the
 * database live on this thread), then scores the new ones in one batch of `work`.
 */
export async function assessPapers(papers: readonly FeedPaper[], ctx: AssessContext): Promise<PaperOutcome[]> {
  const statuses = papers.map((paper) => screen(paper, ctx));
  const fresh = papers.filter((_, i) => statuses[i] === undefined);
  const scores = await ctx.work.score(fresh);
  if (scores.length !== fresh.length) throw new Error(`poll: ${scores.length} score(s) came back for ${fresh.length} paper(s)`);
  let next = 0;
  return papers.map((paper, i): PaperOutcome => {
    const status = statuses[i];
    if (status) return { feed: ctx.feed, paper, status };
    const result = scores[next++]!;
    return { feed: ctx.feed, paper, status: result.candidate ? 'candidate' : 'below-threshold', result };
  });
}

function screen(paper: FeedPaper, ctx: AssessContext): PaperStatus | undefined {
  if (!NEW_PAPER_TYPES.has(paper.announceType)) return 'not-new';
  if (paper.announceType === 'cross' && !ctx.includeCrossLists) return 'cross-list-off';
  // By title too: entries linked through a venue PDF have no arXiv id.
  if (ctx.index.byArxivId(paper.arxivId).length || ctx.index.byTitle(paper.title).length) return 'listed';
  if (ctx.seen.has(paper.arxivId)) return 'seen';
  return undefined;
}

function describeFailure(err: unknown): { code: string; message: string } {
  if (err instanceof FeedError) return { code: err.code, message: err.message };
  return { code: 'internal', message: `poll: ${errorMessage(err)}` };
}

function logSummary(log: Logger, feed: string, papers: readonly PaperOutcome[], skipped: readonly { reason: string }[]): void {
  if (!papers.length && !skipped.length) {
    log.info('poll: the feed has no items (no announcement: a weekend or holiday)', { feed });
    return;
  }
  const counts: Record<string, number> = {};
  for (const o of papers) counts[o.status] = (counts[o.status] ?? 0) + 1;
  const extra: Record<string, unknown> = { feed, items: papers.length, ...counts };
  if (skipped.length) {
    const reasons: Record<string, number> = {};
    for (const s of skipped) reasons[s.reason] = (reasons[s.reason] ?? 0) + 1;
    extra.skipped = reasons;
  }
  log.info(`poll: ${counts.candidate ?? 0} candidate(s) from ${papers.length} paper(s)`, extra);
}

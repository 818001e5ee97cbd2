/**
 * The daily News digest: one short header, then one message per candidate in its thread (best
 * first, at most DIGEST_MAX), each carrying the vote reactions; plus, when arXiv should have
 * announced and a feed brought nothing new, one "the feed looks stale" alert.
 *
 * Every message goes through the outbox (triage/outbox.ts), so a digest interrupted by a crash
 * resumes where it stopped and never posts a message twice.
 */
import { dayLabel, lastAnnouncement } from '../arxiv/calendar.js';
import type { FeedState, FeedStore } from '../arxiv/feed-store.js';
import type { Logger } from '../core/logger.js';
import { type NewsPublisher, VOTE_EMOJI, VOTE_REACTIONS } from '../core/publisher.js';
import type { Reply } from '../core/reply.js';
import { candidateReply, SECTION_MARKS } from '../triage/candidate-message.js';
import { errorMessage } from '../core/errors.js';
import { transaction } from '../db/database.js';
import { Outbox } from '../triage/outbox.js';
import type { CandidateRecord } from '../triage/store.js';
import type { DigestRow } from './digest-store.js';
import type { WatchStores } from './stores.js';

/**
 * arXiv announces at 20:00 US Eastern; its feeds carry the announcement from about midnight. A
 * feed counts as stale only after a poll later than this has still found nothing new.
 */
export const FEED_UPDATE_LAG_MS = 6 * 3_600_000;

export interface DigestDeps {
  stores: WatchStores;
  /** Every platform's News channel; the disabled ones are skipped. */
  publishers: readonly NewsPublisher[];
  /** DIGEST_MAX. */
  max: number;
  /** The feeds polled (for the stale check). */
  feeds: readonly string[];
  log: Logger;
  now: () => number;
}

export interface DigestOutcome {
  day: string;
  /** Candidates in the digest (posted, or to be posted). */
  shown: number;
  /** Pending candidates the digest covered, shown or not. */
  covered: number;
  /** Feeds the stale alert named (empty when none was due). */
  staleFeeds: string[];
  /** Messages posted by this run, per platform (headers, candidates, alerts). */
  posted: Partial<Record<string, number>>;
  /** Every enabled platform has every message (or an interrupted one that must not be re-sent). */
  complete: boolean;
}

/** A feed that brought nothing new since arXiv's latest announcement. */
export interface StaleFeed {
  feed: FeedState;
  /** The announcement it missed. */
  announcedAt: number;
  /** An alert already went out for this stretch of staleness. */
  alerted: boolean;
}

/**
 * Feeds that have had their chance (a poll after the latest announcement plus the update lag)
 * and still brought nothing new since that announcement.
 */
export function findStaleFeeds(store: FeedStore, feeds: readonly string[], now: number): StaleFeed[] {
  const announcedAt = lastAnnouncement(now - FEED_UPDATE_LAG_MS);
  const stale: StaleFeed[] = [];
  for (const url of feeds) {
    const feed = store.feed(url) ?? { url };
    if ((feed.lastNew ?? 0) >= announcedAt) continue;
    if (!store.polledSince(url, announcedAt + FEED_UPDATE_LAG_MS)) continue;
    stale.push({ feed, announcedAt, alerted: feed.staleAlerted !== undefined && feed.staleAlerted === (feed.lastNew ?? 0) });
  }
  return stale;
}

/**
 * Composes and posts the digest of `day` (a `YYYY-MM-DD` in the bot's timezone). Safe to call
 * again for the same day: what it covers was fixed the first time, and recorded messages are not
 * posted again. A platform that fails is logged and left for the next run; the others go on.
 */
export async function runDigest(day: string, deps: DigestDeps): Promise<DigestOutcome> {
  const { stores, log } = deps;
  const now = deps.now();
  const { digest, shown } = composeDigest(stores, day, deps.max, now);
  const stale = findStaleFeeds(stores.feeds, deps.feeds, now);
  const alertDue = stale.length > 0 && (stale.some((s) => !s.alerted) || deps.publishers.some((p) => stores.outbox.outboxEntry({ platform: p.platform, kind: 'alert', day })));
  const outcome: DigestOutcome = { day, shown: shown.length, covered: digest.covered, staleFeeds: alertDue ? stale.map((s) => s.feed.url) : [], posted: {}, complete: true };

  const publishers = deps.publishers.filter((p) => p.enabled);
  if (!publishers.length && (shown.length || alertDue)) {
    log.warn('digest: no News channel is configured on any platform; nothing posted (set DISCORD_NEWS_CHANNEL_ID or SLACK_NEWS_CHANNEL)', { day });
  }

  for (const publisher of publishers) {
    const outbox = new Outbox(stores.outbox, publisher, day, deps.now, log);
    try {
      if (alertDue) {
        const alert = staleAlertReply(stale);
        await outbox.send({ kind: 'alert' }, () => publisher.post(alert), () => stale.forEach((s) => stores.feeds.markStaleAlerted(s.feed.url, s.feed.lastNew)));
      }
      if (shown.length) {
        const header = await outbox.send({ kind: 'digest-header' }, () => publisher.post(headerReply(day, shown.length, digest.covered)));
        if (header) {
          for (const c of shown) {
            // Decided before it was posted (`/vlm triage` from the list of pending): nothing to vote on.
            if (stores.triage.candidate(c.id)?.status !== 'pending') continue;
            await outbox.send({ kind: 'candidate', candidateId: c.id }, () => publisher.postInThread(header, candidateReply(c), VOTE_REACTIONS));
          }
        }
      }
    } catch (err) {
      outcome.complete = false;
      log.error(`digest: posting to ${publisher.platform} failed; the next digest run will resume it`, { day, error: errorMessage(err) });
    }
    outcome.posted[publisher.platform] = outbox.sent;
  }

  if (outcome.complete) stores.digests.markDigestPosted(day, deps.now());
  if (!shown.length && !alertDue) log.info('digest: no candidates today; nothing posted', { day });
  else log.info('digest: done', { day, shown: shown.length, covered: digest.covered, stale: outcome.staleFeeds.length, complete: outcome.complete });
  return outcome;
}

/**
 * Fixes what the digest of `day` covers, once: the pending candidates no digest covered yet,
 * the best `max` of them ranked 1…max (shown), the rest covered but not shown. Calling it again
 * for the same day returns the same selection, so a restarted digest posts the same thing.
 */
export function composeDigest(stores: WatchStores, day: string, max: number, now: number): { digest: DigestRow; shown: CandidateRecord[] } {
  return transaction(stores.db, () => {
    if (!stores.digests.digest(day)) {
      const ids = stores.triage.undigested().map((c) => c.id);
      stores.triage.coverInDigest(day, ids, max);
      stores.digests.addDigest(day, now, Math.min(max, ids.length), ids.length);
    }
    return { digest: stores.digests.digest(day)!, shown: stores.triage.digestCandidates(day) };
  });
}

/** The digest's first message: what follows and how to vote. */
export function headerReply(day: string, shown: number, covered: number): Reply {
  const more = covered > shown ? ` ${covered - shown} more scored lower: see /vlm news.` : '';
  return {
    title: `arXiv watch · ${dayLabel(day)}`,
    text:
      `${shown} new paper${shown === 1 ? '' : 's'} that may belong on the list, best first, one per message in this thread.${more} ` +
      `React ${VOTE_EMOJI.approve.unicode} to add a paper, ${VOTE_EMOJI.reject.unicode} to drop it, ${SECTION_MARKS.join(' ')} to pick its section.`,
  };
}

/** The stale-feed alert: which feeds, since when, and what to check. */
export function staleAlertReply(stale: readonly StaleFeed[]): Reply {
  const when = (ms: number | undefined) => (ms === undefined ? 'never' : new Date(ms).toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' '));
  return {
    title: 'The arXiv feed looks stale',
    text:
      'arXiv announced new papers (Sunday–Thursday evenings, US Eastern) but these feeds have brought nothing new since. ' +
      'Check the feed URLs (FEEDS) and arXiv’s status; an arXiv holiday explains it too. This alert is sent once.',
    fields: stale.map((s) => ({
      name: s.feed.url,
      value: [`last new papers: ${when(s.feed.lastNew)}`, `announcement missed: ${when(s.announcedAt)}`, s.feed.lastError ? `last error: ${s.feed.lastError}` : 'the feed answers, with nothing new'].join('\n'),
    })),
  };
}

/** What a digest of `day` would post now, without posting or recording anything (`curator digest --dry-run`). */
export function previewDigest(day: string, deps: Pick<DigestDeps, 'stores' | 'max' | 'feeds' | 'now'>): { messages: Reply[]; shown: number; covered: number } {
  const { triage, digests, feeds } = deps.stores;
  const composed = digests.digest(day);
  const pending = composed ? [] : triage.undigested();
  const { shown, covered } = composed ? { shown: triage.digestCandidates(day), covered: composed.covered } : { shown: pending.slice(0, deps.max), covered: pending.length };
  const stale = findStaleFeeds(feeds, deps.feeds, deps.now()).filter((s) => !s.alerted);
  const messages: Reply[] = [];
  if (stale.length) messages.push(staleAlertReply(stale));
  if (shown.length) messages.push(headerReply(day, shown.length, covered), ...shown.map(candidateReply));
  return { messages, shown: shown.length, covered };
}

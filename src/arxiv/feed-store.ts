/**
 * What the bot remembers about the arXiv feeds, in curator.db (tables `feeds`, `papers_seen`,
 * `polls`): each feed's validators and last error, every paper a poll has looked at, and the
 * history of polls. The watch's poll writes it; the digest reads it for the stale-feed check.
 *
 * Promises: every write is one transaction (nested in the caller's when there is one); marking a
 * paper seen twice is a no-op.
 */
import { type Database, transaction } from '../db/database.js';
import { all, dropUndefined, one, optional, run, column, type SqlValue } from '../db/rows.js';
import type { FeedPaper } from './paper.js';

/** A feed's stored state. Times are ms since the epoch. */
export interface FeedState {
  url: string;
  etag?: string;
  lastModified?: string;
  lastSuccess?: number;
  /** Last poll that brought papers never seen before. */
  lastNew?: number;
  lastError?: string;
  lastErrorCode?: string;
  lastErrorAt?: number;
  /** `lastNew` (0 when none) at the time the last stale-feed alert went out. */
  staleAlerted?: number;
}

export interface PollCounts {
  /** Papers in the feed. */
  items: number;
  /** New and cross-listed papers never seen before. */
  fresh: number;
  scored: number;
  candidates: number;
  /** Items that could not become papers. */
  skipped: number;
}

/** What one poll of one feed did to the feed's state; written by {@link FeedStore.recordPoll}. */
export type FeedPollRecord = {
  feed: string;
  startedAt: number;
  finishedAt: number;
} & (
  | {
      outcome: 'ok';
      /** The validators of this response (absent ones are cleared). */
      validator: { etag?: string; lastModified?: string };
      /** Papers to remember as seen. */
      seen: readonly Pick<FeedPaper, 'arxivId' | 'title'>[];
      counts: PollCounts;
    }
  | { outcome: 'not-modified' }
  | { outcome: 'error'; error: { code: string; message: string } }
);

export interface PollRow {
  id: number;
  feed: string;
  startedAt: number;
  finishedAt: number;
  outcome: 'ok' | 'not-modified' | 'error';
  counts: PollCounts;
  errorCode?: string;
  error?: string;
}

interface FeedRowSql {
  url: string;
  etag: string | null;
  last_modified: string | null;
  last_success: number | null;
  last_new: number | null;
  last_error: string | null;
  last_error_code: string | null;
  last_error_at: number | null;
  stale_alerted: number | null;
}

interface PollRowSql {
  id: number;
  feed: string;
  started_at: number;
  finished_at: number;
  outcome: PollRow['outcome'];
  items: number;
  fresh: number;
  scored: number;
  candidates: number;
  skipped: number;
  error_code: string | null;
  error: string | null;
}

const NO_COUNTS: PollCounts = { items: 0, fresh: 0, scored: 0, candidates: 0, skipped: 0 };

/** The feeds' state over one connection (see the module comment). */
export class FeedStore {
  constructor(private readonly db: Database) {}

  feed(url: string): FeedState | undefined {
    const row = one<FeedRowSql>(this.db, 'SELECT * FROM feeds WHERE url = ?', url);
    return row && toFeed(row);
  }

  feeds(): FeedState[] {
    return all<FeedRowSql>(this.db, 'SELECT * FROM feeds ORDER BY url').map(toFeed);
  }

  /** The subset of `ids` already seen. */
  seenIds(ids: readonly string[]): Set<string> {
    if (!ids.length) return new Set();
    return new Set(column<string>(this.db, 'SELECT arxiv_id FROM papers_seen WHERE arxiv_id IN (SELECT value FROM json_each(?))', JSON.stringify(ids)));
  }

  /** Remembers papers as seen (first sighting wins): the next poll skips them. */
  markSeen(papers: readonly Pick<FeedPaper, 'arxivId' | 'title'>[], at: number, source: string): void {
    const insert = this.db.prepare<SqlValue[]>('INSERT INTO papers_seen (arxiv_id, first_seen, title, feed) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    transaction(this.db, () => {
      for (const p of papers) insert.run(p.arxivId, at, p.title, source);
    });
  }

  /**
   * Records one poll of one feed in one transaction: on success the validators and the seen
   * papers, on a 304 the success time, on failure only the feed's last error; always the poll row.
   */
  recordPoll(record: FeedPollRecord): void {
    const { db } = this;
    transaction(db, () => {
      run(db, 'INSERT INTO feeds (url) VALUES (?) ON CONFLICT (url) DO NOTHING', record.feed);
      let counts = NO_COUNTS;
      let error: { code: string; message: string } | undefined;
      if (record.outcome === 'ok') {
        counts = record.counts;
        run(
          db,
          `UPDATE feeds SET etag = ?, last_modified = ?, last_success = ?, last_error = NULL, last_error_code = NULL, last_error_at = NULL,
             last_new = CASE WHEN ? > 0 THEN ? ELSE last_new END WHERE url = ?`,
          record.validator.etag ?? null,
          record.validator.lastModified ?? null,
          record.finishedAt,
          counts.fresh,
          record.startedAt,
          record.feed,
        );
        this.markSeen(record.seen, record.startedAt, record.feed);
      } else if (record.outcome === 'not-modified') {
        run(db, 'UPDATE feeds SET last_success = ?, last_error = NULL, last_error_code = NULL, last_error_at = NULL WHERE url = ?', record.finishedAt, record.feed);
      } else {
        error = record.error;
        run(db, 'UPDATE feeds SET last_error = ?, last_error_code = ?, last_error_at = ? WHERE url = ?', error.message, error.code, record.finishedAt, record.feed);
      }
      run(
        db,
        `INSERT INTO polls (feed, started_at, finished_at, outcome, items, fresh, scored, candidates, skipped, error_code, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        record.feed,
        record.startedAt,
        record.finishedAt,
        record.outcome,
        counts.items,
        counts.fresh,
        counts.scored,
        counts.candidates,
        counts.skipped,
        error?.code ?? null,
        error?.message ?? null,
      );
    });
  }

  /** Polls, newest first; of one feed when given. */
  polls(options: { feed?: string; limit?: number } = {}): PollRow[] {
    const limit = options.limit ?? 50;
    const rows = options.feed
      ? all<PollRowSql>(this.db, 'SELECT * FROM polls WHERE feed = ? ORDER BY started_at DESC, id DESC LIMIT ?', options.feed, limit)
      : all<PollRowSql>(this.db, 'SELECT * FROM polls ORDER BY started_at DESC, id DESC LIMIT ?', limit);
    return rows.map(toPoll);
  }

  /** Whether a poll of `feed` started at or after `since`. */
  polledSince(feed: string, since: number): boolean {
    return one(this.db, 'SELECT 1 FROM polls WHERE feed = ? AND started_at >= ? LIMIT 1', feed, since) !== undefined;
  }

  /** Records that the stale-feed alert for `url` went out while its last news was `lastNew`. */
  markStaleAlerted(url: string, lastNew: number | undefined): void {
    run(this.db, 'UPDATE feeds SET stale_alerted = ? WHERE url = ?', lastNew ?? 0, url);
  }
}

function toFeed(r: FeedRowSql): FeedState {
  return dropUndefined({
    url: r.url,
    etag: optional(r.etag),
    lastModified: optional(r.last_modified),
    lastSuccess: optional(r.last_success),
    lastNew: optional(r.last_new),
    lastError: optional(r.last_error),
    lastErrorCode: optional(r.last_error_code),
    lastErrorAt: optional(r.last_error_at),
    staleAlerted: optional(r.stale_alerted),
  });
}

function toPoll(r: PollRowSql): PollRow {
  return dropUndefined({
    id: r.id,
    feed: r.feed,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    outcome: r.outcome,
    counts: { items: r.items, fresh: r.fresh, scored: r.scored, candidates: r.candidates, skipped: r.skipped },
    errorCode: optional(r.error_code),
    error: optional(r.error),
  });
}

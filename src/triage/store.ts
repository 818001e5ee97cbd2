/**
 * Everything the bot must not lose, in SQLite (`curator.db` under DATA_DIR): feeds and their
 * validators, papers seen, candidates, poll history, the outbox of posted messages, votes,
 * decisions and digests. The schema lives in migrations.ts.
 *
 * Promises: every state change is one transaction (a crash leaves the state before or after it,
 * never between); repeated writes of the same fact are no-ops (seen papers, candidates by arXiv id,
 * votes, outbox entries by platform/kind/day/candidate).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Platform } from '../core/context.js';
import type { PostedMessage, Vote } from '../core/publisher.js';
import type { AnnounceType, FeedPaper } from '../arxiv/paper.js';
import { migrate } from './migrations.js';

/** The file name under DATA_DIR. */
export const DB_FILE = 'curator.db';

export type CandidateStatus = 'pending' | 'approved' | 'rejected';

/**
 * A candidate's state, including the two transitional ones triage records before it touches the
 * list file (see decisions.ts): `approving` (the line is being written) and `undoing` (removed).
 * Found at start-up, they mean a crash mid-change; triage finishes or rolls them back.
 */
export type TriageStatus = CandidateStatus | 'approving' | 'undoing';

/** A suggested section of the list: a table's heading path, best first. */
export interface SuggestedSection {
  path: string[];
  score: number;
}

export interface NearestEntry {
  title: string;
  arxivId?: string;
  similarity: number;
}

/** What scoring said about a paper (a `ScoreResult` of relevance/score.ts fits). */
export interface Assessment {
  score: number;
  sections: SuggestedSection[];
  reasons: string[];
  nearest: NearestEntry[];
}

/** A candidate as stored: the paper as the feed gave it (but its DOI), and what scoring said. */
export interface CandidateRecord extends Assessment, Omit<FeedPaper, 'announceType' | 'doi'> {
  /** Small integer maintainers type: `/vlm triage approve 12`. */
  id: number;
  /** Absent on a row stored without one. */
  announceType?: AnnounceType;
  /** The feed URL it came from, or e.g. `suggest`. */
  source: string;
  status: TriageStatus;
  createdAt: number;
  /** The digest day that covered it; `digestRank` is its place there (undefined: not shown, over DIGEST_MAX). */
  digestDay?: string;
  digestRank?: number;
  decidedAt?: number;
  /** `platform:user` ids. */
  decidedBy?: string[];
  decidedSection?: string[];
  decidedLine?: string;
}

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

/** What one poll of one feed did; written by {@link TriageStore.recordPoll} in one transaction. */
export type PollRecord = {
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
      candidates: readonly { paper: FeedPaper; assessment: Assessment }[];
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

export type MessageKind = 'digest-header' | 'candidate' | 'alert';
export type MessageState = 'sending' | 'posted' | 'failed' | 'uncertain';

/** Identifies one message the bot means to post, at most once. */
export interface OutboxKey {
  platform: Platform;
  kind: MessageKind;
  day: string;
  candidateId?: number;
}

export interface OutboxEntry extends OutboxKey {
  id: number;
  state: MessageState;
  /** Set once posted. */
  message?: PostedMessage;
  error?: string;
}

export interface DigestRow {
  day: string;
  startedAt: number;
  /** Candidates posted (at most DIGEST_MAX). */
  shown: number;
  /** Candidates it covered, shown or not. */
  covered: number;
  /** When every enabled platform had all of it. */
  postedAt?: number;
}

export interface VoteRow {
  candidateId: number;
  platform: Platform;
  userId: string;
  vote: Vote;
  castAt: number;
}

export interface OpenOptions {
  /** Open an existing database without writing anything (no migrations, no pragmas that write). */
  readonly?: boolean;
  /** How long to wait for another process's write lock (ms). Default 5000. */
  busyTimeoutMs?: number;
}

type Row = Record<string, unknown>;

/** The SQLite state of the arXiv watch and of triage. One instance per process; close it on shutdown. */
export class TriageStore {
  private constructor(
    /**
     * The connection, for sibling modules of src/triage that add their own queries (votes and
     * decisions logic). Wrap every state change in {@link transaction}.
     */
    readonly db: Database.Database,
  ) {}

  /**
   * Opens (creating it and its directory when needed) and migrates a database file; `:memory:`
   * gives a private in-memory one (dry runs, tests).
   *
   * WAL lets the CLI read while the bot writes. synchronous=FULL: each commit is fsynced, so a
   * recorded post or decision survives a power cut — the outbox's "never post twice" depends on
   * it — and at a handful of commits per poll the cost does not show. busy_timeout covers a
   * `curator poll` run beside the bot; foreign keys keep votes and messages pointing at candidates.
   */
  static open(file: string, options: OpenOptions = {}): TriageStore {
    if (file !== ':memory:' && !options.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      if (!options.readonly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('foreign_keys = ON');
        migrate(db);
      }
    } catch (err) {
      db.close();
      throw err;
    }
    return new TriageStore(db);
  }

  /** A fresh in-memory store (dry runs, tests). */
  static memory(): TriageStore {
    return TriageStore.open(':memory:');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // --- feeds and polls ---

  feed(url: string): FeedState | undefined {
    const row = this.db.prepare('SELECT * FROM feeds WHERE url = ?').get(url) as Row | undefined;
    return row && toFeed(row);
  }

  feeds(): FeedState[] {
    return (this.db.prepare('SELECT * FROM feeds ORDER BY url').all() as Row[]).map(toFeed);
  }

  /** The subset of `ids` already seen. */
  seenIds(ids: readonly string[]): Set<string> {
    if (!ids.length) return new Set();
    const rows = this.db.prepare('SELECT arxiv_id FROM papers_seen WHERE arxiv_id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as string[];
    return new Set(rows);
  }

  /**
   * Records one poll of one feed in one transaction: on success the validators, seen papers,
   * new candidates (an arXiv id already a candidate is left alone) and the poll row; on failure
   * only the feed's last error and the poll row.
   */
  recordPoll(record: PollRecord): void {
    const db = this.db;
    this.transaction(() => {
      db.prepare('INSERT INTO feeds (url) VALUES (?) ON CONFLICT (url) DO NOTHING').run(record.feed);
      let counts: PollCounts = { items: 0, fresh: 0, scored: 0, candidates: 0, skipped: 0 };
      let error: { code: string; message: string } | undefined;
      if (record.outcome === 'ok') {
        counts = record.counts;
        db.prepare(
          `UPDATE feeds SET etag = ?, last_modified = ?, last_success = ?, last_error = NULL, last_error_code = NULL, last_error_at = NULL,
             last_new = CASE WHEN ? > 0 THEN ? ELSE last_new END WHERE url = ?`,
        ).run(record.validator.etag ?? null, record.validator.lastModified ?? null, record.finishedAt, counts.fresh, record.startedAt, record.feed);
        const seen = db.prepare('INSERT INTO papers_seen (arxiv_id, first_seen, title, feed) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
        for (const p of record.seen) seen.run(p.arxivId, record.startedAt, p.title, record.feed);
        for (const c of record.candidates) this.insertCandidate(c.paper, c.assessment, record.feed, record.startedAt);
      } else if (record.outcome === 'not-modified') {
        db.prepare('UPDATE feeds SET last_success = ?, last_error = NULL, last_error_code = NULL, last_error_at = NULL WHERE url = ?').run(record.finishedAt, record.feed);
      } else {
        error = record.error;
        db.prepare('UPDATE feeds SET last_error = ?, last_error_code = ?, last_error_at = ? WHERE url = ?').run(error.message, error.code, record.finishedAt, record.feed);
      }
      db.prepare(
        `INSERT INTO polls (feed, started_at, finished_at, outcome, items, fresh, scored, candidates, skipped, error_code, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(record.feed, record.startedAt, record.finishedAt, record.outcome, counts.items, counts.fresh, counts.scored, counts.candidates, counts.skipped, error?.code ?? null, error?.message ?? null);
    });
  }

  /** Polls, newest first; of one feed when given. */
  polls(options: { feed?: string; limit?: number } = {}): PollRow[] {
    const limit = options.limit ?? 50;
    const rows = (
      options.feed
        ? this.db.prepare('SELECT * FROM polls WHERE feed = ? ORDER BY started_at DESC, id DESC LIMIT ?').all(options.feed, limit)
        : this.db.prepare('SELECT * FROM polls ORDER BY started_at DESC, id DESC LIMIT ?').all(limit)
    ) as Row[];
    return rows.map(toPoll);
  }

  /** Whether a poll of `feed` started at or after `since`. */
  polledSince(feed: string, since: number): boolean {
    return this.db.prepare('SELECT 1 FROM polls WHERE feed = ? AND started_at >= ? LIMIT 1').get(feed, since) !== undefined;
  }

  // --- candidates ---

  /**
   * Adds one candidate outside a poll (e.g. `/vlm suggest`), marking the paper seen.
   * `created` is false when the arXiv id was already a candidate (that record is returned unchanged).
   */
  addCandidate(paper: FeedPaper, assessment: Assessment, source: string, now: number): { candidate: CandidateRecord; created: boolean } {
    return this.transaction(() => {
      this.db.prepare('INSERT INTO papers_seen (arxiv_id, first_seen, title, feed) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(paper.arxivId, now, paper.title, source);
      const created = this.insertCandidate(paper, assessment, source, now);
      return { candidate: this.candidateByArxivId(paper.arxivId)!, created };
    });
  }

  candidate(id: number): CandidateRecord | undefined {
    const row = this.db.prepare('SELECT * FROM candidates WHERE id = ?').get(id) as Row | undefined;
    return row && toCandidate(row);
  }

  candidateByArxivId(arxivId: string): CandidateRecord | undefined {
    const row = this.db.prepare('SELECT * FROM candidates WHERE arxiv_id = ?').get(arxivId) as Row | undefined;
    return row && toCandidate(row);
  }

  /** Candidates created at or after `since`, newest first (best first within one poll). */
  candidatesSince(since: number): CandidateRecord[] {
    return (this.db.prepare('SELECT * FROM candidates WHERE created_at >= ? ORDER BY created_at DESC, score DESC, id').all(since) as Row[]).map(toCandidate);
  }

  /** Candidates with this status, best first. */
  candidatesWithStatus(status: CandidateStatus): CandidateRecord[] {
    return (this.db.prepare('SELECT * FROM candidates WHERE status = ? ORDER BY score DESC, id').all(status) as Row[]).map(toCandidate);
  }

  /** Approved and rejected candidates, oldest decision first (the scorer's feedback). */
  decidedCandidates(): CandidateRecord[] {
    return (this.db.prepare(`SELECT * FROM candidates WHERE status IN ('approved', 'rejected') ORDER BY decided_at, id`).all() as Row[]).map(toCandidate);
  }

  /** How many candidates are in each state. */
  candidateCounts(): Record<CandidateStatus, number> {
    const counts: Record<CandidateStatus, number> = { pending: 0, approved: 0, rejected: 0 };
    for (const r of this.db.prepare('SELECT status, COUNT(*) AS n FROM candidates GROUP BY status').all() as { status: string; n: number }[]) {
      if (r.status in counts) counts[r.status as CandidateStatus] = r.n;
    }
    return counts;
  }

  /**
   * Sets a candidate's status and decision fields in one transaction (triage). Returns false when
   * the candidate does not exist.
   */
  setCandidateStatus(
    id: number,
    status: CandidateStatus,
    decision: { at: number; by?: string[]; section?: string[]; line?: string } | undefined,
  ): boolean {
    const info = this.db
      .prepare('UPDATE candidates SET status = ?, decided_at = ?, decided_by = ?, decided_section = ?, decided_line = ? WHERE id = ?')
      .run(status, decision?.at ?? null, json(decision?.by), json(decision?.section), decision?.line ?? null, id);
    return info.changes > 0;
  }

  /** The candidate a posted message is about (to map a reaction to its candidate). */
  candidateByMessage(platform: Platform, channelId: string, messageId: string): CandidateRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT c.* FROM posted_messages m JOIN candidates c ON c.id = m.candidate_id
         WHERE m.platform = ? AND m.channel_id = ? AND m.message_id = ? AND m.kind = 'candidate'`,
      )
      .get(platform, channelId, messageId) as Row | undefined;
    return row && toCandidate(row);
  }

  // --- digests and the outbox ---

  digest(day: string): DigestRow | undefined {
    const row = this.db.prepare('SELECT * FROM digests WHERE day = ?').get(day) as Row | undefined;
    return row && toDigest(row);
  }

  /**
   * Fixes what the digest of `day` covers, once: the pending candidates no digest covered yet,
   * the best `max` of them ranked 1…max (shown), the rest covered but not shown. Calling it again
   * for the same day returns the same selection, so a restarted digest posts the same thing.
   */
  composeDigest(day: string, max: number, now: number): { digest: DigestRow; shown: CandidateRecord[] } {
    return this.transaction(() => {
      if (!this.digest(day)) {
        const ids = this.db.prepare(`SELECT id FROM candidates WHERE status = 'pending' AND digest_day IS NULL ORDER BY score DESC, created_at, id`).pluck().all() as number[];
        const stamp = this.db.prepare('UPDATE candidates SET digest_day = ?, digest_rank = ? WHERE id = ?');
        ids.forEach((id, i) => stamp.run(day, i < max ? i + 1 : null, id));
        this.db.prepare('INSERT INTO digests (day, started_at, shown, covered) VALUES (?, ?, ?, ?)').run(day, now, Math.min(max, ids.length), ids.length);
      }
      return { digest: this.digest(day)!, shown: this.digestCandidates(day) };
    });
  }

  /** What {@link composeDigest} would select for a new digest now, without writing. */
  previewDigest(max: number): { shown: CandidateRecord[]; covered: number } {
    const rows = (this.db.prepare(`SELECT * FROM candidates WHERE status = 'pending' AND digest_day IS NULL ORDER BY score DESC, created_at, id`).all() as Row[]).map(toCandidate);
    return { shown: rows.slice(0, max), covered: rows.length };
  }

  /** The candidates a composed digest shows, in rank order. */
  digestCandidates(day: string): CandidateRecord[] {
    return (this.db.prepare('SELECT * FROM candidates WHERE digest_day = ? AND digest_rank IS NOT NULL ORDER BY digest_rank').all(day) as Row[]).map(toCandidate);
  }

  /** The latest digest composed (by day), if any. */
  latestDigest(): DigestRow | undefined {
    const row = this.db.prepare('SELECT * FROM digests ORDER BY day DESC LIMIT 1').get() as Row | undefined;
    return row && toDigest(row);
  }

  markDigestPosted(day: string, now: number): void {
    this.db.prepare('UPDATE digests SET posted_at = ? WHERE day = ? AND posted_at IS NULL').run(now, day);
  }

  outboxEntry(key: OutboxKey): OutboxEntry | undefined {
    const row = this.db
      .prepare('SELECT * FROM posted_messages WHERE platform = ? AND kind = ? AND day = ? AND IFNULL(candidate_id, 0) = ?')
      .get(key.platform, key.kind, key.day, key.candidateId ?? 0) as Row | undefined;
    return row && toOutbox(row);
  }

  /**
   * Records the intent to post `key`, in one transaction with `also` (e.g. marking a feed alerted).
   * Returns `{ go: true }` when the caller should post now: nothing was recorded, or an earlier
   * attempt failed with an error. Otherwise returns the existing entry: `posted` (use its message),
   * or `sending`/`uncertain` — an attempt was cut off (crash) and may have gone out, so it is
   * marked `uncertain` and must not be posted again.
   */
  reserveMessage(key: OutboxKey, now: number, also?: () => void): { go: true; entry: OutboxEntry } | { go: false; entry: OutboxEntry } {
    return this.transaction(() => {
      const existing = this.outboxEntry(key);
      if (existing && existing.state !== 'failed') {
        if (existing.state === 'sending') {
          this.db.prepare(`UPDATE posted_messages SET state = 'uncertain' WHERE id = ?`).run(existing.id);
          return { go: false as const, entry: { ...existing, state: 'uncertain' as const } };
        }
        return { go: false as const, entry: existing };
      }
      if (existing) {
        this.db.prepare(`UPDATE posted_messages SET state = 'sending', error = NULL, created_at = ? WHERE id = ?`).run(now, existing.id);
      } else {
        this.db
          .prepare(`INSERT INTO posted_messages (platform, kind, day, candidate_id, state, created_at) VALUES (?, ?, ?, ?, 'sending', ?)`)
          .run(key.platform, key.kind, key.day, key.candidateId ?? null, now);
      }
      also?.();
      return { go: true as const, entry: this.outboxEntry(key)! };
    });
  }

  /** Completes a reservation with the platform's address of the message. */
  markPosted(entryId: number, message: PostedMessage, now: number): void {
    this.db
      .prepare(`UPDATE posted_messages SET state = 'posted', channel_id = ?, message_id = ?, thread_id = ?, error = NULL, posted_at = ? WHERE id = ?`)
      .run(message.channelId, message.messageId, message.threadId ?? null, now, entryId);
  }

  /** The platform refused: the next digest run may try again. */
  markFailed(entryId: number, error: string): void {
    this.db.prepare(`UPDATE posted_messages SET state = 'failed', error = ? WHERE id = ?`).run(error, entryId);
  }

  /** Every posted message about a candidate (one per platform), for editing it with the outcome. */
  messagesFor(candidateId: number): OutboxEntry[] {
    return (this.db.prepare(`SELECT * FROM posted_messages WHERE candidate_id = ? AND state = 'posted' ORDER BY id`).all(candidateId) as Row[]).map(toOutbox);
  }

  /** Records that the stale-feed alert for `url` went out while its last news was `lastNew`. */
  markStaleAlerted(url: string, lastNew: number | undefined): void {
    this.db.prepare('UPDATE feeds SET stale_alerted = ? WHERE url = ?').run(lastNew ?? 0, url);
  }

  // --- votes (the triage logic lives elsewhere; these are its keyed primitives) ---

  /** Adds or withdraws one vote. Returns whether anything changed (a replayed event changes nothing). */
  setVote(vote: Omit<VoteRow, 'castAt'>, added: boolean, now: number): boolean {
    const info = added
      ? this.db
          .prepare('INSERT INTO votes (candidate_id, platform, user_id, vote, cast_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
          .run(vote.candidateId, vote.platform, vote.userId, vote.vote, now)
      : this.db.prepare('DELETE FROM votes WHERE candidate_id = ? AND platform = ? AND user_id = ? AND vote = ?').run(vote.candidateId, vote.platform, vote.userId, vote.vote);
    return info.changes > 0;
  }

  votes(candidateId: number): VoteRow[] {
    return (this.db.prepare('SELECT * FROM votes WHERE candidate_id = ? ORDER BY cast_at, platform, user_id').all(candidateId) as Row[]).map((r) => ({
      candidateId: r.candidate_id as number,
      platform: r.platform as Platform,
      userId: r.user_id as string,
      vote: r.vote as Vote,
      castAt: r.cast_at as number,
    }));
  }

  private insertCandidate(paper: FeedPaper, a: Assessment, source: string, now: number): boolean {
    const info = this.db
      .prepare(
        `INSERT INTO candidates (arxiv_id, version, title, abstract, authors, categories, announce_type, link, comment, journal_ref, published,
           score, sections, reasons, nearest, source, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)
         ON CONFLICT (arxiv_id) DO NOTHING`,
      )
      .run(
        paper.arxivId,
        paper.version ?? null,
        paper.title,
        paper.abstract,
        JSON.stringify(paper.authors),
        JSON.stringify(paper.categories),
        paper.announceType,
        paper.link,
        paper.comment ?? null,
        paper.journalRef ?? null,
        paper.published ?? null,
        a.score,
        JSON.stringify(a.sections.map((s) => ({ path: s.path, score: s.score }))),
        JSON.stringify(a.reasons),
        JSON.stringify(a.nearest),
        source,
        now,
      );
    return info.changes > 0;
  }
}

/** `<dataDir>/curator.db`. */
export function dbPath(dataDir: string): string {
  return path.join(dataDir, DB_FILE);
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function opt<T>(v: unknown): T | undefined {
  return v === null || v === undefined ? undefined : (v as T);
}

function parsed<T>(v: unknown): T | undefined {
  return typeof v === 'string' ? (JSON.parse(v) as T) : undefined;
}

function toFeed(r: Row): FeedState {
  return dropUndefined({
    url: r.url as string,
    etag: opt<string>(r.etag),
    lastModified: opt<string>(r.last_modified),
    lastSuccess: opt<number>(r.last_success),
    lastNew: opt<number>(r.last_new),
    lastError: opt<string>(r.last_error),
    lastErrorCode: opt<string>(r.last_error_code),
    lastErrorAt: opt<number>(r.last_error_at),
    staleAlerted: opt<number>(r.stale_alerted),
  });
}

function toCandidate(r: Row): CandidateRecord {
  return dropUndefined({
    id: r.id as number,
    arxivId: r.arxiv_id as string,
    version: opt<number>(r.version),
    title: r.title as string,
    abstract: r.abstract as string,
    authors: parsed<string[]>(r.authors) ?? [],
    categories: parsed<string[]>(r.categories) ?? [],
    announceType: opt<AnnounceType>(r.announce_type),
    link: r.link as string,
    comment: opt<string>(r.comment),
    journalRef: opt<string>(r.journal_ref),
    published: opt<string>(r.published),
    score: r.score as number,
    sections: parsed<SuggestedSection[]>(r.sections) ?? [],
    reasons: parsed<string[]>(r.reasons) ?? [],
    nearest: parsed<NearestEntry[]>(r.nearest) ?? [],
    source: r.source as string,
    status: r.status as TriageStatus,
    createdAt: r.created_at as number,
    digestDay: opt<string>(r.digest_day),
    digestRank: opt<number>(r.digest_rank),
    decidedAt: opt<number>(r.decided_at),
    decidedBy: parsed<string[]>(r.decided_by),
    decidedSection: parsed<string[]>(r.decided_section),
    decidedLine: opt<string>(r.decided_line),
  });
}

function toPoll(r: Row): PollRow {
  return dropUndefined({
    id: r.id as number,
    feed: r.feed as string,
    startedAt: r.started_at as number,
    finishedAt: r.finished_at as number,
    outcome: r.outcome as PollRow['outcome'],
    counts: { items: r.items as number, fresh: r.fresh as number, scored: r.scored as number, candidates: r.candidates as number, skipped: r.skipped as number },
    errorCode: opt<string>(r.error_code),
    error: opt<string>(r.error),
  });
}

function toDigest(r: Row): DigestRow {
  return dropUndefined({
    day: r.day as string,
    startedAt: r.started_at as number,
    shown: r.shown as number,
    covered: r.covered as number,
    postedAt: opt<number>(r.posted_at),
  });
}

function toOutbox(r: Row): OutboxEntry {
  const message =
    r.message_id !== null && r.channel_id !== null
      ? dropUndefined({ platform: r.platform as Platform, channelId: r.channel_id as string, messageId: r.message_id as string, threadId: opt<string>(r.thread_id) })
      : undefined;
  return dropUndefined({
    id: r.id as number,
    platform: r.platform as Platform,
    kind: r.kind as MessageKind,
    day: r.day as string,
    candidateId: opt<number>(r.candidate_id),
    state: r.state as MessageState,
    message,
    error: opt<string>(r.error),
  });
}

/** Leaves optional fields out instead of setting them to undefined (tidier JSON and deep equality). */
function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

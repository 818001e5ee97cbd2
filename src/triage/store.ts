/**
 * Triage's state in curator.db (tables `candidates`, `votes`, `decisions`): the papers worth a
 * maintainer's look, the votes on them as they stand, and the history of decisions. The outbox of
 * posted messages is in outbox.ts; the schema is in ../db/migrations.ts.
 *
 * Promises: every state change is one transaction (a crash leaves the state before or after it,
 * never between); repeated writes of the same fact are no-ops (candidates by arXiv id, votes).
 * Status changes are compare-and-set ({@link TriageStore.moveCandidate}), so a decision applies
 * exactly once however many events, platforms or processes race for it (see decisions.ts).
 */
import { FeedStore } from '../arxiv/feed-store.js';
import type { AnnounceType, FeedPaper } from '../arxiv/paper.js';
import type { Platform } from '../core/caller.js';
import type { Vote } from '../core/publisher.js';
import type { Assessment, Candidate, CandidateStatus, NearestEntry, SuggestedSection, TriageStatus } from '../core/services.js';
import { type Database, transaction } from '../db/database.js';
import { all, dropUndefined, fromJson, one, optional, run, toJson, value, type SqlValue } from '../db/rows.js';

/** A candidate as stored: the paper as the feed gave it (but its DOI), and what scoring said. */
export interface CandidateRecord extends Candidate, Omit<FeedPaper, 'announceType' | 'doi'> {
  /** Absent on a row stored without one. */
  announceType?: AnnounceType;
  /** The feed URL it came from, or e.g. `suggest`. */
  source: string;
  /** The digest day that covered it; `digestRank` is its place there (undefined: not shown, over DIGEST_MAX). */
  digestDay?: string;
  decidedAt?: number;
  decidedLine?: string;
}

export interface VoteRow {
  candidateId: number;
  platform: Platform;
  userId: string;
  vote: Vote;
  castAt: number;
}

export type DecisionAction = 'approve' | 'reject' | 'undo';

/** One row of the decisions history. */
export interface DecisionRow {
  id: number;
  candidateId: number;
  action: DecisionAction;
  by: string[];
  section?: string[];
  line?: string;
  state: 'intent' | 'applied' | 'abandoned';
  createdAt: number;
  appliedAt?: number;
}

/**
 * The decision fields of a candidate a status change sets; a field left out keeps its value,
 * `null` clears it.
 */
export interface DecisionFields {
  at?: number | null;
  by?: readonly string[] | null;
  section?: readonly string[] | null;
  line?: string | null;
}

interface CandidateRowSql {
  id: number;
  arxiv_id: string;
  version: number | null;
  title: string;
  abstract: string;
  authors: string;
  categories: string;
  announce_type: AnnounceType | null;
  link: string;
  comment: string | null;
  journal_ref: string | null;
  published: string | null;
  score: number;
  sections: string;
  reasons: string;
  nearest: string;
  source: string;
  status: TriageStatus;
  created_at: number;
  digest_day: string | null;
  digest_rank: number | null;
  decided_at: number | null;
  decided_by: string | null;
  decided_section: string | null;
  decided_line: string | null;
}

interface VoteRowSql {
  candidate_id: number;
  platform: Platform;
  user_id: string;
  vote: Vote;
  cast_at: number;
}

interface DecisionRowSql {
  id: number;
  candidate_id: number;
  action: DecisionAction;
  decided_by: string;
  section: string | null;
  line: string | null;
  state: DecisionRow['state'];
  created_at: number;
  applied_at: number | null;
}

/** Pending candidates no digest covered yet, best first: what the next digest selects from. */
const UNDIGESTED = `SELECT * FROM candidates WHERE status = 'pending' AND digest_day IS NULL ORDER BY score DESC, created_at, id`;

/** The columns each {@link DecisionFields} field sets. */
const DECISION_COLUMNS = { at: 'decided_at', by: 'decided_by', section: 'decided_section', line: 'decided_line' } as const;

/** Triage's state over one connection (see the module comment). */
export class TriageStore {
  private readonly feeds: FeedStore;

  constructor(private readonly db: Database) {
    this.feeds = new FeedStore(db);
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return transaction(this.db, fn);
  }

  // --- candidates ---

  /**
   * Adds one candidate outside a poll (e.g. `/vlm suggest`), marking the paper seen.
   * `created` is false when the arXiv id was already a candidate (that record is returned unchanged).
   */
  addCandidate(paper: FeedPaper, assessment: Assessment, source: string, now: number): { candidate: CandidateRecord; created: boolean } {
    return this.transaction(() => {
      this.feeds.markSeen([paper], now, source);
      const created = this.insertCandidate(paper, assessment, source, now);
      return { candidate: this.candidateByArxivId(paper.arxivId)!, created };
    });
  }

  /** Adds the candidates a poll found (an arXiv id already a candidate is left alone). */
  addFound(found: readonly { paper: FeedPaper; assessment: Assessment }[], source: string, now: number): void {
    this.transaction(() => {
      for (const c of found) this.insertCandidate(c.paper, c.assessment, source, now);
    });
  }

  candidate(id: number): CandidateRecord | undefined {
    const row = one<CandidateRowSql>(this.db, 'SELECT * FROM candidates WHERE id = ?', id);
    return row && toCandidate(row);
  }

  candidateByArxivId(arxivId: string): CandidateRecord | undefined {
    const row = one<CandidateRowSql>(this.db, 'SELECT * FROM candidates WHERE arxiv_id = ?', arxivId);
    return row && toCandidate(row);
  }

  /** Candidates created at or after `since`, newest first (best first within one poll). */
  candidatesSince(since: number): CandidateRecord[] {
    return this.candidates('SELECT * FROM candidates WHERE created_at >= ? ORDER BY created_at DESC, score DESC, id', since);
  }

  /** Candidates with this status, best first. */
  candidatesWithStatus(status: CandidateStatus): CandidateRecord[] {
    return this.candidates('SELECT * FROM candidates WHERE status = ? ORDER BY score DESC, id', status);
  }

  /** Approved and rejected candidates, oldest decision first (the scorer's feedback). */
  decidedCandidates(): CandidateRecord[] {
    return this.candidates(`SELECT * FROM candidates WHERE status IN ('approved', 'rejected') ORDER BY decided_at, id`);
  }

  /** Candidates a crash left half-way (approving or undoing), oldest first. */
  inFlight(): CandidateRecord[] {
    return this.candidates(`SELECT * FROM candidates WHERE status IN ('approving', 'undoing') ORDER BY decided_at, id`);
  }

  /** How many candidates are in each state. */
  candidateCounts(): Record<CandidateStatus, number> {
    const counts: Record<CandidateStatus, number> = { pending: 0, approved: 0, rejected: 0 };
    for (const r of all<{ status: string; n: number }>(this.db, 'SELECT status, COUNT(*) AS n FROM candidates GROUP BY status')) {
      if (isCandidateStatus(r.status)) counts[r.status] = r.n;
    }
    return counts;
  }

  /**
   * Sets a candidate's status and decision fields (all of them: absent ones are cleared).
   * Returns false when the candidate does not exist.
   */
  setCandidateStatus(id: number, status: CandidateStatus, decision: { at: number; by?: string[]; section?: string[]; line?: string } | undefined): boolean {
    return this.setStatus(id, status, { at: decision?.at ?? null, by: decision?.by ?? null, section: decision?.section ?? null, line: decision?.line ?? null });
  }

  /**
   * Compare-and-set: moves candidate `id` from status `from` to `to`, setting `fields` (see
   * {@link DecisionFields}). False when the candidate is not in `from` — someone else moved it first.
   */
  moveCandidate(id: number, from: TriageStatus, to: TriageStatus, fields: DecisionFields = {}): boolean {
    return this.setStatus(id, to, fields, from);
  }

  // --- the digest's marks on candidates ---

  /** What the next digest would select from: pending candidates no digest covered yet, best first. */
  undigested(): CandidateRecord[] {
    return this.candidates(UNDIGESTED);
  }

  /** Marks `ids` as covered by the digest of `day`: the first `shown` ranked 1…shown, the rest unranked. */
  coverInDigest(day: string, ids: readonly number[], shown: number): void {
    const stamp = this.db.prepare<SqlValue[]>('UPDATE candidates SET digest_day = ?, digest_rank = ? WHERE id = ?');
    this.transaction(() => ids.forEach((id, i) => stamp.run(day, i < shown ? i + 1 : null, id)));
  }

  /** The candidates the digest of `day` shows, in rank order. */
  digestCandidates(day: string): CandidateRecord[] {
    return this.candidates('SELECT * FROM candidates WHERE digest_day = ? AND digest_rank IS NOT NULL ORDER BY digest_rank', day);
  }

  /**
   * Marks a candidate as posted on its own (`/vlm suggest`) on `day`, so the next digest does not
   * post it a second time. A candidate a digest already covered is left as it is.
   */
  markPostedAlone(id: number, day: string): void {
    run(this.db, 'UPDATE candidates SET digest_day = ? WHERE id = ? AND digest_day IS NULL', day, id);
  }

  // --- votes (the voting rule is in votes.ts) ---

  /** Adds or withdraws one vote. Returns whether anything changed (a replayed event changes nothing). */
  setVote(vote: Omit<VoteRow, 'castAt'>, added: boolean, now: number): boolean {
    const changes = added
      ? run(this.db, 'INSERT INTO votes (candidate_id, platform, user_id, vote, cast_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', vote.candidateId, vote.platform, vote.userId, vote.vote, now)
      : run(this.db, 'DELETE FROM votes WHERE candidate_id = ? AND platform = ? AND user_id = ? AND vote = ?', vote.candidateId, vote.platform, vote.userId, vote.vote);
    return changes > 0;
  }

  votes(candidateId: number): VoteRow[] {
    return all<VoteRowSql>(this.db, 'SELECT * FROM votes WHERE candidate_id = ? ORDER BY cast_at, platform, user_id', candidateId).map((r) => ({
      candidateId: r.candidate_id,
      platform: r.platform,
      userId: r.user_id,
      vote: r.vote,
      castAt: r.cast_at,
    }));
  }

  // --- the decisions history ---

  /** Appends a decision; its key (`action:candidate:n`) is unique by construction. */
  recordDecision(
    id: number,
    action: DecisionAction,
    state: DecisionRow['state'],
    what: { by: readonly string[]; section?: readonly string[]; line?: string },
    now: number,
    appliedAt?: number,
  ): void {
    this.transaction(() => {
      const n = value<number>(this.db, 'SELECT COUNT(*) FROM decisions WHERE candidate_id = ?', id) ?? 0;
      run(
        this.db,
        'INSERT INTO decisions (candidate_id, action, key, decided_by, section, line, state, created_at, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        id,
        action,
        `${action}:${id}:${n + 1}`,
        JSON.stringify(what.by),
        toJson(what.section),
        what.line ?? null,
        state,
        now,
        appliedAt ?? null,
      );
    });
  }

  /** Settles the open intent of `action` for a candidate (keeping its line unless one is given). */
  settleDecision(id: number, action: DecisionAction, state: 'applied' | 'abandoned', now: number, line?: string): void {
    run(this.db, `UPDATE decisions SET state = ?, applied_at = ?, line = COALESCE(?, line) WHERE candidate_id = ? AND action = ? AND state = 'intent'`, state, now, line ?? null, id, action);
  }

  /** Sets the line of the open intent of `action` for a candidate (the line about to be written). */
  setIntentLine(id: number, action: DecisionAction, line: string): void {
    run(this.db, `UPDATE decisions SET line = ? WHERE candidate_id = ? AND action = ? AND state = 'intent'`, line, id, action);
  }

  /** When the candidate's last undo was applied; undefined when it never was. */
  lastUndoAt(id: number): number | undefined {
    return optional(value<number | null>(this.db, `SELECT MAX(created_at) FROM decisions WHERE candidate_id = ? AND action = 'undo' AND state = 'applied'`, id) ?? null);
  }

  /** The decisions history of a candidate, oldest first. */
  decisionHistory(id: number): DecisionRow[] {
    return all<DecisionRowSql>(this.db, 'SELECT * FROM decisions WHERE candidate_id = ? ORDER BY id', id).map((r) =>
      dropUndefined({
        id: r.id,
        candidateId: r.candidate_id,
        action: r.action,
        by: fromJson<string[]>(r.decided_by) ?? [],
        section: fromJson<string[]>(r.section),
        line: optional(r.line),
        state: r.state,
        createdAt: r.created_at,
        appliedAt: optional(r.applied_at),
      }),
    );
  }

  private candidates(sql: string, ...params: SqlValue[]): CandidateRecord[] {
    return all<CandidateRowSql>(this.db, sql, ...params).map(toCandidate);
  }

  private setStatus(id: number, status: TriageStatus, fields: DecisionFields, from?: TriageStatus): boolean {
    const sets = ['status = ?'];
    const params: SqlValue[] = [status];
    for (const key of Object.keys(DECISION_COLUMNS) as (keyof DecisionFields)[]) {
      if (!(key in fields)) continue;
      const v = fields[key];
      sets.push(`${DECISION_COLUMNS[key]} = ?`);
      params.push(v === undefined || v === null ? null : typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v));
    }
    const where = from === undefined ? 'id = ?' : 'id = ? AND status = ?';
    params.push(id, ...(from === undefined ? [] : [from]));
    return run(this.db, `UPDATE candidates SET ${sets.join(', ')} WHERE ${where}`, ...params) > 0;
  }

  private insertCandidate(paper: FeedPaper, a: Assessment, source: string, now: number): boolean {
    return (
      run(
        this.db,
        `INSERT INTO candidates (arxiv_id, version, title, abstract, authors, categories, announce_type, link, comment, journal_ref, published,
           score, sections, reasons, nearest, source, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)
         ON CONFLICT (arxiv_id) DO NOTHING`,
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
      ) > 0
    );
  }
}

const CANDIDATE_STATUSES: readonly string[] = ['pending', 'approved', 'rejected'] satisfies CandidateStatus[];

function isCandidateStatus(s: string): s is CandidateStatus {
  return CANDIDATE_STATUSES.includes(s);
}

function toCandidate(r: CandidateRowSql): CandidateRecord {
  return dropUndefined({
    id: r.id,
    arxivId: r.arxiv_id,
    version: optional(r.version),
    title: r.title,
    abstract: r.abstract,
    authors: fromJson<string[]>(r.authors) ?? [],
    categories: fromJson<string[]>(r.categories) ?? [],
    announceType: optional(r.announce_type),
    link: r.link,
    comment: optional(r.comment),
    journalRef: optional(r.journal_ref),
    published: optional(r.published),
    score: r.score,
    sections: fromJson<SuggestedSection[]>(r.sections) ?? [],
    reasons: fromJson<string[]>(r.reasons) ?? [],
    nearest: fromJson<NearestEntry[]>(r.nearest) ?? [],
    source: r.source,
    status: r.status,
    createdAt: r.created_at,
    digestDay: optional(r.digest_day),
    digestRank: optional(r.digest_rank),
    decidedAt: optional(r.decided_at),
    decidedBy: fromJson<string[]>(r.decided_by),
    decidedSection: fromJson<string[]>(r.decided_section),
    decidedLine: optional(r.decided_line),
  });
}

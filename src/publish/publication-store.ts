/**
 * Publish's tables in curator.db (see the migration "publish: …"): the outbox of list changes
 * bound for GitHub (`publications`), our branches (`publish_branches`) and small facts such as
 * the last synced version (`publish_state`).
 *
 * Promises: a decision's change is queued at most once (keyed by its decision); publications are
 * handed out strictly in order, one at a time across every process sharing the database (the head
 * of the queue is claimed with a lease, and a claim a killed process left is taken over once its
 * lease has run out); every state change is one transaction.
 */
import { type Database, transaction } from '../db/database.js';
import { dropUndefined, fromJson, optional } from '../db/rows.js';
import type { ListChange } from '../triage/apply-decision.js';

export type PublicationAction = 'add' | 'remove';
export type PublicationState = 'queued' | 'publishing' | 'published' | 'cancelled' | 'failed';

/** One list change bound for GitHub. */
export interface Publication {
  id: number;
  decisionId: number;
  candidateId: number;
  action: PublicationAction;
  arxivId: string;
  title: string;
  section: string[];
  /** The line added to (or removed from) the local list. */
  line: string;
  by: string[];
  state: PublicationState;
  attempts: number;
  nextAttemptAt?: number;
  lastError?: string;
  createdAt: number;
  publishedAt?: number;
  branchId?: number;
  /** Undefined when published with nothing to commit (the branch already had it, or had it no more). */
  commitSha?: string;
  /** The branch differs from the base it was made from by this change (committed now, or by a run that was cut off). */
  effective: boolean;
}

/** One generation of our branch: the commits of one pull request. */
export interface BranchRecord {
  id: number;
  name: string;
  base: string;
  /** The base head it was made from. */
  baseSha: string;
  prNumber?: number;
  prUrl?: string;
  createdAt: number;
  /** Set once its pull request was seen merged or closed. */
  closedAt?: number;
}

/** What {@link PublicationStore.claimNext} found at the head of the queue. */
export type Claim =
  | { kind: 'claimed'; publication: Publication }
  /** The head waits for its backoff or for GitHub's rate-limit reset. */
  | { kind: 'waiting'; until: number }
  /** Another process is publishing the head now. */
  | { kind: 'busy'; until: number }
  | { kind: 'empty' };

interface PublicationRow {
  id: number;
  decision_id: number;
  candidate_id: number;
  action: PublicationAction;
  arxiv_id: string;
  title: string;
  section: string;
  line: string;
  decided_by: string;
  state: PublicationState;
  attempts: number;
  next_attempt_at: number | null;
  claimed_by: string | null;
  claimed_until: number | null;
  last_error: string | null;
  created_at: number;
  published_at: number | null;
  branch_id: number | null;
  commit_sha: string | null;
  effective: number;
  rate_limited: number;
}

interface BranchRow {
  id: number;
  name: string;
  base: string;
  base_sha: string;
  pr_number: number | null;
  pr_url: string | null;
  created_at: number;
  closed_at: number | null;
}

export class PublicationStore {
  constructor(private readonly db: Database) {}

  /** Queues the change a decision made (called inside the transaction recording it); a second call for the same decision does nothing. */
  enqueue(change: ListChange, now: number): void {
    const c = change.candidate;
    this.db
      .prepare(
        `INSERT INTO publications (decision_id, candidate_id, action, arxiv_id, title, section, line, decided_by, state, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?) ON CONFLICT (decision_id) DO NOTHING`,
      )
      .run(change.decisionId, c.id, change.kind === 'added' ? 'add' : 'remove', c.arxivId, c.title, JSON.stringify(change.section), change.line, JSON.stringify(change.by), now);
  }

  /**
   * Claims the head of the queue for `holder` until `now + leaseMs`. An approval at the head whose
   * undo is queued right behind it is cancelled together with the undo (neither reaches GitHub).
   * `skipBackoff`: do not wait out our own backoff (a person asked), only GitHub's rate limits.
   */
  claimNext(holder: string, now: number, leaseMs: number, skipBackoff = false): Claim {
    return this.tx(() => {
      for (;;) {
        const head = this.db.prepare(`SELECT * FROM publications WHERE state IN ('queued', 'publishing') ORDER BY id LIMIT 1`).get() as PublicationRow | undefined;
        if (!head) return { kind: 'empty' as const };
        if (head.state === 'publishing' && head.claimed_by !== holder && (head.claimed_until ?? 0) > now) return { kind: 'busy' as const, until: head.claimed_until! };
        if (head.next_attempt_at !== null && head.next_attempt_at > now && (head.rate_limited || !skipBackoff)) return { kind: 'waiting' as const, until: head.next_attempt_at };
        if (this.cancelUndonePair(head, now)) continue;
        this.db.prepare(`UPDATE publications SET state = 'publishing', claimed_by = ?, claimed_until = ? WHERE id = ?`).run(holder, now + leaseMs, head.id);
        return { kind: 'claimed' as const, publication: toPublication({ ...head, state: 'publishing' }) };
      }
    });
  }

  /** Extends a claim (a publication that takes several requests). */
  renew(id: number, holder: string, until: number): void {
    this.db.prepare(`UPDATE publications SET claimed_until = ? WHERE id = ? AND claimed_by = ? AND state = 'publishing'`).run(until, id, holder);
  }

  /**
   * Gives a claimed publication back to the queue, to be tried again not before `nextAttemptAt`
   * (`rateLimited`: a time GitHub named, which even a retry a person asks for waits out).
   */
  retryLater(id: number, holder: string, error: string, nextAttemptAt: number, rateLimited: boolean): void {
    this.db
      .prepare(`UPDATE publications SET state = 'queued', attempts = attempts + 1, last_error = ?, next_attempt_at = ?, rate_limited = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?`)
      .run(error, nextAttemptAt, rateLimited ? 1 : 0, id, holder);
  }

  markPublished(id: number, holder: string, result: { branchId: number; commitSha?: string; effective: boolean }, now: number): void {
    this.db
      .prepare(
        `UPDATE publications SET state = 'published', published_at = ?, branch_id = ?, commit_sha = ?, effective = ?, last_error = NULL, next_attempt_at = NULL, rate_limited = 0, claimed_by = NULL, claimed_until = NULL
         WHERE id = ? AND claimed_by = ?`,
      )
      .run(now, result.branchId, result.commitSha ?? null, result.effective ? 1 : 0, id, holder);
  }

  /** The change cannot apply on GitHub (its section is not there): it stays recorded, and is not tried again. */
  markFailed(id: number, holder: string, error: string, now: number): void {
    this.db.prepare(`UPDATE publications SET state = 'failed', last_error = ?, published_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?`).run(error, now, id, holder);
  }

  publication(id: number): Publication | undefined {
    const row = this.db.prepare('SELECT * FROM publications WHERE id = ?').get(id) as PublicationRow | undefined;
    return row && toPublication(row);
  }

  /** Publications in `states` (default: all), in queue order. */
  list(states?: readonly PublicationState[]): Publication[] {
    const rows = (
      states ? this.db.prepare('SELECT * FROM publications WHERE state IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(states)) : this.db.prepare('SELECT * FROM publications ORDER BY id').all()
    ) as PublicationRow[];
    return rows.map(toPublication);
  }

  /** The publications that went to one branch generation, in order. */
  publishedOn(branchId: number): Publication[] {
    return (this.db.prepare(`SELECT * FROM publications WHERE branch_id = ? AND state = 'published' ORDER BY id`).all(branchId) as PublicationRow[]).map(toPublication);
  }

  counts(): Record<PublicationState, number> {
    const counts: Record<PublicationState, number> = { queued: 0, publishing: 0, published: 0, cancelled: 0, failed: 0 };
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM publications GROUP BY state').all() as { state: PublicationState; n: number }[]) counts[r.state] = r.n;
    return counts;
  }

  // --- branches ---

  /** The generation approvals go to now: the newest one whose pull request has not been seen merged or closed. */
  currentBranch(): BranchRecord | undefined {
    const row = this.db.prepare('SELECT * FROM publish_branches WHERE closed_at IS NULL ORDER BY id DESC LIMIT 1').get() as BranchRow | undefined;
    return row && toBranch(row);
  }

  branch(id: number): BranchRecord | undefined {
    const row = this.db.prepare('SELECT * FROM publish_branches WHERE id = ?').get(id) as BranchRow | undefined;
    return row && toBranch(row);
  }

  addBranch(branch: { name: string; base: string; baseSha: string; prNumber?: number; prUrl?: string }, now: number): BranchRecord {
    const id = this.db
      .prepare('INSERT INTO publish_branches (name, base, base_sha, pr_number, pr_url, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(branch.name, branch.base, branch.baseSha, branch.prNumber ?? null, branch.prUrl ?? null, now).lastInsertRowid;
    return this.branch(Number(id))!;
  }

  setPull(branchId: number, number: number, url: string): void {
    this.db.prepare('UPDATE publish_branches SET pr_number = ?, pr_url = ? WHERE id = ?').run(number, url, branchId);
  }

  closeBranch(branchId: number, now: number): void {
    this.db.prepare('UPDATE publish_branches SET closed_at = ? WHERE id = ? AND closed_at IS NULL').run(now, branchId);
  }

  // --- small facts ---

  getState(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM publish_state WHERE key = ?').pluck().get(key) as string | undefined) ?? undefined;
  }

  setState(key: string, value: string): void {
    this.db.prepare('INSERT INTO publish_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  private cancelUndonePair(head: PublicationRow, now: number): boolean {
    if (head.action !== 'add' || head.state !== 'queued') return false;
    const next = this.db.prepare(`SELECT * FROM publications WHERE candidate_id = ? AND id > ? ORDER BY id LIMIT 1`).get(head.candidate_id, head.id) as PublicationRow | undefined;
    if (!next || next.action !== 'remove' || next.state !== 'queued' || next.line !== head.line) return false;
    this.db.prepare(`UPDATE publications SET state = 'cancelled', published_at = ?, last_error = 'undone before it was published' WHERE id IN (?, ?)`).run(now, head.id, next.id);
    return true;
  }

  private tx<T>(fn: () => T): T {
    return transaction(this.db, fn);
  }
}

function toPublication(r: PublicationRow): Publication {
  return dropUndefined({
    id: r.id,
    decisionId: r.decision_id,
    candidateId: r.candidate_id,
    action: r.action,
    arxivId: r.arxiv_id,
    title: r.title,
    section: fromJson<string[]>(r.section)!,
    line: r.line,
    by: fromJson<string[]>(r.decided_by)!,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: optional(r.next_attempt_at),
    lastError: optional(r.last_error),
    createdAt: r.created_at,
    publishedAt: optional(r.published_at),
    branchId: optional(r.branch_id),
    commitSha: optional(r.commit_sha),
    effective: r.effective === 1,
  });
}

function toBranch(r: BranchRow): BranchRecord {
  return dropUndefined({ id: r.id, name: r.name, base: r.base, baseSha: r.base_sha, prNumber: optional(r.pr_number), prUrl: optional(r.pr_url), createdAt: r.created_at, closedAt: optional(r.closed_at) });
}

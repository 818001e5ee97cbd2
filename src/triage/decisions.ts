/**
 * The candidate state machine in SQLite: every transition is one transaction that first checks the
 * state it leaves (a compare-and-set `UPDATE … WHERE status = ?`), so a decision applies exactly
 * once however many events, platforms or processes race for it.
 *
 *   pending ──beginApproval──▶ approving ──completeApproval──▶ approved
 *      ▲  ◀──abandonApproval──────┘                               │
 *      │                                                     beginUndo
 *      ├──────────────completeUndo──── undoing ◀──────────────────┘
 *      │                                  └──abandonUndo──▶ approved
 *   pending ──reject──▶ rejected ──beginUndo──▶ pending
 *
 * `approving`/`undoing` are written *before* the list file changes, with the target section and the
 * line, so that after a crash recovery can look at the file and finish or roll back. Every change
 * that writes the list runs under the list's cross-process lock from its intent to its completion,
 * so whoever holds the lock and finds a candidate approving or undoing knows its process died.
 * Each transition also writes the `decisions` table (intent → applied | abandoned): the history of
 * who decided what, and the time of the last undo (votes cast before it no longer count).
 */
import type { TriageStore, CandidateRecord, VoteRow } from './store.js';

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

/** The state transitions of triage, over the store's connection (see the module comment). */
export class Decisions {
  constructor(private readonly store: TriageStore) {}

  /**
   * pending → approving: records the intent (target section, approvers) before the list is written.
   * False when the candidate is not pending (already decided, or another approval is under way).
   */
  beginApproval(id: number, intent: { section: readonly string[]; by: readonly string[] }, now: number): boolean {
    return this.store.transaction(() => {
      const changed = this.db
        .prepare(`UPDATE candidates SET status = 'approving', decided_at = ?, decided_by = ?, decided_section = ?, decided_line = NULL WHERE id = ? AND status = 'pending'`)
        .run(now, JSON.stringify(intent.by), JSON.stringify(intent.section), id).changes;
      if (changed) this.record(id, 'approve', 'intent', { by: intent.by, section: intent.section }, now);
      return changed > 0;
    });
  }

  /**
   * Records, while approving, the line about to be written (under the list lock, right before the
   * write): after a crash, recovery finishes the approval only if exactly this line is in the
   * list. An approving candidate without one has had no line of ours written. Idempotent.
   */
  recordPlannedLine(id: number, line: string): void {
    this.store.transaction(() => {
      if (this.db.prepare(`UPDATE candidates SET decided_line = ? WHERE id = ? AND status = 'approving'`).run(line, id).changes) {
        this.db.prepare(`UPDATE decisions SET line = ? WHERE candidate_id = ? AND action = 'approve' AND state = 'intent'`).run(line, id);
      }
    });
  }

  /**
   * approving → approved, in the section the paper is in now, with the line triage added (none
   * when the list already had the paper: then there is no line of ours for an undo to remove).
   */
  completeApproval(id: number, line: string | undefined, section: readonly string[], now: number): boolean {
    return this.store.transaction(() => {
      const changed = this.db
        .prepare(`UPDATE candidates SET status = 'approved', decided_at = ?, decided_section = ?, decided_line = ? WHERE id = ? AND status = 'approving'`)
        .run(now, JSON.stringify(section), line ?? null, id).changes;
      if (changed) this.settle(id, 'approve', 'applied', now, line);
      return changed > 0;
    });
  }

  /** approving → pending: the list was not changed (the section could not take it, or a crash came first). */
  abandonApproval(id: number, now: number): boolean {
    return this.store.transaction(() => {
      const changed = this.db
        .prepare(`UPDATE candidates SET status = 'pending', decided_at = NULL, decided_by = NULL, decided_section = NULL, decided_line = NULL WHERE id = ? AND status = 'approving'`)
        .run(id).changes;
      if (changed) this.settle(id, 'approve', 'abandoned', now);
      return changed > 0;
    });
  }

  /** pending → rejected. False when the candidate is not pending. */
  reject(id: number, by: readonly string[], now: number): boolean {
    return this.store.transaction(() => {
      const changed = this.db
        .prepare(`UPDATE candidates SET status = 'rejected', decided_at = ?, decided_by = ?, decided_section = NULL, decided_line = NULL WHERE id = ? AND status = 'pending'`)
        .run(now, JSON.stringify(by), id).changes;
      if (changed) this.record(id, 'reject', 'applied', { by }, now, now);
      return changed > 0;
    });
  }

  /**
   * Starts undoing a decision: approved → undoing (the line must be removed next, then
   * {@link completeUndo}); rejected → pending at once (nothing was written). Undefined when the
   * candidate is in neither state.
   */
  beginUndo(id: number, by: readonly string[], now: number): 'undoing' | 'reopened' | undefined {
    return this.store.transaction(() => {
      const c = this.store.candidate(id);
      if (c?.status === 'approved') {
        this.db.prepare(`UPDATE candidates SET status = 'undoing' WHERE id = ? AND status = 'approved'`).run(id);
        this.record(id, 'undo', 'intent', { by, ...(c.decidedSection && { section: c.decidedSection }), ...(c.decidedLine !== undefined && { line: c.decidedLine }) }, now);
        return 'undoing' as const;
      }
      if (c?.status === 'rejected') {
        this.reopen(id);
        this.record(id, 'undo', 'applied', { by }, now, now);
        return 'reopened' as const;
      }
      return undefined;
    });
  }

  /** undoing → pending: the line is gone from the list. */
  completeUndo(id: number, now: number): boolean {
    return this.store.transaction(() => {
      const changed = this.reopen(id, 'undoing');
      if (changed) this.settle(id, 'undo', 'applied', now);
      return changed;
    });
  }

  /** undoing → approved: the line could not be removed; the approval stands. */
  abandonUndo(id: number, now: number): boolean {
    return this.store.transaction(() => {
      const changed = this.db.prepare(`UPDATE candidates SET status = 'approved' WHERE id = ? AND status = 'undoing'`).run(id).changes > 0;
      if (changed) this.settle(id, 'undo', 'abandoned', now);
      return changed;
    });
  }

  /** Candidates a crash left half-way (approving or undoing), oldest first. */
  inFlight(): CandidateRecord[] {
    const ids = this.db.prepare(`SELECT id FROM candidates WHERE status IN ('approving', 'undoing') ORDER BY decided_at, id`).pluck().all() as number[];
    return ids.map((id) => this.store.candidate(id)!);
  }

  /**
   * The votes that count now: those cast after the candidate's last undo. The reactions that made
   * an undone decision are still on the message; they must not make it again.
   */
  countedVotes(id: number): VoteRow[] {
    const since = (this.db.prepare(`SELECT MAX(created_at) FROM decisions WHERE candidate_id = ? AND action = 'undo' AND state = 'applied'`).pluck().get(id) as number | null) ?? -Infinity;
    return this.store.votes(id).filter((v) => v.castAt > since);
  }

  /** The decisions history of a candidate, oldest first. */
  history(id: number): DecisionRow[] {
    return (this.db.prepare('SELECT * FROM decisions WHERE candidate_id = ? ORDER BY id').all(id) as Record<string, unknown>[]).map((r) => ({
      id: r.id as number,
      candidateId: r.candidate_id as number,
      action: r.action as DecisionAction,
      by: JSON.parse(r.decided_by as string) as string[],
      ...(typeof r.section === 'string' && { section: JSON.parse(r.section) as string[] }),
      ...(typeof r.line === 'string' && { line: r.line }),
      state: r.state as DecisionRow['state'],
      createdAt: r.created_at as number,
      ...(typeof r.applied_at === 'number' && { appliedAt: r.applied_at }),
    }));
  }

  /**
   * Marks a candidate as posted on its own (`/vlm suggest`) on `day`, so the next digest does not
   * post it a second time. A candidate a digest already covered is left as it is.
   */
  markPostedAlone(id: number, day: string): void {
    this.db.prepare('UPDATE candidates SET digest_day = ? WHERE id = ? AND digest_day IS NULL').run(day, id);
  }

  private get db() {
    return this.store.db;
  }

  private reopen(id: number, from: 'rejected' | 'undoing' = 'rejected'): boolean {
    return (
      this.db
        .prepare(`UPDATE candidates SET status = 'pending', decided_at = NULL, decided_by = NULL, decided_section = NULL, decided_line = NULL WHERE id = ? AND status = ?`)
        .run(id, from).changes > 0
    );
  }

  /** Appends a decision; its key (`action:candidate:n`) is unique by construction. */
  private record(id: number, action: DecisionAction, state: DecisionRow['state'], what: { by: readonly string[]; section?: readonly string[]; line?: string }, now: number, appliedAt?: number) {
    const n = this.db.prepare('SELECT COUNT(*) FROM decisions WHERE candidate_id = ?').pluck().get(id) as number;
    this.db
      .prepare('INSERT INTO decisions (candidate_id, action, key, decided_by, section, line, state, created_at, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, action, `${action}:${id}:${n + 1}`, JSON.stringify(what.by), what.section ? JSON.stringify(what.section) : null, what.line ?? null, state, now, appliedAt ?? null);
  }

  /** Settles the open intent of `action` for a candidate. */
  private settle(id: number, action: DecisionAction, state: 'applied' | 'abandoned', now: number, line?: string) {
    this.db
      .prepare(`UPDATE decisions SET state = ?, applied_at = ?, line = COALESCE(?, line) WHERE candidate_id = ? AND action = ? AND state = 'intent'`)
      .run(state, now, line ?? null, id, action);
  }
}

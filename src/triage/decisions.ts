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
 * The SQL is the store's (store.ts); this module is the state machine over it.
 */
import type { CandidateRecord, DecisionAction, DecisionFields, DecisionRow, TriageStore, VoteRow } from './store.js';
import type { TriageStatus } from '../core/services.js';

/** The fields a candidate back at pending has: no decision. */
const UNDECIDED: DecisionFields = { at: null, by: null, section: null, line: null };

/** The state transitions of triage, over the triage store (see the module comment). */
export class Decisions {
  constructor(private readonly store: TriageStore) {}

  /**
   * pending → approving: records the intent (target section, approvers) before the list is written.
   * False when the candidate is not pending (already decided, or another approval is under way).
   */
  beginApproval(id: number, intent: { section: readonly string[]; by: readonly string[] }, now: number): boolean {
    return this.transition(id, 'pending', 'approving', { at: now, by: intent.by, section: intent.section, line: null }, () =>
      this.store.recordDecision(id, 'approve', 'intent', { by: intent.by, section: intent.section }, now),
    );
  }

  /**
   * Records, while approving, the line about to be written (under the list lock, right before the
   * write): after a crash, recovery finishes the approval only if exactly this line is in the
   * list. An approving candidate without one has had no line of ours written. Idempotent.
   */
  recordPlannedLine(id: number, line: string): void {
    this.transition(id, 'approving', 'approving', { line }, () => this.store.setIntentLine(id, 'approve', line));
  }

  /**
   * approving → approved, in the section the paper is in now, with the line triage added (none
   * when the list already had the paper: then there is no line of ours for an undo to remove).
   */
  completeApproval(id: number, line: string | undefined, section: readonly string[], now: number): boolean {
    return this.transition(id, 'approving', 'approved', { at: now, section, line: line ?? null }, () => this.settle(id, 'approve', 'applied', now, line));
  }

  /** approving → pending: the list was not changed (the section could not take it, or a crash came first). */
  abandonApproval(id: number, now: number): boolean {
    return this.transition(id, 'approving', 'pending', UNDECIDED, () => this.settle(id, 'approve', 'abandoned', now));
  }

  /** pending → rejected. False when the candidate is not pending. */
  reject(id: number, by: readonly string[], now: number): boolean {
    return this.transition(id, 'pending', 'rejected', { at: now, by, section: null, line: null }, () => this.store.recordDecision(id, 'reject', 'applied', { by }, now, now));
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
        this.store.moveCandidate(id, 'approved', 'undoing');
        this.store.recordDecision(id, 'undo', 'intent', { by, ...(c.decidedSection && { section: c.decidedSection }), ...(c.decidedLine !== undefined && { line: c.decidedLine }) }, now);
        return 'undoing' as const;
      }
      if (c?.status === 'rejected') {
        this.store.moveCandidate(id, 'rejected', 'pending', UNDECIDED);
        this.store.recordDecision(id, 'undo', 'applied', { by }, now, now);
        return 'reopened' as const;
      }
      return undefined;
    });
  }

  /** undoing → pending: the line is gone from the list. */
  completeUndo(id: number, now: number): boolean {
    return this.transition(id, 'undoing', 'pending', UNDECIDED, () => this.settle(id, 'undo', 'applied', now));
  }

  /** undoing → approved: the line could not be removed; the approval stands. */
  abandonUndo(id: number, now: number): boolean {
    return this.transition(id, 'undoing', 'approved', {}, () => this.settle(id, 'undo', 'abandoned', now));
  }

  /** Candidates a crash left half-way (approving or undoing), oldest first. */
  inFlight(): CandidateRecord[] {
    return this.store.inFlight();
  }

  /**
   * The votes that count now: those cast after the candidate's last undo. The reactions that made
   * an undone decision are still on the message; they must not make it again.
   */
  countedVotes(id: number): VoteRow[] {
    const since = this.store.lastUndoAt(id) ?? -Infinity;
    return this.store.votes(id).filter((v) => v.castAt > since);
  }

  /** The decisions history of a candidate, oldest first. */
  history(id: number): DecisionRow[] {
    return this.store.decisionHistory(id);
  }

  /**
   * Marks a candidate as posted on its own (`/vlm suggest`) on `day`, so the next digest does not
   * post it a second time. A candidate a digest already covered is left as it is.
   */
  markPostedAlone(id: number, day: string): void {
    this.store.markPostedAlone(id, day);
  }

  /** One compare-and-set of the candidate's status and, when it happened, its history, in one transaction. */
  private transition(id: number, from: TriageStatus, to: TriageStatus, fields: DecisionFields, then: () => void): boolean {
    return this.store.transaction(() => {
      const changed = this.store.moveCandidate(id, from, to, fields);
      if (changed) then();
      return changed;
    });
  }

  private settle(id: number, action: DecisionAction, state: 'applied' | 'abandoned', now: number, line?: string): void {
    this.store.settleDecision(id, action, state, now, line);
  }
}

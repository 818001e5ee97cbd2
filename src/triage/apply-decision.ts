/**
 * Applies decisions to the list file, crash-safely and beside other writers. Each change holds the
 * list's cross-process lock from its intent to its completion: the intent is recorded (approving /
 * undoing, then the exact line about to be written), the file as it is on disk now gets the one
 * line, written atomically, and only then is the decision recorded as done. So whoever holds the
 * lock and finds a candidate still approving or undoing knows the process that began it died, and
 * {@link DecisionApplier.recover} — run by every entry point that opens the state — looks at the
 * file and finishes or rolls back what was half-way: the database and the file agree and an
 * approved paper appears in the list exactly once.
 *
 * After the decision is recorded, and outside the lock, come the parts that may fail without
 * undoing it: the scorer's feedback and the edits of the candidate's messages (logged when they
 * fail). The git commit comes before the decision is recorded, so a crash between the two is
 * caught by recovery, which commits again (finding nothing to commit is fine).
 */
import { arxivAbsUrl } from '../core/arxiv-id.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { ListSession } from '../catalogue/list-file.js';
import type { CatalogueStore } from '../catalogue/store.js';
import type { Logger } from '../core/logger.js';
import type { NewsPublisher } from '../core/publisher.js';
import type { Feedback } from '../relevance/score.js';
import type { Decisions } from './decisions.js';
import type { DisplayNames } from './display-names.js';
import { commitFile, inGitWorkTree } from './git-commit.js';
import { addPaperToList, findWrittenLine, removeLineFromList } from './list-writer.js';
import { type Outcome, outcomeReply } from './outcome-message.js';
import { codeLinkFor, venueFor } from './paper-metadata.js';
import type { OutboxStore } from './outbox.js';
import { cleanText, type NewRow, TITLE_MAX } from './row-format.js';
import type { CandidateRecord, TriageStore } from './store.js';
import { errorMessage } from '../core/errors.js';

/** Points of an approval or undo where a crash leaves something for recovery to settle. */
export type DecisionStep = 'intent-recorded' | 'list-written' | 'decision-recorded' | 'undo-recorded' | 'line-removed';

export interface ApplierDeps {
  store: TriageStore;
  outbox: OutboxStore;
  decisions: Decisions;
  catalogue: CatalogueStore;
  /** The News channels now running (a candidate's messages on other platforms are left alone). */
  publishers: () => readonly NewsPublisher[];
  /** Deciders' names for the edited messages. */
  names: DisplayNames;
  /** GIT_COMMIT: commit the list after each change when it is in a git work tree. */
  gitCommit: boolean;
  /** Hands a decision to the relevance scorer. */
  feedback?: (feedback: Feedback) => void;
  log: Logger;
  now: () => number;
  /**
   * Called, synchronously and inside the transaction that records it, with each decision that
   * changed the list by a line of ours (see {@link ListChange}). Must not throw for anything but a
   * database failure: a throw rolls the decision back.
   */
  onListChange?: (change: ListChange) => void;
  /** Test seam: called at each {@link DecisionStep}; the crash test kills the process there. */
  checkpoint?: (step: DecisionStep, candidateId: number) => void | Promise<void>;
}

/**
 * A recorded decision that changed the list by one line of ours: an approval that wrote its row,
 * or the undo of one. Handed to {@link ApplierDeps.onListChange} inside the transaction that
 * records the decision, so what the listener writes to the database (publish's outbox) commits
 * with the decision or not at all.
 */
export interface ListChange {
  /** The `decisions` row this change completes: one change per decision. */
  decisionId: number;
  candidate: CandidateRecord;
  section: string[];
  /** The line added to or removed from the local list. */
  line: string;
  by: string[];
  kind: 'added' | 'removed';
};

export type ApproveResult =
  | { status: 'approved'; candidate: CandidateRecord; section: string[]; line: string; alreadyListed: boolean }
  /** Someone else decided first (or is deciding now): nothing was done. */
  | { status: 'not-pending'; candidate: CandidateRecord };

export type RejectResult = { status: 'rejected' | 'not-pending'; candidate: CandidateRecord };

export type UndoResult =
  | { status: 'reopened'; candidate: CandidateRecord; removedLine?: string }
  | { status: 'not-decided'; candidate: CandidateRecord };

/** A decision now recorded, still to be announced (feedback, message edits, log) outside the lock. */
type Settled =
  | { kind: 'approved'; id: number; section: string[]; by: string[]; line: string; alreadyListed: boolean }
  | { kind: 'reopened'; id: number; by: string[]; removedLine?: string };

export class DecisionApplier {
  constructor(private readonly deps: ApplierDeps) {}

  /**
   * Approves a pending candidate into `section` for `by`: writes its row into the list as it is
   * on disk now (exactly one line, in the table's own format), commits when configured, records
   * the decision, then feeds the scorer and edits the candidate's messages. Throws (leaving it
   * pending, the list untouched) when the list cannot take it.
   */
  async approve(candidate: CandidateRecord, section: readonly string[], by: readonly string[]): Promise<ApproveResult> {
    const { decisions, store } = this.deps;
    const id = candidate.id;
    const settled = await this.deps.catalogue.edit(async (list): Promise<Settled | undefined> => {
      if (!decisions.beginApproval(id, { section, by }, this.deps.now())) return undefined;
      await this.checkpoint('intent-recorded', id);
      let added;
      try {
        added = await addPaperToList(list, section, rowFor(candidate), {
          beforeWrite: (planned) => decisions.recordPlannedLine(id, planned.text),
        });
      } catch (err) {
        decisions.abandonApproval(id, this.deps.now());
        throw err;
      }
      await this.checkpoint('list-written', id);
      const alreadyListed = added.status === 'already-listed';
      if (!alreadyListed) await this.commit(list, `Add “${cleanText(candidate.title, TITLE_MAX)}” (arXiv ${candidate.arxivId}) to ${section.join(' › ')}\n\nApproved by ${by.join(', ')}.`);
      // An already-listed paper gets no line to undo: undo must never remove a row triage did not write.
      await this.completeApproval(candidate, alreadyListed ? undefined : added.text, added.section, by);
      await this.checkpoint('decision-recorded', id);
      return { kind: 'approved', id, section: added.section, by: [...by], line: added.text, alreadyListed };
    });
    if (!settled) return { status: 'not-pending', candidate: store.candidate(id)! };
    return (await this.announce(settled)) as ApproveResult;
  }

  /** Rejects a pending candidate for `by`, feeds the scorer and edits its messages. */
  async reject(candidate: CandidateRecord, by: readonly string[]): Promise<RejectResult> {
    if (!this.deps.decisions.reject(candidate.id, by, this.deps.now())) return { status: 'not-pending', candidate: this.deps.store.candidate(candidate.id)! };
    const decided = this.deps.store.candidate(candidate.id)!;
    this.feedback(decided, 'rejected');
    await this.editMessages(decided, { kind: 'rejected', by });
    return { status: 'rejected', candidate: decided };
  }

  /**
   * Undoes a decision: an approval's line is removed from the list as it is on disk now (exactly
   * that line: the file is as before, byte for byte, when nothing else changed since) and
   * committed when configured; the candidate is pending again. Votes cast before the undo no
   * longer count.
   */
  async undo(candidate: CandidateRecord, by: readonly string[]): Promise<UndoResult> {
    const { decisions } = this.deps;
    const id = candidate.id;
    const settled = await this.deps.catalogue.edit(async (list): Promise<Settled | undefined> => {
      const kind = decisions.beginUndo(id, by, this.deps.now());
      if (!kind) return undefined;
      if (kind === 'reopened') {
        decisions.completeUndo(id, this.deps.now());
        return { kind: 'reopened', id, by: [...by] };
      }
      await this.checkpoint('undo-recorded', id);
      let removed: string | undefined;
      try {
        removed = await this.removeLine(list, candidate);
      } catch (err) {
        decisions.abandonUndo(id, this.deps.now());
        throw err;
      }
      await this.checkpoint('line-removed', id);
      if (removed) await this.commit(list, `Remove “${cleanText(candidate.title, TITLE_MAX)}” (arXiv ${candidate.arxivId}) from ${candidate.decidedSection?.join(' › ') ?? 'the list'}\n\nApproval undone by ${by.join(', ')}.`);
      await this.completeUndo(candidate, by);
      return { kind: 'reopened', id, by: [...by], ...(removed !== undefined && { removedLine: removed }) };
    });
    if (!settled) return { status: 'not-decided', candidate: this.deps.store.candidate(id)! };
    return (await this.announce(settled)) as UndoResult;
  }

  /**
   * Settles what a crashed process left half-way; cheap when there is nothing (no lock is taken).
   * Under the lock, an approving or undoing candidate is one whose process died.
   * `approving`: the line it was about to write is in the list → the approval is finished
   * (committed, recorded, announced); it is not → back to pending (the votes that asked for it
   * still stand, so the next evaluation approves again). `undoing`: the line is removed if still
   * there, and the candidate is pending.
   */
  async recover(): Promise<void> {
    const { decisions, log } = this.deps;
    if (!decisions.inFlight().length) return;
    const settled = await this.deps.catalogue.edit(async (list) => {
      const done: Settled[] = [];
      for (const c of decisions.inFlight()) {
        try {
          const s = c.status === 'approving' ? await this.settleApproval(list, c, await list.read()) : await this.settleUndo(list, c);
          if (s) done.push(s);
        } catch (err) {
          log.error('triage: could not settle an interrupted decision; it stays as it is until the next command', { candidate: c.id, error: errorMessage(err) });
        }
      }
      return done;
    });
    for (const s of settled) await this.announce(s);
  }

  private async settleApproval(list: ListSession, c: CandidateRecord, current: Catalogue): Promise<Settled | undefined> {
    const { decisions, log } = this.deps;
    const by = c.decidedBy ?? [];
    // With a planned line, only that exact line proves the write happened; without one, nothing of ours was written.
    const written = c.decidedLine !== undefined ? findWrittenLine(current, c.decidedSection, c.decidedLine) : undefined;
    const listedBefore = c.decidedLine === undefined ? current.entries.find((e) => e.arxivId === c.arxivId) : undefined;
    const entry = written ?? listedBefore;
    if (!entry) {
      log.info('triage: rolling back an approval a crash interrupted (the list was not written)', { candidate: c.id, arxivId: c.arxivId });
      decisions.abandonApproval(c.id, this.deps.now());
      return undefined;
    }
    log.info('triage: finishing an approval a crash interrupted (the list has the line)', { candidate: c.id, arxivId: c.arxivId });
    const line = current.lineText(entry.line) ?? '';
    if (written) await this.commit(list, `Add “${cleanText(c.title, TITLE_MAX)}” (arXiv ${c.arxivId}) to ${entry.section.join(' › ')}\n\nApproved by ${by.join(', ')}.`);
    await this.completeApproval(c, written ? line : undefined, entry.section, by);
    return { kind: 'approved', id: c.id, section: entry.section, by, line, alreadyListed: !written };
  }

  private async settleUndo(list: ListSession, c: CandidateRecord): Promise<Settled> {
    this.deps.log.info('triage: finishing an undo a crash interrupted', { candidate: c.id, arxivId: c.arxivId });
    const removed = await this.removeLine(list, c);
    if (removed) await this.commit(list, `Remove “${cleanText(c.title, TITLE_MAX)}” (arXiv ${c.arxivId}) from ${c.decidedSection?.join(' › ') ?? 'the list'}\n\nApproval undone.`);
    const undo = this.deps.decisions.history(c.id).findLast((d) => d.action === 'undo');
    await this.completeUndo(c, undo?.by ?? []);
    return { kind: 'reopened', id: c.id, by: undo?.by ?? [], ...(removed !== undefined && { removedLine: removed }) };
  }

  /** approving → approved, and (in the same transaction) the list change it made, to whoever listens. */
  private async completeApproval(c: CandidateRecord, line: string | undefined, section: string[], by: readonly string[]) {
    const { decisions, store } = this.deps;
    // The pull request names the deciders as chat does; asked before the transaction, which cannot wait.
    const names = this.deps.onListChange ? await this.deps.names.of(by) : [];
    store.transaction(() => {
      if (!decisions.completeApproval(c.id, line, section, this.deps.now()) || line === undefined || !this.deps.onListChange) return;
      const decision = decisions.history(c.id).findLast((d) => d.action === 'approve' && d.state === 'applied')!;
      this.deps.onListChange({ kind: 'added', decisionId: decision.id, candidate: store.candidate(c.id)!, section, line, by: names });
    });
  }

  /** undoing → pending, and (in the same transaction) the removal of the approval's line, to whoever listens. */
  private async completeUndo(c: CandidateRecord, by: readonly string[]) {
    const { decisions, store } = this.deps;
    const names = this.deps.onListChange ? await this.deps.names.of(by) : [];
    store.transaction(() => {
      if (!decisions.completeUndo(c.id, this.deps.now()) || c.decidedLine === undefined || !c.decidedSection || !this.deps.onListChange) return;
      const decision = decisions.history(c.id).findLast((d) => d.action === 'undo' && d.state === 'applied')!;
      this.deps.onListChange({ kind: 'removed', decisionId: decision.id, candidate: store.candidate(c.id)!, section: c.decidedSection, line: c.decidedLine, by: names });
    });
  }

  /** Feeds the scorer, edits the candidate's messages and logs a recorded decision. */
  private async announce(s: Settled): Promise<ApproveResult | UndoResult> {
    const candidate = this.deps.store.candidate(s.id)!;
    if (s.kind === 'approved') {
      this.feedback(candidate, 'approved');
      await this.editMessages(candidate, { kind: 'approved', by: s.by, section: s.section, line: s.line });
      this.deps.log.info('triage: approved', { candidate: s.id, arxivId: candidate.arxivId, section: s.section.join(' › '), by: s.by, alreadyListed: s.alreadyListed });
      return { status: 'approved', candidate, section: s.section, line: s.line, alreadyListed: s.alreadyListed };
    }
    await this.editMessages(candidate, { kind: 'reopened', by: s.by });
    this.deps.log.info('triage: decision undone', { candidate: s.id, by: s.by, removedLine: s.removedLine ?? null });
    return { status: 'reopened', candidate, ...(s.removedLine !== undefined && { removedLine: s.removedLine }) };
  }

  /** Removes the line an approval added; resolves with it, or undefined when it is not there. */
  private async removeLine(list: ListSession, c: CandidateRecord): Promise<string | undefined> {
    if (!c.decidedLine || !c.decidedSection) return undefined;
    return (await removeLineFromList(list, { section: c.decidedSection, text: c.decidedLine })) ? c.decidedLine : undefined;
  }

  /** Edits every posted message about the candidate, on each platform that is running; deciders by name. */
  async editMessages(candidate: CandidateRecord, outcome: Outcome): Promise<void> {
    const named = 'by' in outcome ? { ...outcome, by: await this.deps.names.of(outcome.by) } : outcome;
    const reply = outcomeReply(candidate, named);
    for (const entry of this.deps.outbox.messagesFor(candidate.id)) {
      if (entry.kind !== 'candidate' || !entry.message) continue;
      const publisher = this.deps.publishers().find((p) => p.platform === entry.platform);
      if (!publisher) continue;
      try {
        await publisher.edit(entry.message, reply);
      } catch (err) {
        this.deps.log.warn('triage: could not edit a candidate message with the outcome', { candidate: candidate.id, platform: entry.platform, error: errorMessage(err) });
      }
    }
  }

  private feedback(c: CandidateRecord, decision: 'approved' | 'rejected') {
    try {
      this.deps.feedback?.({ arxivId: c.arxivId, title: c.title, abstract: c.abstract, decision, ...(decision === 'approved' && c.decidedSection && { section: c.decidedSection }) });
    } catch (err) {
      this.deps.log.warn('triage: the scorer did not take the feedback', { candidate: c.id, error: errorMessage(err) });
    }
  }

  /** Commits the list file (the real one, symlinks followed) when GIT_COMMIT is on; under the lock, so the commit holds exactly our change. */
  private async commit(list: ListSession, message: string): Promise<void> {
    if (!this.deps.gitCommit) return;
    const file = list.target;
    if (!(await inGitWorkTree(file))) {
      this.deps.log.warn('triage: GIT_COMMIT=true but the list is not in a git work tree; not committing', { file });
      return;
    }
    try {
      await commitFile(file, message);
    } catch (err) {
      // The list is written and the decision stands; only the commit is missing.
      this.deps.log.warn(errorMessage(err), { file });
    }
  }

  private async checkpoint(step: DecisionStep, id: number) {
    await this.deps.checkpoint?.(step, id);
  }
}

/** The row an approval writes for a candidate (rendered in the target table's own format). */
function rowFor(c: CandidateRecord): NewRow & { arxivId: string } {
  return { arxivId: c.arxivId, title: c.title, url: arxivAbsUrl(c.arxivId), venue: venueFor(c), code: codeLinkFor(c) };
}

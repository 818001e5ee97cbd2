/**
 * Applies decisions to the list file, crash-safely: the intent is recorded (approving / undoing)
 * before the file changes, the file is written atomically, and only then is the decision recorded
 * as done. {@link DecisionApplier.recover} looks at the file after a crash and finishes or rolls
 * back whatever was half-way, so the database and the file agree and an approved paper appears in
 * the list exactly once.
 *
 * After the decision is recorded come the parts that may fail without undoing it: the scorer's
 * feedback and the edits of the candidate's messages (logged when they fail). The git commit comes
 * before the decision is recorded, so a crash between the two is caught by recovery, which commits
 * again (finding nothing to commit is fine).
 */
import { arxivAbsUrl } from '../catalogue/arxiv-id.js';
import type { CatalogueStore } from '../catalogue/store.js';
import type { Logger } from '../core/logger.js';
import type { NewsPublisher } from '../core/publisher.js';
import type { Feedback } from '../feed/score.js';
import type { Decisions } from './decisions.js';
import { commitFile, inGitWorkTree } from './git-commit.js';
import { addPaperToList, removeLineFromList } from './list-writer.js';
import { type Outcome, outcomeReply } from './outcome-message.js';
import { codeLinkFor, venueFor } from './paper-metadata.js';
import type { CandidateRecord, TriageStore } from './store.js';

/** Points of an approval or undo where a crash leaves something for recovery to settle. */
export type DecisionStep = 'intent-recorded' | 'list-written' | 'decision-recorded' | 'undo-recorded' | 'line-removed';

export interface ApplierDeps {
  store: TriageStore;
  decisions: Decisions;
  catalogue: CatalogueStore;
  /** The News channels now running (a candidate's messages on other platforms are left alone). */
  publishers: () => readonly NewsPublisher[];
  /** GIT_COMMIT: commit the list after each change when it is in a git work tree. */
  gitCommit: boolean;
  /** Hands a decision to the relevance scorer. */
  feedback?: (feedback: Feedback) => void;
  log: Logger;
  now: () => number;
  /** Test seam: called at each {@link DecisionStep}; the crash test kills the process there. */
  checkpoint?: (step: DecisionStep, candidateId: number) => void | Promise<void>;
}

export type ApproveResult =
  | { status: 'approved'; candidate: CandidateRecord; section: string[]; line: string; alreadyListed: boolean }
  /** Someone else decided first (or is deciding now): nothing was done. */
  | { status: 'not-pending'; candidate: CandidateRecord };

export type RejectResult = { status: 'rejected' | 'not-pending'; candidate: CandidateRecord };

export type UndoResult =
  | { status: 'reopened'; candidate: CandidateRecord; removedLine?: string }
  | { status: 'not-decided'; candidate: CandidateRecord };

export class DecisionApplier {
  constructor(private readonly deps: ApplierDeps) {}

  /**
   * Approves a pending candidate into `section` for `by`: writes its row (exactly one line, in
   * the table's own format), commits when configured, records the decision, then feeds the scorer
   * and edits the candidate's messages. Throws (leaving it pending) when the list cannot take it.
   */
  async approve(candidate: CandidateRecord, section: readonly string[], by: readonly string[]): Promise<ApproveResult> {
    const { decisions, store } = this.deps;
    if (!decisions.beginApproval(candidate.id, { section, by }, this.deps.now())) return { status: 'not-pending', candidate: store.candidate(candidate.id)! };
    await this.checkpoint('intent-recorded', candidate.id);
    let added;
    try {
      added = await addPaperToList(this.deps.catalogue, section, {
        arxivId: candidate.arxivId,
        title: candidate.title,
        url: arxivAbsUrl(candidate.arxivId),
        venue: venueFor(candidate),
        code: codeLinkFor(candidate),
      });
    } catch (err) {
      decisions.abandonApproval(candidate.id, this.deps.now());
      throw err;
    }
    await this.checkpoint('list-written', candidate.id);
    const alreadyListed = added.status === 'already-listed';
    if (!alreadyListed) await this.commit(`Add “${candidate.title}” (arXiv ${candidate.arxivId}) to ${section.join(' › ')}\n\nApproved by ${by.join(', ')}.`);
    return this.finishApproval(candidate, added.section, by, added.text, alreadyListed);
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
   * Undoes a decision: an approval's line is removed (exactly that line: the file is as before,
   * byte for byte, when nothing else changed since) and committed when configured; the candidate
   * is pending again. Votes cast before the undo no longer count.
   */
  async undo(candidate: CandidateRecord, by: readonly string[]): Promise<UndoResult> {
    const kind = this.deps.decisions.beginUndo(candidate.id, by, this.deps.now());
    if (!kind) return { status: 'not-decided', candidate: this.deps.store.candidate(candidate.id)! };
    if (kind === 'reopened') return this.finishUndo(candidate.id, by, undefined);
    await this.checkpoint('undo-recorded', candidate.id);
    let removed: string | undefined;
    try {
      removed = await this.removeLine(candidate);
    } catch (err) {
      this.deps.decisions.abandonUndo(candidate.id, this.deps.now());
      throw err;
    }
    await this.checkpoint('line-removed', candidate.id);
    if (removed) await this.commit(`Remove “${candidate.title}” (arXiv ${candidate.arxivId}) from ${candidate.decidedSection?.join(' › ') ?? 'the list'}\n\nApproval undone by ${by.join(', ')}.`);
    return this.finishUndo(candidate.id, by, removed);
  }

  /**
   * Settles what a crash left half-way. `approving`: the line is in the list → the approval is
   * finished (committed, recorded, announced); it is not → back to pending (the votes that asked
   * for it still stand, so the next evaluation approves again). `undoing`: the line is removed if
   * still there, and the candidate is pending.
   */
  async recover(): Promise<void> {
    const { decisions, catalogue, log } = this.deps;
    for (const c of decisions.inFlight()) {
      try {
        if (c.status === 'approving') {
          const entry = catalogue.catalogue.entries.find((e) => e.arxivId === c.arxivId);
          if (entry) {
            log.info('triage: finishing an approval a restart interrupted (the list has the line)', { candidate: c.id, arxivId: c.arxivId });
            await this.commit(`Add “${c.title}” (arXiv ${c.arxivId}) to ${entry.section.join(' › ')}\n\nApproved by ${(c.decidedBy ?? []).join(', ')}.`);
            await this.finishApproval(c, entry.section, c.decidedBy ?? [], catalogue.catalogue.lineText(entry.line) ?? '', false);
          } else {
            log.info('triage: rolling back an approval a restart interrupted (the list was not written)', { candidate: c.id, arxivId: c.arxivId });
            decisions.abandonApproval(c.id, this.deps.now());
          }
        } else if (c.status === 'undoing') {
          log.info('triage: finishing an undo a restart interrupted', { candidate: c.id, arxivId: c.arxivId });
          const removed = await this.removeLine(c);
          if (removed) await this.commit(`Remove “${c.title}” (arXiv ${c.arxivId}) from ${c.decidedSection?.join(' › ') ?? 'the list'}\n\nApproval undone.`);
          const undo = decisions.history(c.id).findLast((d) => d.action === 'undo');
          await this.finishUndo(c.id, undo?.by ?? [], removed);
        }
      } catch (err) {
        log.error('triage: could not settle an interrupted decision; it stays as it is until the next start', { candidate: c.id, error: (err as Error)?.message ?? String(err) });
      }
    }
  }

  private async finishApproval(candidate: CandidateRecord, section: readonly string[], by: readonly string[], line: string, alreadyListed: boolean): Promise<ApproveResult> {
    // An already-listed paper gets no line to undo: undo must never remove a row triage did not write.
    this.deps.decisions.completeApproval(candidate.id, alreadyListed ? undefined : line, section, this.deps.now());
    await this.checkpoint('decision-recorded', candidate.id);
    const decided = this.deps.store.candidate(candidate.id)!;
    this.feedback(decided, 'approved');
    await this.editMessages(decided, { kind: 'approved', by, section, line });
    this.deps.log.info('triage: approved', { candidate: candidate.id, arxivId: candidate.arxivId, section: section.join(' › '), by, alreadyListed });
    return { status: 'approved', candidate: decided, section: [...section], line, alreadyListed };
  }

  private async finishUndo(id: number, by: readonly string[], removedLine: string | undefined): Promise<UndoResult> {
    this.deps.decisions.completeUndo(id, this.deps.now());
    const reopened = this.deps.store.candidate(id)!;
    await this.editMessages(reopened, { kind: 'reopened', by });
    this.deps.log.info('triage: decision undone', { candidate: id, by, removedLine: removedLine ?? null });
    return { status: 'reopened', candidate: reopened, ...(removedLine !== undefined && { removedLine }) };
  }

  /** Removes the line an approval added; resolves with it, or undefined when it is not there. */
  private async removeLine(c: CandidateRecord): Promise<string | undefined> {
    if (!c.decidedLine || !c.decidedSection) return undefined;
    return (await removeLineFromList(this.deps.catalogue, { section: c.decidedSection, text: c.decidedLine })) ? c.decidedLine : undefined;
  }

  /** Edits every posted message about the candidate, on each platform that is running. */
  async editMessages(candidate: CandidateRecord, outcome: Outcome): Promise<void> {
    const reply = outcomeReply(candidate, outcome);
    for (const entry of this.deps.store.messagesFor(candidate.id)) {
      if (entry.kind !== 'candidate' || !entry.message) continue;
      const publisher = this.deps.publishers().find((p) => p.platform === entry.platform);
      if (!publisher) continue;
      try {
        await publisher.edit(entry.message, reply);
      } catch (err) {
        this.deps.log.warn('triage: could not edit a candidate message with the outcome', { candidate: candidate.id, platform: entry.platform, error: (err as Error)?.message ?? String(err) });
      }
    }
  }

  private feedback(c: CandidateRecord, decision: 'approved' | 'rejected') {
    try {
      this.deps.feedback?.({ arxivId: c.arxivId, title: c.title, abstract: c.abstract, decision, ...(decision === 'approved' && c.decidedSection && { section: c.decidedSection }) });
    } catch (err) {
      this.deps.log.warn('triage: the scorer did not take the feedback', { candidate: c.id, error: (err as Error)?.message ?? String(err) });
    }
  }

  private async commit(message: string): Promise<void> {
    const file = this.deps.catalogue.file;
    if (!this.deps.gitCommit) return;
    if (!(await inGitWorkTree(file))) {
      this.deps.log.warn('triage: GIT_COMMIT=true but the list is not in a git work tree; not committing', { file });
      return;
    }
    try {
      await commitFile(file, message);
    } catch (err) {
      // The list is written and the decision stands; only the commit is missing.
      this.deps.log.warn((err as Error).message, { file });
    }
  }

  private async checkpoint(step: DecisionStep, id: number) {
    await this.deps.checkpoint?.(step, id);
  }
}

/**
 * Triage as one service: reactions on candidate messages (from every platform's News publisher)
 * and the `/vlm triage` commands become decisions, applied to the list exactly once.
 *
 * - A reaction is mapped to its candidate through the outbox (platform, channel, message). The
 *   bot's own reactions, reactions that are not votes and non-maintainers' reactions are ignored.
 * - Votes are recorded keyed (candidate, platform, user, vote): a replayed event changes nothing;
 *   removing a reaction withdraws the vote. The rule is in votes.ts.
 * - Everything that changes state runs one at a time, in arrival order (one queue per service);
 *   the state machine (decisions.ts) makes the decision exactly-once across processes as well.
 * - On start: settle what a crash left half-way, then reconcile — read the reactions on every open
 *   candidate's messages and apply what was missed — and again every `reconcileIntervalMs`.
 *
 * main.ts builds it with the database, the live list, the watch (to read and score suggested
 * papers, and to take the decisions as feedback) and the publishers of the enabled adapters;
 * commands see it as core's `Triage`.
 */
import { arxivIdFromText } from '../core/arxiv-id.js';
import type { CatalogueStore } from '../catalogue/store.js';
import type { SearchIndex } from '../search/search-index.js';
import type { Platform } from '../core/caller.js';
import { errorMessage, errorStack, UserError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { type NewsPublisher, type PostedMessage, type ReactionEvent, type Vote, VOTE_EMOJI, VOTE_REACTIONS } from '../core/publisher.js';
import type { Reply } from '../core/reply.js';
import type { Database } from '../db/database.js';
import { need, OFF, type SuggestOutcome, type Triage } from '../core/services.js';
import { localDay } from '../arxiv/calendar.js';
import type { FeedPaper } from '../arxiv/paper.js';
import type { Feedback } from '../relevance/score.js';
import { type ApplierDeps, type ApproveResult, DecisionApplier, type RejectResult, type UndoResult } from './apply-decision.js';
import { Decisions } from './decisions.js';
import { DisplayNames } from './display-names.js';
import { candidateReply } from './candidate-message.js';
import { Outbox, OutboxStore } from './outbox.js';
import { syncVotes } from './reconcile.js';
import { canTake, resolveSection, suggestedTarget } from './target-section.js';
import { type CandidateRecord, TriageStore } from './store.js';
import type { Assessment } from '../core/services.js';
import { tallyVotes } from './votes.js';

/** Default time between two reconciliations (ms): RECONCILE_INTERVAL_MS. */
export const DEFAULT_RECONCILE_INTERVAL_MS = 5 * 60_000;

/**
 * Reconciliation reads the candidates of the last two weeks. Reading every message ever posted
 * every few minutes would grow without bound (and meet the platforms' rate limits); older
 * candidates are still decided by live reactions and by `/vlm triage`.
 */
export const DEFAULT_RECONCILE_WINDOW_MS = 14 * 86_400_000;

export interface TriageServiceOptions {
  /** curator.db (shared with the watch, which closes it). */
  db: Database;
  /** The live list that approvals write into; a suggestion is looked up in its index. */
  catalogue: CatalogueStore<Pick<SearchIndex, 'byArxivId' | 'byTitle'>>;
  /** News channels (more can be added with {@link TriageService.addPublisher}). */
  publishers?: readonly NewsPublisher[];
  /** APPROVALS_REQUIRED: distinct maintainers whose ✅ approve. */
  approvalsRequired: number;
  /** GIT_COMMIT: commit the list after each approval and undo (when it is in a git work tree). */
  gitCommit: boolean;
  /** Time between reconciliations; 0 = only at start. Default 5 minutes. */
  reconcileIntervalMs?: number;
  /** Reconcile candidates created this recently (ms). Default two weeks. */
  reconcileWindowMs?: number;
  /** TZ: the day a suggestion is posted on (the outbox key). */
  timezone?: string;
  /** Hands each decision to the relevance scorer. */
  feedback?: (feedback: Feedback) => void;
  /** Where a suggested paper is read and scored (the arXiv watch); without it `suggest` is refused. */
  papers?: PaperSource;
  log: Logger;
  now?: () => number;
  /** Told of each recorded decision that changed the list (publish's outbox; see apply-decision.ts). */
  onListChange?: ApplierDeps['onListChange'];
  /** Test seam for the crash test (see apply-decision.ts). */
  checkpoint?: ApplierDeps['checkpoint'];
}

/** Reads and scores one arXiv paper (the WatchService is one). */
export interface PaperSource {
  fetchPaper(id: string): Promise<FeedPaper>;
  /** Its score with sections and reasons, even below the threshold (a suggested paper is posted whatever its score). */
  assess(paper: FeedPaper): Promise<Assessment>;
}

/** What a reconciliation run did. */
export interface ReconcileReport {
  /** Open candidates looked at. */
  candidates: number;
  votesAdded: number;
  votesWithdrawn: number;
  /** Messages whose reactions could not be read (logged). */
  failures: number;
}

export class TriageService implements Triage {
  readonly store: TriageStore;
  readonly outbox: OutboxStore;
  readonly decisions: Decisions;
  private readonly applier: DecisionApplier;
  /** Deciders by name (approval notes, `triage` replies). */
  private readonly names: DisplayNames;
  private readonly publishers: NewsPublisher[];
  private readonly unsubscribe = new Map<NewsPublisher, () => void>();
  private readonly now: () => number;
  private queue: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private reconciling?: Promise<ReconcileReport>;
  private started = false;
  /** Candidates whose "cannot add" note is already on their messages (not repeated every reconciliation). */
  private readonly noted = new Set<string>();

  constructor(private readonly options: TriageServiceOptions) {
    this.store = new TriageStore(options.db);
    this.outbox = new OutboxStore(options.db);
    this.decisions = new Decisions(this.store);
    this.publishers = [...(options.publishers ?? [])];
    this.now = monotonic(options.now ?? Date.now);
    this.names = new DisplayNames(() => this.publishers);
    this.applier = new DecisionApplier({
      store: this.store,
      outbox: this.outbox,
      decisions: this.decisions,
      catalogue: options.catalogue,
      publishers: () => this.publishers,
      names: this.names,
      gitCommit: options.gitCommit,
      feedback: options.feedback,
      log: options.log,
      now: this.now,
      onListChange: options.onListChange,
      checkpoint: options.checkpoint,
    });
  }

  /** Adds a News channel; once started, its reactions are followed at once. */
  addPublisher(publisher: NewsPublisher): void {
    if (this.publishers.includes(publisher)) return;
    this.publishers.push(publisher);
    if (this.started) this.subscribe(publisher);
  }

  /**
   * Follows reactions, settles decisions a crash interrupted, reconciles once and schedules the
   * next reconciliations. Resolves after the first reconciliation.
   */
  async start(): Promise<ReconcileReport> {
    if (this.started) return this.reconcile();
    this.started = true;
    // Queued first: reactions and commands that arrive meanwhile wait until the list and the database agree.
    const recovered = this.serial(() => this.applier.recover());
    for (const p of this.publishers) this.subscribe(p);
    await recovered;
    const report = await this.reconcile();
    const every = this.options.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
    if (every > 0 && this.started) {
      this.timer = setInterval(() => {
        this.reconcile().catch((err: unknown) => this.options.log.error('triage: reconciliation failed', { error: errorStack(err) }));
      }, every);
      this.timer.unref();
    }
    return report;
  }

  /** Stops following reactions and reconciling; resolves when work under way has finished. */
  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.timer);
    this.timer = undefined;
    for (const off of this.unsubscribe.values()) off();
    this.unsubscribe.clear();
    await this.reconciling;
    await this.idle();
  }

  /** Resolves when every queued state change has been applied. */
  async idle(): Promise<void> {
    for (let seen; seen !== this.queue; ) {
      seen = this.queue;
      await seen;
    }
  }

  /**
   * Handles one reaction event (what each publisher's `onReaction` delivers). Never rejects:
   * failures are logged.
   */
  handleReaction(event: ReactionEvent): Promise<void> {
    if (event.isSelf || !event.vote || !event.isMaintainer) return Promise.resolve();
    const vote = event.vote;
    return this.serial(async () => {
      const id = this.outbox.candidateIdFor(event.platform, event.channelId, event.messageId);
      const candidate = id === undefined ? undefined : this.store.candidate(id);
      if (!candidate) return;
      // Recorded whatever the state: a reaction removed after a decision must not linger as a vote if the decision is undone.
      this.store.setVote({ candidateId: candidate.id, platform: event.platform, userId: event.userId, vote }, event.added, this.now());
      if (candidate.status === 'pending' || candidate.status === 'approving' || candidate.status === 'undoing') await this.evaluate(candidate.id);
    }).catch((err: unknown) => this.options.log.error('triage: a reaction could not be applied', { platform: event.platform, message: event.messageId, error: errorStack(err) }));
  }

  /**
   * Reads the reactions on the messages of every open candidate of the reconcile window (on the
   * platforms running), records
   * the maintainers' votes that were missed, withdraws votes whose reaction is gone, and applies
   * what the votes now decide. One run at a time; a run asked for during another joins it.
   */
  reconcile(): Promise<ReconcileReport> {
    this.reconciling ??= this.reconcileOnce().finally(() => (this.reconciling = undefined));
    return this.reconciling;
  }

  // --- commands ---

  /** How `platform:user` voter ids appear to people (names from their platform). */
  displayNames(voterIds: readonly string[]): Promise<string[]> {
    return this.names.of(voterIds);
  }

  /** Open candidates, best first. */
  pending(): CandidateRecord[] {
    return this.store.candidatesWithStatus('pending');
  }

  /** `12`, `#12` (candidate id) or an arXiv id / URL. Throws a UserError naming what was not found. */
  find(ref: string): CandidateRecord {
    const text = ref.trim().replace(/^#/, '');
    const byId = /^\d{1,9}$/.test(text) ? this.store.candidate(Number(text)) : undefined;
    if (byId) return byId;
    const byArxiv = this.store.candidateByArxivId(text) ?? this.store.candidateByArxivId(arxivIdFromText(text) ?? '');
    if (byArxiv) return byArxiv;
    throw new UserError('no-candidate', `There is no candidate “${ref}”. Use a number from \`pending\` or the paper's arXiv id.`);
  }

  /** Approves a candidate into the section named (rank, name or path; default the best suggestion). */
  approve(ref: string, section: string | undefined, by: string): Promise<ApproveResult> {
    return this.serial(async () => {
      const c = await this.settled(this.find(ref));
      if (c.status !== 'pending') return { status: 'not-pending' as const, candidate: c };
      return this.applier.approve(c, resolveSection(section, c, this.options.catalogue.catalogue), [by]);
    });
  }

  reject(ref: string, by: string): Promise<RejectResult> {
    return this.serial(async () => this.applier.reject(await this.settled(this.find(ref)), [by]));
  }

  /** Undoes an approval (removing exactly its line) or a rejection; the candidate is pending again. */
  undo(ref: string, by: string): Promise<UndoResult> {
    return this.serial(async () => this.applier.undo(await this.settled(this.find(ref)), [by]));
  }

  /**
   * Finishes or rolls back the decisions a crashed process left half-way (see apply-decision.ts).
   * Every entry point that opens the state calls it first; cheap when there is nothing to settle.
   */
  recover(): Promise<void> {
    return this.serial(() => this.applier.recover());
  }

  /**
   * A paper someone suggested (`/vlm suggest`): unless the list or triage has it already, it is read
   * from arXiv and scored (outside the queue: a slow arXiv holds up no decision), then added and posted.
   */
  async suggest(arxivId: string, by: string): Promise<SuggestOutcome> {
    const { catalogue } = this.options;
    const listed = catalogue.index.byArxivId(arxivId)[0];
    if (listed) return { status: 'listed', title: listed.title, sections: listed.sections };
    const known = this.store.candidateByArxivId(arxivId);
    if (known) return { status: 'known', candidate: known };
    const papers = need(this.options.papers, OFF.watch);
    const paper = await papers.fetchPaper(arxivId);
    // Entries linked through a venue PDF have no arXiv id: the title finds them.
    const byTitle = catalogue.index.byTitle(paper.title)[0];
    if (byTitle) return { status: 'listed', title: byTitle.title, sections: byTitle.sections };
    const { candidate, posted } = await this.addSuggestion(paper, await papers.assess(paper), by);
    return { status: 'added', candidate, posted };
  }

  /**
   * Adds a paper someone suggested as a candidate and posts it (with the vote reactions) to every
   * enabled News channel, once. `created` is false when it already was a candidate (nothing posted).
   */
  private addSuggestion(paper: FeedPaper, assessment: Assessment, by: string): Promise<{ candidate: CandidateRecord; created: boolean; posted: Platform[] }> {
    return this.serial(async () => {
      const now = this.now();
      const { candidate, created } = this.store.addCandidate(paper, assessment, 'suggest', now);
      const posted: Platform[] = [];
      if (!created) return { candidate, created, posted };
      const day = localDay(now, this.options.timezone ?? 'UTC');
      for (const publisher of this.publishers.filter((p) => p.enabled)) {
        const outbox = new Outbox(this.outbox, publisher, day, this.now, this.options.log);
        try {
          const header = await outbox.send({ kind: 'digest-header', candidateId: candidate.id }, () => publisher.post(suggestionHeader(by)));
          const message = header && (await outbox.send({ kind: 'candidate', candidateId: candidate.id }, () => publisher.postInThread(header, candidateReply(candidate), VOTE_REACTIONS)));
          if (message) posted.push(publisher.platform);
        } catch (err) {
          this.options.log.warn('triage: could not post a suggested paper', { platform: publisher.platform, candidate: candidate.id, error: errorMessage(err) });
        }
      }
      if (posted.length) this.decisions.markPostedAlone(candidate.id, day);
      return { candidate, created, posted };
    });
  }

  // --- internals ---

  private subscribe(publisher: NewsPublisher) {
    if (this.unsubscribe.has(publisher)) return;
    this.unsubscribe.set(publisher, publisher.onReaction((event) => void this.handleReaction(event)));
  }

  private async reconcileOnce(): Promise<ReconcileReport> {
    const report: ReconcileReport = { candidates: 0, votesAdded: 0, votesWithdrawn: 0, failures: 0 };
    const maintainers = new Map<string, Promise<boolean>>();
    const since = this.now() - (this.options.reconcileWindowMs ?? DEFAULT_RECONCILE_WINDOW_MS);
    for (const c of this.pending().filter((x) => x.createdAt >= since)) {
      report.candidates++;
      for (const [publisher, messages] of this.messagesByPublisher(c.id)) {
        try {
          // In the queue with the fetch: a reaction event that arrives meanwhile is applied after this snapshot, not before.
          const r = await this.serial(async () => syncVotes(this.store, publisher, c.id, messages, this.now(), maintainers));
          report.votesAdded += r.added;
          report.votesWithdrawn += r.withdrawn;
        } catch (err) {
          report.failures++;
          this.options.log.warn('triage: could not read the reactions of a candidate message; trying again at the next reconciliation', { candidate: c.id, platform: publisher.platform, error: errorMessage(err) });
        }
      }
      await this.serial(() => this.evaluate(c.id)).catch((err: unknown) => this.options.log.error('triage: could not apply the votes of a candidate', { candidate: c.id, error: errorStack(err) }));
    }
    if (report.votesAdded || report.votesWithdrawn || report.failures) this.options.log.info('triage: reconciled reactions', { ...report });
    return report;
  }

  /** A candidate's posted messages, grouped by the running publisher of their platform. */
  private messagesByPublisher(candidateId: number): Map<NewsPublisher, PostedMessage[]> {
    const groups = new Map<NewsPublisher, PostedMessage[]>();
    for (const entry of this.outbox.messagesFor(candidateId)) {
      const publisher = this.publishers.find((p) => p.platform === entry.platform);
      if (entry.kind !== 'candidate' || !entry.message || !publisher) continue;
      groups.set(publisher, [...(groups.get(publisher) ?? []), entry.message]);
    }
    return groups;
  }

  /**
   * The candidate, with a decision a crashed process left half-way settled first: approving or
   * undoing is otherwise never seen outside the list lock (the live process holds it throughout).
   */
  private async settled(c: CandidateRecord): Promise<CandidateRecord> {
    if (c.status !== 'approving' && c.status !== 'undoing') return c;
    await this.applier.recover();
    return this.store.candidate(c.id)!;
  }

  /** Applies what the counted votes of a pending candidate decide, if anything. Runs in the queue. */
  private async evaluate(id: number): Promise<void> {
    const found = this.store.candidate(id);
    const c = found && (await this.settled(found));
    if (c?.status !== 'pending') return;
    const verdict = tallyVotes(this.decisions.countedVotes(id), this.options.approvalsRequired);
    if (verdict.action === 'reject') {
      await this.applier.reject(c, verdict.by);
      return;
    }
    if (verdict.action !== 'approve') return;
    const catalogue = this.options.catalogue.catalogue;
    const section = suggestedTarget(c, catalogue, verdict.rank);
    if (!section || !canTake(catalogue, section)) {
      const what = verdict.rank ? `suggested section ${VOTE_EMOJI[`pick${verdict.rank}` as Vote].unicode}` : 'any of its suggested sections';
      await this.noteNotApplied(c, `the list has no table to write into at ${section ? section.join(' › ') : what}. Pick another section, or use \`/vlm triage approve ${c.id} <section>\`.`);
      return;
    }
    try {
      await this.applier.approve(c, section, verdict.by);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      await this.noteNotApplied(c, err.message);
    }
  }

  /** Says once on the candidate's messages why approving votes did not add it. */
  private async noteNotApplied(c: CandidateRecord, reason: string) {
    const key = `${c.id}\u0000${reason}`;
    this.options.log.warn('triage: approved by votes but not added', { candidate: c.id, reason });
    if (this.noted.has(key)) return;
    this.noted.add(key);
    await this.applier.editMessages(c, { kind: 'not-applied', reason });
  }

  /** Runs `fn` after everything queued before it. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** The header a suggested paper is posted under (its thread carries the candidate and the votes). */
function suggestionHeader(by: string): Reply {
  return {
    title: 'Suggested for the list',
    text: `Suggested by ${by}. React ${VOTE_EMOJI.approve.unicode} on the paper in this thread to add it, ${VOTE_EMOJI.reject.unicode} to drop it, ${VOTE_EMOJI.pick1.unicode} ${VOTE_EMOJI.pick2.unicode} ${VOTE_EMOJI.pick3.unicode} to pick its section.`,
  };
}

/**
 * A clock that never repeats a value: a vote recorded in the same millisecond as an undo must
 * still count as cast after it.
 */
function monotonic(now: () => number): () => number {
  let last = -Infinity;
  return () => (last = Math.max(now(), last + 1));
}

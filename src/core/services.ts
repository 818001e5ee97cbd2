/**
 * The capabilities beyond the catalogue that a command may use, declared here so that commands
 * import only core; the services implement them (watch/watch-service.ts, triage/triage-service.ts,
 * triage/store.ts). main.ts wires the running ones onto every CommandContext; a field is absent
 * when the bot runs without it, and a command then answers "not enabled" with {@link need}.
 */
import type { Platform } from './caller.js';
import { UserError } from './errors.js';

/** A table section of the list a paper may belong in (its heading path), best first. */
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

export type CandidateStatus = 'pending' | 'approved' | 'rejected';

/**
 * A candidate's state, including the two transitional ones triage records before it touches the
 * list file (see triage/decisions.ts): `approving` (the line is being written) and `undoing`
 * (removed). Found at start-up, they mean a crash mid-change; triage finishes or rolls them back.
 */
export type TriageStatus = CandidateStatus | 'approving' | 'undoing';

/** How many suggested sections a candidate message numbers (1️⃣ 2️⃣ 3️⃣, the pick votes). */
export const MAX_RANK = 3;

/** A candidate paper as commands show it (triage's CandidateRecord is one). */
export interface Candidate extends Assessment {
  /** Small integer maintainers type: `/vlm triage approve 12`. */
  id: number;
  arxivId: string;
  title: string;
  link: string;
  status: TriageStatus;
  createdAt: number;
  /** Its place in the digest that covered it (undefined: not shown). */
  digestRank?: number;
  /** `platform:user` ids. */
  decidedBy?: string[];
  decidedSection?: string[];
}

/** The text of an arXiv paper (arxiv/paper.ts's FeedPaper is one). */
export interface PaperText {
  arxivId: string;
  title: string;
  abstract: string;
}

/** The arXiv watch, as commands use it. */
export interface Watch {
  /** Candidates found in the last `days` days, newest first. */
  recentCandidates(days: number): Candidate[];
  /** One paper from the arXiv API (or the candidates); a UserError when arXiv cannot be read. */
  fetchPaper(id: string): Promise<PaperText>;
}

export type ApproveOutcome =
  | { status: 'approved'; candidate: Candidate; section: string[]; line: string; alreadyListed: boolean }
  /** Someone else decided first (or is deciding now): nothing was done. */
  | { status: 'not-pending'; candidate: Candidate };

export type RejectOutcome = { status: 'rejected' | 'not-pending'; candidate: Candidate };

export type UndoOutcome = { status: 'reopened'; candidate: Candidate; removedLine?: string } | { status: 'not-decided'; candidate: Candidate };

export type SuggestOutcome =
  /** The list has the paper (by arXiv id, or by title for entries linked through a venue PDF). */
  | { status: 'listed'; title: string; sections: string[][] }
  /** It is a candidate already. */
  | { status: 'known'; candidate: Candidate }
  | { status: 'added'; candidate: Candidate; posted: Platform[] };

/**
 * Triage, as commands use it. `ref` is a candidate's number (`12`, `#12`) or its arXiv id / URL
 * (a UserError names what was not found); `by` is the deciding voter (core/caller.ts `voterId`).
 */
export interface Triage {
  /** Open candidates, best first. */
  pending(): Candidate[];
  /** How `platform:user` voter ids appear to people: their names on that platform, when it can say. */
  displayNames(voterIds: readonly string[]): Promise<string[]>;
  /** Approves into the section named (a rank 1-3, a name or a path; default the best suggestion). */
  approve(ref: string, section: string | undefined, by: string): Promise<ApproveOutcome>;
  reject(ref: string, by: string): Promise<RejectOutcome>;
  /** Undoes an approval (removing exactly its line) or a rejection; the candidate is pending again. */
  undo(ref: string, by: string): Promise<UndoOutcome>;
  /** Reads, scores, adds and posts an arXiv paper someone suggested, unless the list or triage has it. */
  suggest(arxivId: string, by: string): Promise<SuggestOutcome>;
}

/** What the relevance model has learned from maintainers' decisions (watch/watch-service.ts). */
export interface RelevanceLearning {
  /** Decisions the model in use learned from (0: the shipped model as it is). */
  learnedFrom: number;
  /** Decisions in the database now. */
  decided: number;
  /** When it last learned (ms since the epoch). */
  learnedAt?: number;
  /** The newest update was learned on another model (an upgrade shipped a new one): retrain to apply it. */
  stale: boolean;
}

/** Numbers for `/vlm stats` beyond the list's own. */
export interface Stats {
  candidateCounts(): Record<CandidateStatus, number>;
  /** Absent when the watch does not run. */
  relevanceLearning?(): RelevanceLearning;
}

/** The optional capabilities on a CommandContext; main.ts sets the ones that run. */
export interface Services {
  watch?: Watch;
  triage?: Triage;
  stats?: Stats;
}

/** What a command tells its user when a capability it needs is not running. */
export const OFF = {
  watch: { code: 'watch-off', message: 'The arXiv watch is not running, so there are no candidates to show.' },
  triage: { code: 'triage-off', message: 'Triage is not running here (it runs with the bot: `npm start`).' },
} as const;

/** The capability, or the UserError `off` when the bot runs without it. */
export function need<T>(service: T | undefined, off: { code: string; message: string }): T {
  if (service === undefined) throw new UserError(off.code, off.message);
  return service;
}

/**
 * The voting rule, as a pure function of the votes recorded for one candidate.
 *
 * - Only maintainers' votes are ever recorded (the event handler and reconciliation drop the rest),
 *   so every row here counts.
 * - A voter is `platform:userId`. The same person on Discord and on Slack has two ids and counts
 *   twice: the platforms share no identity, and pretending otherwise would need a mapping nobody
 *   maintains. With APPROVALS_REQUIRED=1 (the default) this makes no difference.
 * - One ❌ rejects, and wins over any number of ✅ (when both stand at once, e.g. found together by
 *   reconciliation, the cautious outcome writes nothing).
 * - ✅ from `approvalsRequired` distinct voters approves.
 * - 1️⃣ 2️⃣ 3️⃣ choose the suggested section of that rank; the most recent pick wins; without one,
 *   the target is the best suggestion that can take the paper (see target-section.ts).
 */
import { voterId } from '../core/caller.js';
import type { Vote } from '../core/publisher.js';
import type { VoteRow } from './store.js';

export type Verdict =
  | { action: 'approve'; by: string[]; rank?: number }
  | { action: 'reject'; by: string[] }
  | { action: 'none'; approvals: number; rank?: number };

const PICK_RANK: Partial<Record<Vote, number>> = { pick1: 1, pick2: 2, pick3: 3 };

/** What the votes decide. Voters are listed in the order they voted. */
export function tallyVotes(votes: readonly VoteRow[], approvalsRequired: number): Verdict {
  const ordered = [...votes].sort((a, b) => a.castAt - b.castAt);
  const of = (vote: Vote) => [...new Set(ordered.filter((v) => v.vote === vote).map(voterId))];
  const rejecters = of('reject');
  if (rejecters.length) return { action: 'reject', by: rejecters };
  const lastPick = ordered.filter((v) => PICK_RANK[v.vote] !== undefined).at(-1);
  const rank = lastPick ? PICK_RANK[lastPick.vote] : undefined;
  const approvers = of('approve');
  if (approvers.length >= approvalsRequired) return { action: 'approve', by: approvers, ...(rank !== undefined && { rank }) };
  return { action: 'none', approvals: approvers.length, ...(rank !== undefined && { rank }) };
}

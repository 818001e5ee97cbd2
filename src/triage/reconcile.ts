/**
 * Reconciliation: the reactions on a candidate's messages, as the platform reports them now, are
 * the truth about votes. Votes cast while the bot was down (or events it lost) are recorded, and
 * recorded votes whose reaction is gone are withdrawn. Only maintainers' vote reactions count.
 */
import type { Platform } from '../core/caller.js';
import type { NewsPublisher, PostedMessage, Vote } from '../core/publisher.js';
import type { TriageStore } from './store.js';

export interface SyncResult {
  added: number;
  withdrawn: number;
}

/**
 * Makes the recorded votes of `candidateId` on `publisher`'s platform equal to the maintainers'
 * vote reactions on `messages` (all of that candidate's messages on that platform). `isMaintainer`
 * answers are cached in `maintainers` across calls of one reconciliation run.
 */
export async function syncVotes(
  store: TriageStore,
  publisher: NewsPublisher,
  candidateId: number,
  messages: readonly PostedMessage[],
  now: number,
  maintainers: Map<string, Promise<boolean>> = new Map(),
): Promise<SyncResult> {
  const present = new Map<string, { userId: string; vote: Vote }>();
  for (const message of messages) {
    for (const reaction of await publisher.reactions(message)) {
      if (!reaction.vote) continue;
      for (const userId of reaction.userIds) {
        const key = `${publisher.platform}:${userId}`;
        if (!maintainers.has(key)) maintainers.set(key, publisher.isMaintainer(userId));
        if (await maintainers.get(key)!) present.set(voteKey(userId, reaction.vote), { userId, vote: reaction.vote });
      }
    }
  }
  const platform: Platform = publisher.platform;
  const result: SyncResult = { added: 0, withdrawn: 0 };
  store.transaction(() => {
    const recorded = store.votes(candidateId).filter((v) => v.platform === platform);
    for (const v of recorded) {
      if (!present.delete(voteKey(v.userId, v.vote)) && store.setVote(v, false, now)) result.withdrawn++;
    }
    for (const v of present.values()) if (store.setVote({ candidateId, platform, ...v }, true, now)) result.added++;
  });
  return result;
}

function voteKey(userId: string, vote: Vote): string {
  return `${userId}\u0000${vote}`;
}

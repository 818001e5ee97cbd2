import type { Platform } from './caller.js';
import type { Reply } from './reply.js';

/** A message the bot posted, as each platform addresses it. Stored in the outbox. */
export interface PostedMessage {
  platform: Platform;
  /** Discord channel id / Slack channel id / `console`. */
  channelId: string;
  /** Discord message id / Slack message `ts`. */
  messageId: string;
  /** The parent message when posted in a thread (Discord thread channel id or Slack `thread_ts`). */
  threadId?: string;
}

/** What a reaction means to the bot, whatever the platform calls the emoji. */
export type Vote = 'approve' | 'reject' | 'pick1' | 'pick2' | 'pick3';

/** The reactions the bot adds to a candidate message as affordances, in order. */
export const VOTE_REACTIONS: readonly Vote[] = ['approve', 'reject', 'pick1', 'pick2', 'pick3'];

/** Discord/console emoji and Slack reaction names for each vote. */
export const VOTE_EMOJI: Record<Vote, { unicode: string; slack: string }> = {
  approve: { unicode: '✅', slack: 'white_check_mark' },
  reject: { unicode: '❌', slack: 'x' },
  pick1: { unicode: '1️⃣', slack: 'one' },
  pick2: { unicode: '2️⃣', slack: 'two' },
  pick3: { unicode: '3️⃣', slack: 'three' },
};

/** `✅` or `white_check_mark` → 'approve'; anything else → undefined. */
export function voteFromEmoji(emoji: string): Vote | undefined {
  const e = emoji.replace(/^:|:$/g, '').replace(/\uFE0F/g, '');
  for (const [vote, names] of Object.entries(VOTE_EMOJI) as [Vote, { unicode: string; slack: string }][]) {
    if (e === names.unicode.replace(/\uFE0F/g, '') || e === names.slack) return vote;
  }
  if (e === 'heavy_check_mark' || e === '✔') return 'approve';
  return undefined;
}

/** A reaction added or removed on a message, as an adapter reports it. */
export interface ReactionEvent {
  platform: Platform;
  channelId: string;
  messageId: string;
  userId: string;
  /** Raw emoji (unicode or Slack name). */
  emoji: string;
  vote?: Vote;
  added: boolean;
  /** The adapter decided from its config (roles / user ids). */
  isMaintainer: boolean;
  /** Reactions by the bot itself are ignored by triage. */
  isSelf: boolean;
  /** Platform event id when there is one (Slack `event_id`), for dedupe. */
  eventId?: string;
}

/**
 * How the digest and triage talk to a News channel, implemented by each platform adapter
 * (and by the console, which prints). Every call sends with mentions disabled and text escaped.
 */
export interface NewsPublisher {
  readonly platform: Platform;
  /** Whether a News channel is configured for this platform. */
  readonly enabled: boolean;
  /** Posts a top-level message to the News channel. */
  post(reply: Reply): Promise<PostedMessage>;
  /**
   * Posts a reply in the thread of `parent` and adds `reactions` (in order) as affordances. Once
   * the message is posted this resolves: a reaction that cannot be added is logged, not thrown,
   * because a caller that saw a failure would post the message again (maintainers can still react).
   */
  postInThread(parent: PostedMessage, reply: Reply, reactions?: readonly Vote[]): Promise<PostedMessage>;
  /** Replaces the content of a posted message. */
  edit(message: PostedMessage, reply: Reply): Promise<void>;
  /** Who currently reacted with what (for reconciliation after downtime); excludes the bot itself. */
  reactions(message: PostedMessage): Promise<{ emoji: string; vote?: Vote; userIds: string[] }[]>;
  /** Subscribes to reactions on any message; returns an unsubscribe function. */
  onReaction(listener: (event: ReactionEvent) => void): () => void;
  /** Whether a user counts as a maintainer on this platform (for reconciliation). */
  isMaintainer(userId: string): Promise<boolean>;
  /** How people see the user on this platform (nickname, display name); undefined when it cannot say. Callers cache. */
  displayName?(userId: string): Promise<string | undefined>;
}

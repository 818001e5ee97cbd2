import type { App } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import { type NewsPublisher, type PostedMessage, type ReactionEvent, type Vote, VOTE_EMOJI, voteFromEmoji } from '../../core/publisher.js';
import type { Reply } from '../../core/reply.js';
import type { SlackMaintainers } from './caller.js';
import { renderReply } from './render.js';
import { errorMessage, errorStack } from '../../core/errors.js';

type WebClient = App['client'];

/** What the News publisher needs besides the Web API client. */
export interface SlackPublisherOptions {
  /** `SLACK_NEWS_CHANNEL`: a channel id (`C…`) or name; undefined disables posting. */
  newsChannel?: string;
  /** The bot's own user id (from `auth.test`): its reactions are affordances, not votes. */
  botUserId: string;
  maintainers: SlackMaintainers;
  log: Logger;
}

/** One reaction on a message, as Slack's `reactions.get` returns it. */
interface SlackReaction {
  name?: string;
  users?: string[];
}

/**
 * The News channel on Slack. Messages are rendered like command replies (escaped Block Kit, no
 * link unfurling), candidates go in the digest's thread with the vote reactions added by the bot,
 * and `reaction_added`/`reaction_removed` events arrive through `emit` (wired by the adapter).
 * Slack has no "allowed mentions" switch: inertness comes from escaping every text (render.ts).
 */
export class SlackNewsPublisher implements NewsPublisher {
  readonly platform = 'slack' as const;
  private readonly listeners = new Set<(event: ReactionEvent) => void>();

  constructor(
    private readonly client: WebClient,
    private readonly options: SlackPublisherOptions,
  ) {}

  get enabled(): boolean {
    return Boolean(this.options.newsChannel);
  }

  /** The bot's own user id. */
  get botUserId(): string {
    return this.options.botUserId;
  }

  async post(reply: Reply): Promise<PostedMessage> {
    const channel = this.options.newsChannel;
    if (!channel) throw new Error('slack: no News channel is configured (set SLACK_NEWS_CHANNEL)');
    const res = await this.client.chat.postMessage({ channel, ...renderReply(reply), unfurl_links: false, unfurl_media: false });
    // Slack answers with the channel id even when we addressed it by name; the id is what later calls need.
    return { platform: 'slack', channelId: res.channel ?? channel, messageId: requireTs(res.ts) };
  }

  async postInThread(parent: PostedMessage, reply: Reply, reactions: readonly Vote[] = []): Promise<PostedMessage> {
    const threadTs = parent.threadId ?? parent.messageId;
    const res = await this.client.chat.postMessage({
      channel: parent.channelId,
      thread_ts: threadTs,
      ...renderReply(reply),
      unfurl_links: false,
      unfurl_media: false,
    });
    const posted: PostedMessage = { platform: 'slack', channelId: res.channel ?? parent.channelId, messageId: requireTs(res.ts), threadId: threadTs };
    // In order, one at a time, so the affordances appear as ✅ ❌ 1️⃣ 2️⃣ 3️⃣.
    try {
      for (const vote of reactions) await this.addReaction(posted, VOTE_EMOJI[vote].slack);
    } catch (err) {
      this.options.log.warn('slack: posted, but could not add the vote reactions', { message: posted.messageId, error: errorMessage(err) });
    }
    return posted;
  }

  async edit(message: PostedMessage, reply: Reply): Promise<void> {
    await this.client.chat.update({ channel: message.channelId, ts: message.messageId, ...renderReply(reply) });
  }

  async reactions(message: PostedMessage): Promise<{ emoji: string; vote?: Vote; userIds: string[] }[]> {
    const res = await this.client.reactions.get({ channel: message.channelId, timestamp: message.messageId, full: true });
    const byEmoji = new Map<string, Set<string>>();
    for (const r of ((res.message as { reactions?: SlackReaction[] } | undefined)?.reactions ?? [])) {
      if (!r.name) continue;
      // `white_check_mark::skin-tone-3` is still ✅; merge tones so a user counts once per emoji.
      const emoji = baseEmoji(r.name);
      const users = byEmoji.get(emoji) ?? new Set<string>();
      for (const u of r.users ?? []) if (u !== this.options.botUserId) users.add(u);
      byEmoji.set(emoji, users);
    }
    return [...byEmoji]
      .filter(([, users]) => users.size > 0)
      .map(([emoji, users]) => ({ emoji, vote: voteFromEmoji(emoji), userIds: [...users] }));
  }

  onReaction(listener: (event: ReactionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async isMaintainer(userId: string): Promise<boolean> {
    return this.options.maintainers.has(userId);
  }

  /**
   * The name people see for the user in the workspace: their display name, else their real name,
   * else their user name (`users.info`, scope `users:read`). Undefined when Slack will not say.
   */
  async displayName(userId: string): Promise<string | undefined> {
    try {
      const res = await this.client.users.info({ user: userId });
      const u = res.user;
      return u?.profile?.display_name || u?.real_name || u?.profile?.real_name || u?.name || undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Turns a `reaction_added`/`reaction_removed` event into a ReactionEvent for every listener.
   * A failing listener is logged and does not stop the others.
   */
  emit(event: SlackReactionEvent, added: boolean, eventId?: string): void {
    if (event.item?.type !== 'message' || !event.item.channel || !event.item.ts) return;
    const emoji = baseEmoji(event.reaction);
    const reaction: ReactionEvent = {
      platform: 'slack',
      channelId: event.item.channel,
      messageId: event.item.ts,
      userId: event.user,
      emoji,
      vote: voteFromEmoji(emoji),
      added,
      isMaintainer: this.options.maintainers.has(event.user),
      isSelf: event.user === this.options.botUserId,
      eventId,
    };
    for (const listener of this.listeners) {
      try {
        Promise.resolve(listener(reaction) as unknown).catch((err: unknown) => this.listenerFailed(err));
      } catch (err) {
        this.listenerFailed(err);
      }
    }
  }

  private listenerFailed(err: unknown) {
    this.options.log.error('slack: a reaction listener failed', { error: errorStack(err) });
  }

  private async addReaction(message: PostedMessage, name: string): Promise<void> {
    try {
      await this.client.reactions.add({ channel: message.channelId, timestamp: message.messageId, name });
    } catch (err) {
      // A retried post may find the affordance already there; that is the state we wanted.
      if (slackErrorCode(err) !== 'already_reacted') throw err;
    }
  }
}

/** The part of a Slack reaction event the publisher reads. */
export interface SlackReactionEvent {
  user: string;
  reaction: string;
  item?: { type?: string; channel?: string; ts?: string };
}

function baseEmoji(name: string): string {
  return name.replace(/::skin-tone-\d$/, '');
}

function requireTs(ts: string | undefined): string {
  if (!ts) throw new Error('slack: chat.postMessage answered without a message ts');
  return ts;
}

/** The `error` string of a Web API platform error (`already_reacted`, `channel_not_found`, …). */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } })?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

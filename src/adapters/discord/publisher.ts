import {
  type APIGuildMember,
  type APIMessage,
  type APIThreadChannel,
  type APIUser,
  type Client,
  DiscordAPIError,
  RESTJSONErrorCodes,
  Routes,
} from 'discord.js';
import type { Logger } from '../../core/logger.js';
import { type NewsPublisher, type PostedMessage, type ReactionEvent, type Vote, VOTE_EMOJI, voteFromEmoji } from '../../core/publisher.js';
import type { Reply } from '../../core/reply.js';
import { hasMaintainerRole } from './caller.js';
import type { DiscordConfig } from './config.js';
import { LIMITS } from './limits.js';
import { restBody } from './outgoing.js';
import { emojiText, watchReactions } from './reactions.js';
import { renderReply } from './render.js';
import { clipWords } from './text.js';
import { errorMessage, errorStack } from '../../core/errors.js';

/** Threads on digest headers stay open a week: maintainers may take days to triage. */
const THREAD_ARCHIVE_MINUTES = 10080;
const REACTION_PAGE = 100;

/** The News channel is not configured; the digest should check `enabled` first. */
export class NewsChannelMissingError extends Error {
  override name = 'NewsChannelMissingError';
  constructor() {
    super('discord: no News channel is configured (set DISCORD_NEWS_CHANNEL_ID to the channel id)');
  }
}

/**
 * The Discord News channel for the digest and triage. Talks REST through the logged-in client, so
 * it works on messages the client never cached (posted before a restart).
 *
 * Addressing: a candidate lives in the thread started on the digest header, so its PostedMessage
 * has `channelId` = `threadId` = the thread (where Discord addresses the message and where its
 * reaction events come from). A header is `{ channelId: News channel, messageId }`.
 */
export class DiscordNewsPublisher implements NewsPublisher {
  readonly platform = 'discord' as const;
  readonly enabled: boolean;
  private readonly listeners = new Set<(event: ReactionEvent) => void>();
  private readonly threads = new Map<string, string>();
  private readonly titles = new Map<string, string>();
  private unwatch?: () => void;

  constructor(
    private readonly client: Client,
    private readonly config: DiscordConfig,
    private readonly log: Logger,
  ) {
    this.enabled = Boolean(config.newsChannelId);
  }

  async post(reply: Reply): Promise<PostedMessage> {
    const channelId = this.newsChannel();
    const message = (await this.client.rest.post(Routes.channelMessages(channelId), { body: restBody(renderReply(reply)) })) as APIMessage;
    // The header's title names the thread its candidates go into.
    if (reply.title) this.titles.set(message.id, reply.title);
    return { platform: 'discord', channelId, messageId: message.id };
  }

  async postInThread(parent: PostedMessage, reply: Reply, reactions: readonly Vote[] = []): Promise<PostedMessage> {
    const threadId = parent.threadId ?? (await this.openThread(parent));
    const message = (await this.client.rest.post(Routes.channelMessages(threadId), { body: restBody(renderReply(reply)) })) as APIMessage;
    // One at a time, in order: they appear under the message in the order they were added.
    try {
      for (const vote of reactions) {
        await this.client.rest.put(Routes.channelMessageOwnReaction(threadId, message.id, encodeURIComponent(VOTE_EMOJI[vote].unicode)));
      }
    } catch (err) {
      this.log.warn('discord: posted, but could not add the vote reactions', { message: message.id, error: errorMessage(err) });
    }
    return { platform: 'discord', channelId: threadId, messageId: message.id, threadId };
  }

  async edit(message: PostedMessage, reply: Reply): Promise<void> {
    await this.client.rest.patch(Routes.channelMessage(message.channelId, message.messageId), { body: restBody(renderReply(reply)) });
  }

  async reactions(message: PostedMessage): Promise<{ emoji: string; vote?: Vote; userIds: string[] }[]> {
    const fetched = (await this.client.rest.get(Routes.channelMessage(message.channelId, message.messageId))) as APIMessage;
    const self = this.client.user?.id;
    const result: { emoji: string; vote?: Vote; userIds: string[] }[] = [];
    for (const reaction of fetched.reactions ?? []) {
      const emoji = emojiText(reaction.emoji);
      const userIds = (await this.reactors(message, emoji)).filter((id) => id !== self);
      if (!userIds.length) continue;
      const vote = voteFromEmoji(emoji);
      result.push({ emoji, ...(vote ? { vote } : {}), userIds });
    }
    return result;
  }

  onReaction(listener: (event: ReactionEvent) => void): () => void {
    this.listeners.add(listener);
    // Watch the gateway only while someone listens.
    this.unwatch ??= watchReactions(this.client, {
      maintainerRoleIds: this.config.maintainerRoleIds,
      isMaintainer: (userId, guildId) => this.isMaintainer(userId, guildId),
      emit: (event) => this.emit(event),
      log: this.log,
    });
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) {
        this.unwatch?.();
        this.unwatch = undefined;
      }
    };
  }

  /**
   * Whether the user holds a maintainer role in the News channel's server (or `guildId`). Always
   * asks Discord: without the privileged GuildMembers intent cached members' roles go stale.
   */
  async isMaintainer(userId: string, guildId?: string): Promise<boolean> {
    if (!this.config.maintainerRoleIds.length) return false;
    const guild = guildId ?? (await this.newsGuild());
    try {
      const member = (await this.client.rest.get(Routes.guildMember(guild, userId))) as APIGuildMember;
      return hasMaintainerRole(member, this.config.maintainerRoleIds);
    } catch (err) {
      // Someone who left the server is nobody's maintainer.
      if (err instanceof DiscordAPIError && (err.code === RESTJSONErrorCodes.UnknownMember || err.code === RESTJSONErrorCodes.UnknownUser)) return false;
      throw err;
    }
  }

  /**
   * The name people see for the user in the News channel's server: their server nickname, else
   * their display name, else their username. Undefined when Discord cannot say (left the server).
   */
  async displayName(userId: string): Promise<string | undefined> {
    try {
      const member = (await this.client.rest.get(Routes.guildMember(await this.newsGuild(), userId))) as APIGuildMember;
      return member.nick ?? member.user?.global_name ?? member.user?.username ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** Stops watching reactions (the adapter's `stop` calls it). */
  close(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.listeners.clear();
  }

  private emit(event: ReactionEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.log.error('discord: a reaction listener failed', { message: event.messageId, error: errorStack(err) });
      }
    }
  }

  private newsChannel(): string {
    if (!this.config.newsChannelId) throw new NewsChannelMissingError();
    return this.config.newsChannelId;
  }

  private async newsGuild(): Promise<string> {
    const channelId = this.newsChannel();
    const cached = this.client.channels.cache.get(channelId);
    if (cached && 'guildId' in cached && cached.guildId) return cached.guildId;
    const channel = (await this.client.rest.get(Routes.channel(channelId))) as { guild_id?: string };
    const guildId = channel.guild_id ?? this.config.guildId;
    if (!guildId) throw new Error(`discord: the News channel ${channelId} is not in a server`);
    return guildId;
  }

  /**
   * The thread on a header message, started on first use. Discord gives a message's thread the
   * message's id, so when it already exists (a restart, a retried digest) that id is the answer.
   */
  private async openThread(parent: PostedMessage): Promise<string> {
    const known = this.threads.get(parent.messageId);
    if (known) return known;
    const name = clipWords(this.titles.get(parent.messageId) ?? 'Candidates', LIMITS.threadName);
    let threadId: string;
    try {
      const thread = (await this.client.rest.post(Routes.threads(parent.channelId, parent.messageId), {
        body: { name, auto_archive_duration: THREAD_ARCHIVE_MINUTES },
      })) as APIThreadChannel;
      threadId = thread.id;
    } catch (err) {
      if (!(err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage)) throw err;
      threadId = parent.messageId;
    }
    this.threads.set(parent.messageId, threadId);
    return threadId;
  }

  /** Everyone who reacted with `emoji`, following Discord's pages of 100. */
  private async reactors(message: PostedMessage, emoji: string): Promise<string[]> {
    const ids: string[] = [];
    for (let after: string | undefined; ; ) {
      const query = new URLSearchParams({ limit: String(REACTION_PAGE), ...(after ? { after } : {}) });
      const users = (await this.client.rest.get(Routes.channelMessageReaction(message.channelId, message.messageId, encodeURIComponent(emoji)), { query })) as APIUser[];
      ids.push(...users.map((u) => u.id));
      if (users.length < REACTION_PAGE) return ids;
      after = users[users.length - 1]!.id;
    }
  }
}

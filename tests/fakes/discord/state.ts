/**
 * What the fake Discord knows: one application and its bot user, one server (roles, members,
 * text channels, threads), messages with their reactions, registered commands and interactions.
 * Objects are kept in Discord's API shapes (snake_case) so handlers can return them as they are.
 */

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export interface FakeMember {
  user: FakeUser;
  roles: string[];
  nick: string | null;
  joined_at: string;
  deaf: boolean;
  mute: boolean;
  flags: number;
  pending: boolean;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: string;
  position: number;
  color: number;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  flags: number;
}

export interface FakeChannel {
  id: string;
  type: number;
  name: string;
  guild_id: string;
  parent_id?: string | null;
  position?: number;
  permission_overwrites?: unknown[];
  owner_id?: string;
  thread_metadata?: { archived: boolean; auto_archive_duration: number; archive_timestamp: string; locked: boolean };
  message_count?: number;
  member_count?: number;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: FakeUser;
  content: string;
  embeds: Record<string, unknown>[];
  components: Record<string, unknown>[];
  flags: number;
  timestamp: string;
  edited_timestamp: string | null;
  /** Emoji (unicode, or `name:id`) → user ids in the order they reacted. */
  reactions: Map<string, string[]>;
  /** The `allowed_mentions` of the last create/edit (absent = Discord's default: parse everything). */
  allowed_mentions?: unknown;
  /** The interaction this message answers (original response or follow-up). */
  interaction_token?: string;
  webhook_id?: string;
  thread_id?: string;
  deleted: boolean;
  edits: number;
}

export interface FakeInteraction {
  id: string;
  token: string;
  type: number;
  payload: Record<string, unknown>;
  dispatchedAt: number;
  /** performance.now() when the gateway sent it, and when its callback (the ack) arrived: the ack's latency. */
  sentAt: number;
  ackedAt?: number;
  /** The interaction callback type it was acknowledged with (4, 5, 6, 7, 8), once. */
  callbackType?: number;
  callbackData?: Record<string, unknown>;
  /** The original response message id (for components: the message the button is on). */
  originalId?: string;
  followUpIds: string[];
}

export const CHANNEL_TEXT = 0;
export const CHANNEL_PUBLIC_THREAD = 11;
const DISCORD_EPOCH = 1420070400000n;

/** Snowflakes that increase like Discord's (timestamp in the high bits, a counter below). */
export function snowflakes(): () => string {
  let counter = 0n;
  return () => ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n | (counter++ & 0xfffn)).toString();
}

export function user(id: string, username: string, bot = false): FakeUser {
  return { id, username, global_name: bot ? null : username, discriminator: '0', avatar: null, ...(bot ? { bot: true } : {}) };
}

export function member(u: FakeUser, roles: string[] = []): FakeMember {
  return { user: u, roles, nick: null, joined_at: '2024-01-01T00:00:00.000000+00:00', deaf: false, mute: false, flags: 0, pending: false };
}

export function role(id: string, name: string, position: number): FakeRole {
  return { id, name, permissions: '0', position, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 };
}

/** Everything the fake serves, with a few lookups used by the REST routes and the test API. */
export class FakeState {
  readonly nextId = snowflakes();
  readonly application: { id: string; name: string };
  readonly bot: FakeUser;
  readonly guild: { id: string; name: string; owner_id: string };
  readonly roles = new Map<string, FakeRole>();
  readonly members = new Map<string, FakeMember>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, FakeMessage>();
  readonly interactions = new Map<string, FakeInteraction>();
  /** Registered commands by route scope: `global` or the guild id. */
  readonly commands = new Map<string, Record<string, unknown>[]>();
  /**
   * Threads announced to the bot at connect (active threads). A test can start a thread without
   * telling the bot, to play one that discord.js has never seen (e.g. from before a restart).
   */
  readonly cachedThreads = new Set<string>();

  constructor(ids: { applicationId?: string; guildId?: string } = {}) {
    const appId = ids.applicationId ?? this.nextId();
    this.application = { id: appId, name: 'vlm-curator' };
    // A bot user shares its application's id, as on Discord.
    this.bot = user(appId, 'vlm-curator', true);
    this.guild = { id: ids.guildId ?? this.nextId(), name: 'VLM readers', owner_id: this.nextId() };
    this.roles.set(this.guild.id, role(this.guild.id, '@everyone', 0));
    this.members.set(this.bot.id, member(this.bot));
  }

  addRole(name: string): FakeRole {
    const r = role(this.nextId(), name, this.roles.size);
    this.roles.set(r.id, r);
    return r;
  }

  addMember(username: string, roles: string[] = []): FakeMember {
    const m = member(user(this.nextId(), username), roles);
    this.members.set(m.user.id, m);
    return m;
  }

  addTextChannel(name: string): FakeChannel {
    const c: FakeChannel = { id: this.nextId(), type: CHANNEL_TEXT, name, guild_id: this.guild.id, parent_id: null, position: this.channels.size, permission_overwrites: [] };
    this.channels.set(c.id, c);
    return c;
  }

  /** A public thread started on `messageId` (Discord gives it the message's id). */
  addThread(parent: FakeChannel, messageId: string, name: string, autoArchive = 1440): FakeChannel {
    const t: FakeChannel = {
      id: messageId,
      type: CHANNEL_PUBLIC_THREAD,
      name,
      guild_id: this.guild.id,
      parent_id: parent.id,
      owner_id: this.bot.id,
      thread_metadata: { archived: false, auto_archive_duration: autoArchive, archive_timestamp: new Date().toISOString(), locked: false },
      message_count: 0,
      member_count: 1,
    };
    this.channels.set(t.id, t);
    const starter = this.messages.get(messageId);
    if (starter) starter.thread_id = t.id;
    return t;
  }

  addMessage(channelId: string, author: FakeUser, body: Partial<Pick<FakeMessage, 'content' | 'embeds' | 'components' | 'flags'>> & { allowed_mentions?: unknown }): FakeMessage {
    const m: FakeMessage = {
      id: this.nextId(),
      channel_id: channelId,
      guild_id: this.guild.id,
      author,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      flags: body.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      reactions: new Map(),
      ...('allowed_mentions' in body ? { allowed_mentions: body.allowed_mentions } : {}),
      deleted: false,
      edits: 0,
    };
    this.messages.set(m.id, m);
    return m;
  }

  /** The message as the API returns it (reactions summarised per emoji, from the bot's view). */
  messageJson(m: FakeMessage): Record<string, unknown> {
    const reactions = [...m.reactions]
      .filter(([, users]) => users.length)
      .map(([emoji, users]) => ({
        emoji: emojiJson(emoji),
        count: users.length,
        count_details: { burst: 0, normal: users.length },
        me: users.includes(this.bot.id),
        me_burst: false,
        burst_colors: [],
      }));
    const { reactions: _r, deleted: _d, edits: _e, allowed_mentions: _a, interaction_token: _t, thread_id, ...rest } = m;
    return {
      ...rest,
      type: 0,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      ...(reactions.length ? { reactions } : {}),
      ...(thread_id ? { thread: this.channels.get(thread_id) } : {}),
    };
  }

  react(m: FakeMessage, emoji: string, userId: string): boolean {
    const users = m.reactions.get(emoji) ?? [];
    if (users.includes(userId)) return false;
    m.reactions.set(emoji, [...users, userId]);
    return true;
  }

  unreact(m: FakeMessage, emoji: string, userId: string): boolean {
    const users = m.reactions.get(emoji) ?? [];
    if (!users.includes(userId)) return false;
    m.reactions.set(
      emoji,
      users.filter((u) => u !== userId),
    );
    return true;
  }

  /** Guild payload of GUILD_CREATE: roles, members, channels and active threads. */
  guildCreate(): Record<string, unknown> {
    const all = [...this.channels.values()];
    return {
      ...this.guild,
      icon: null,
      splash: null,
      discovery_splash: null,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      roles: [...this.roles.values()],
      emojis: [],
      stickers: [],
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      large: false,
      unavailable: false,
      member_count: this.members.size,
      voice_states: [],
      members: [...this.members.values()],
      channels: all.filter((c) => c.type !== CHANNEL_PUBLIC_THREAD).map(({ guild_id: _g, ...c }) => c),
      threads: all.filter((c) => c.type === CHANNEL_PUBLIC_THREAD && this.cachedThreads.has(c.id)),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}

/** `✅` → `{ id: null, name: '✅' }`; `party:123` → `{ id: '123', name: 'party' }`. */
export function emojiJson(emoji: string): { id: string | null; name: string } {
  const custom = /^(.+):(\d+)$/.exec(emoji);
  return custom ? { id: custom[2]!, name: custom[1]! } : { id: null, name: emoji };
}

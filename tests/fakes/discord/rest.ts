/**
 * The fake's REST API v10: the routes discord.js uses for login, application commands,
 * interaction callbacks and webhook follow-ups, channel messages, threads, reactions and members.
 * Errors use Discord's codes and shapes (10003 Unknown Channel, 10062 Unknown interaction,
 * 40060 already acknowledged, 50035 Invalid Form Body, 160004 thread exists, …), because the
 * adapter's behaviour depends on them.
 */
import type { FakeGateway } from './gateway.js';
import { reactionEvent } from './payloads.js';
import { emojiJson, type FakeChannel, type FakeInteraction, type FakeMessage, type FakeState } from './state.js';
import { checkChoices, checkCommands, checkMessage, invalidFormBody, isEmptyMessage } from './validate.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

const notFound = (what: string, code: number) => new ApiError(404, { message: `Unknown ${what}`, code });
const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const TOKEN_LIFETIME_MS = 15 * 60_000;

export interface RouteContext {
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: string;
  pattern: RegExp;
  /** Needs `Authorization: Bot <token>` (interaction and webhook routes are authorised by their token). */
  auth: boolean;
  handle(ctx: RouteContext): RouteResult;
}

export interface RestDeps {
  state: FakeState;
  gateway: FakeGateway;
  /** Discord's 3-second window to acknowledge an interaction. */
  ackDeadlineMs: number;
}

const ok = (body?: unknown): RouteResult => (body === undefined ? { status: 204 } : { status: 200, body });

export function routes(deps: RestDeps): Route[] {
  const { state, gateway } = deps;
  const r = (method: string, path: string, auth: boolean, handle: Route['handle']): Route => ({
    method,
    pattern: new RegExp(`^${path.replace(/:\w+/g, '([^/]+)')}$`),
    auth,
    handle,
  });

  const channel = (id: string): FakeChannel => state.channels.get(id) ?? throwIt(notFound('Channel', 10003));
  const message = (channelId: string, id: string): FakeMessage => {
    channel(channelId);
    const m = state.messages.get(id);
    if (!m || m.deleted || m.channel_id !== channelId) throw notFound('Message', 10008);
    return m;
  };
  const validated = (body: Record<string, unknown>) => {
    const problems = checkMessage(body);
    if (problems.length) throw new ApiError(400, invalidFormBody(problems));
    return body;
  };
  const create = (channelId: string, body: Record<string, unknown>, extra: Partial<FakeMessage> = {}): FakeMessage => {
    validated(body);
    if (isEmptyMessage(body)) throw new ApiError(400, { message: 'Cannot send an empty message', code: 50006 });
    const m = state.addMessage(channelId, state.bot, body as Parameters<FakeState['addMessage']>[2]);
    Object.assign(m, extra);
    return m;
  };
  const edit = (m: FakeMessage, body: Record<string, unknown>): FakeMessage => {
    validated(body);
    const next = {
      content: 'content' in body ? String(body.content ?? '') : m.content,
      embeds: 'embeds' in body ? ((body.embeds ?? []) as FakeMessage['embeds']) : m.embeds,
      components: 'components' in body ? ((body.components ?? []) as FakeMessage['components']) : m.components,
    };
    if (isEmptyMessage(next)) throw new ApiError(400, { message: 'Cannot send an empty message', code: 50006 });
    Object.assign(m, next, { flags: m.flags & ~LOADING, edited_timestamp: new Date().toISOString(), edits: m.edits + 1 });
    if ('allowed_mentions' in body) m.allowed_mentions = body.allowed_mentions;
    else delete m.allowed_mentions;
    return m;
  };

  /** An interaction by its token, for webhook routes (valid 15 minutes, like Discord's). */
  const byToken = (appId: string, token: string): FakeInteraction => {
    const i = [...state.interactions.values()].find((x) => x.token === token);
    if (appId !== state.application.id || !i || Date.now() - i.dispatchedAt > TOKEN_LIFETIME_MS) throw notFound('Webhook', 10015);
    return i;
  };
  const original = (i: FakeInteraction): FakeMessage => {
    const m = i.originalId ? state.messages.get(i.originalId) : undefined;
    if (!m || m.deleted) throw notFound('Message', 10008);
    return m;
  };
  const channelOf = (i: FakeInteraction) => String(i.payload.channel_id);

  const callback = ({ params: [id, token], query, body }: RouteContext): RouteResult => {
    const i = state.interactions.get(id!);
    if (!i || i.token !== token || Date.now() - i.dispatchedAt > deps.ackDeadlineMs) throw notFound('interaction', 10062);
    if (i.callbackType !== undefined) throw new ApiError(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    const type = body.type as number;
    const data = (body.data ?? {}) as Record<string, unknown>;
    const wrongType = () => new ApiError(400, invalidFormBody([{ path: 'type', code: 'INTERACTION_CALLBACK_TYPE', message: `Callback type ${type} is not valid for interaction type ${i.type}` }]));
    const flags = ((data.flags as number | undefined) ?? 0) & EPHEMERAL;
    let resource: Record<string, unknown> | undefined;
    if (type === 4 || type === 5) {
      if (i.type === 4) throw wrongType();
      const m = type === 4 ? create(channelOf(i), data, { flags }) : state.addMessage(channelOf(i), state.bot, { flags: flags | LOADING });
      Object.assign(m, { interaction_token: i.token, webhook_id: state.application.id });
      i.originalId = m.id;
      resource = { type, message: state.messageJson(m) };
    } else if (type === 6 || type === 7) {
      if (i.type !== 3) throw wrongType();
      const m = state.messages.get(String((i.payload.message as { id: string }).id));
      if (!m) throw notFound('Message', 10008);
      if (type === 7) edit(m, data);
      i.originalId = m.id;
      resource = { type, message: state.messageJson(m) };
    } else if (type === 8) {
      if (i.type !== 4) throw wrongType();
      const problems = checkChoices((data.choices ?? []) as { name?: string }[]);
      if (problems.length) throw new ApiError(400, invalidFormBody(problems));
      resource = { type };
    } else throw wrongType();
    i.callbackType = type;
    i.callbackData = data;
    i.ackedAt = performance.now();
    return query.get('with_response') === 'true' ? ok({ interaction: { id: i.id, type: i.type, response_message_id: i.originalId }, resource }) : ok();
  };

  const reactionRoute = (added: boolean) => ({ params: [channelId, messageId, emoji, who] }: RouteContext): RouteResult => {
    const m = message(channelId!, messageId!);
    const name = emoji!;
    const userId = who === '@me' ? state.bot.id : who!;
    const member = state.members.get(userId);
    const changed = added ? state.react(m, name, userId) : state.unreact(m, name, userId);
    if (changed && member) gateway.dispatch(added ? 'MESSAGE_REACTION_ADD' : 'MESSAGE_REACTION_REMOVE', reactionEvent(state, m, name, member, added));
    return ok();
  };

  const commandsRoute = (method: 'GET' | 'PUT') => ({ params: [appId, guildId], body }: RouteContext): RouteResult => {
    if (appId !== state.application.id) throw notFound('Application', 10002);
    if (guildId && guildId !== state.guild.id) throw new ApiError(403, { message: 'Missing Access', code: 50001 });
    const scope = guildId ?? 'global';
    if (method === 'GET') return ok(state.commands.get(scope) ?? []);
    const list = body as unknown as Record<string, unknown>[];
    const problems = checkCommands(list);
    if (problems.length) throw new ApiError(400, invalidFormBody(problems));
    const stored = list.map((c) => ({ ...c, id: state.nextId(), application_id: state.application.id, version: state.nextId(), ...(guildId ? { guild_id: guildId } : {}) }));
    state.commands.set(scope, stored);
    return ok(stored);
  };

  return [
    r('GET', '/gateway/bot', true, () =>
      ok({ url: gateway.wsUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } }),
    ),
    r('GET', '/users/@me', true, () => ok(state.bot)),
    r('GET', '/applications/@me', true, () => ok({ ...state.application, bot_public: true, bot_require_code_grant: false, description: '', flags: 0, bot: state.bot })),
    r('GET', '/applications/:app/commands', true, commandsRoute('GET')),
    r('PUT', '/applications/:app/commands', true, commandsRoute('PUT')),
    r('GET', '/applications/:app/guilds/:guild/commands', true, commandsRoute('GET')),
    r('PUT', '/applications/:app/guilds/:guild/commands', true, commandsRoute('PUT')),

    r('POST', '/interactions/:id/:token/callback', false, callback),
    r('GET', '/webhooks/:app/:token/messages/@original', false, ({ params: [app, token] }) => ok(state.messageJson(original(byToken(app!, token!))))),
    r('PATCH', '/webhooks/:app/:token/messages/@original', false, ({ params: [app, token], body }) => ok(state.messageJson(edit(original(byToken(app!, token!)), body)))),
    r('DELETE', '/webhooks/:app/:token/messages/@original', false, ({ params: [app, token] }) => {
      original(byToken(app!, token!)).deleted = true;
      return ok();
    }),
    r('POST', '/webhooks/:app/:token', false, ({ params: [app, token], body }) => {
      const i = byToken(app!, token!);
      if (i.callbackType === undefined || i.callbackType === 8) throw notFound('Webhook', 10015);
      const m = create(channelOf(i), body, { flags: ((body.flags as number | undefined) ?? 0) & EPHEMERAL, interaction_token: i.token, webhook_id: state.application.id });
      i.followUpIds.push(m.id);
      return ok(state.messageJson(m));
    }),
    r('PATCH', '/webhooks/:app/:token/messages/:id', false, ({ params: [app, token, id], body }) => {
      const i = byToken(app!, token!);
      if (!i.followUpIds.includes(id!)) throw notFound('Message', 10008);
      return ok(state.messageJson(edit(state.messages.get(id!)!, body)));
    }),

    r('GET', '/channels/:channel', true, ({ params: [id] }) => ok(channel(id!))),
    r('POST', '/channels/:channel/messages', true, ({ params: [id], body }) => {
      channel(id!);
      return ok(state.messageJson(create(id!, body)));
    }),
    r('GET', '/channels/:channel/messages/:message', true, ({ params: [c, m] }) => ok(state.messageJson(message(c!, m!)))),
    r('PATCH', '/channels/:channel/messages/:message', true, ({ params: [c, id], body }) => {
      const m = message(c!, id!);
      if (m.author.id !== state.bot.id) throw new ApiError(403, { message: 'Cannot edit a message authored by another user', code: 50005 });
      return ok(state.messageJson(edit(m, body)));
    }),
    r('POST', '/channels/:channel/messages/:message/threads', true, ({ params: [c, id], body }) => {
      const m = message(c!, id!);
      if (m.thread_id) throw new ApiError(400, { message: 'A thread has already been created for this message', code: 160004 });
      const name = String(body.name ?? '');
      if (!name || name.length > 100) throw new ApiError(400, invalidFormBody([{ path: 'name', code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }]));
      const archive = (body.auto_archive_duration as number | undefined) ?? 4320;
      if (![60, 1440, 4320, 10080].includes(archive)) throw new ApiError(400, invalidFormBody([{ path: 'auto_archive_duration', code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {60, 1440, 4320, 10080}.' }]));
      const thread = state.addThread(channel(c!), m.id, name, archive);
      state.cachedThreads.add(thread.id);
      gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true, member: { id: thread.id, user_id: state.bot.id, join_timestamp: new Date().toISOString(), flags: 1 } });
      return { status: 201, body: thread };
    }),
    r('PUT', '/channels/:channel/messages/:message/reactions/:emoji/:user', true, reactionRoute(true)),
    r('DELETE', '/channels/:channel/messages/:message/reactions/:emoji/:user', true, reactionRoute(false)),
    r('GET', '/channels/:channel/messages/:message/reactions/:emoji', true, ({ params: [c, id, emoji], query }) => {
      const m = message(c!, id!);
      const name = emoji!;
      if (!emojiJson(name).name) throw notFound('Emoji', 10014);
      const limit = Math.min(Number(query.get('limit') ?? 25), 100);
      const after = BigInt(query.get('after') ?? '0');
      const users = (m.reactions.get(name) ?? [])
        .map((uid) => state.members.get(uid)?.user ?? { id: uid, username: 'someone', global_name: null, discriminator: '0', avatar: null })
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
        .filter((u) => BigInt(u.id) > after)
        .slice(0, limit);
      return ok(users);
    }),
    r('GET', '/guilds/:guild/members/:user', true, ({ params: [g, uid] }) => {
      if (g !== state.guild.id) throw notFound('Guild', 10004);
      const m = state.members.get(uid!);
      if (!m) throw notFound('Member', 10007);
      return ok(m);
    }),
  ];
}

function throwIt(err: Error): never {
  throw err;
}

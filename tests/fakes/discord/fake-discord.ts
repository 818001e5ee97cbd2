/**
 * A small Discord on 127.0.0.1 (ephemeral port) that the real discord.js client logs into: REST
 * API v10 under `apiUrl` (give it to discord.js as `rest.api` / `DISCORD_API_URL`) and the
 * gateway WebSocket whose URL `GET /gateway/bot` hands out, as in production. One server with a
 * #general and a #news channel, a Maintainers role, a maintainer and a reader. Every REST request
 * and gateway frame is recorded; `waitFor` awaits what a test expects (no timers of its own — the
 * test runner's timeout applies).
 *
 *   const discord = await startFakeDiscord();
 *   const adapter = await startDiscord(bot, discord.config({ newsChannelId: discord.news.id }));
 *   const i = discord.command(discord.reader, 'vlm', 'search', { query: 'clip' });
 *   const edit = await discord.waitFor(() => discord.find('PATCH', `/webhooks/.../${i.token}/messages/@original`), 'the answer');
 *   await adapter.stop(); await discord.close();
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, readBody } from '../http.js';
import { FakeGateway } from './gateway.js';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction, type OptionValues, reactionEvent } from './payloads.js';
import { ApiError, type Route, routes } from './rest.js';
import { type FakeChannel, type FakeInteraction, type FakeMember, type FakeMessage, type FakeRole, FakeState } from './state.js';

export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization?: string;
  status: number;
  response?: unknown;
}

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (default `fake-token`). */
  token?: string;
  /** Sent in HELLO (default Discord's usual 41250 ms). */
  heartbeatInterval?: number;
  /** Window to acknowledge an interaction (default Discord's 3000 ms). */
  ackDeadlineMs?: number;
  /** Privileged intents enabled for the application (bit mask; default none). */
  privilegedIntents?: number;
}

export interface FakeDiscord {
  origin: string;
  /** For discord.js `rest.api` / `DISCORD_API_URL`: `http://127.0.0.1:<port>/api`. */
  apiUrl: string;
  token: string;
  state: FakeState;
  gateway: FakeGateway;
  general: FakeChannel;
  news: FakeChannel;
  maintainerRole: FakeRole;
  maintainer: FakeMember;
  reader: FakeMember;
  requests: RecordedRequest[];
  /** Recorded requests with this method whose path matches (string: exact; RegExp: test). */
  find(method: string, path: string | RegExp): RecordedRequest[];
  /** The Discord config section pointing at this fake. */
  config(extra?: { newsChannelId?: string; guildId?: string; applicationId?: string; maintainerRoleIds?: string[] }): {
    token: string;
    apiUrl: string;
    applicationId?: string;
    guildId?: string;
    newsChannelId?: string;
    maintainerRoleIds: string[];
  };
  /** Dispatches INTERACTION_CREATE for `/command sub …` typed by `who` (default in #general). */
  command(who: FakeMember, command: string, sub: string, values?: OptionValues, channel?: FakeChannel): FakeInteraction;
  /** Dispatches an autocomplete request for option `focused` (its partial text in `values`). */
  autocomplete(who: FakeMember, command: string, sub: string, values: OptionValues, focused: string, channel?: FakeChannel): FakeInteraction;
  /** Dispatches a click on button `customId` of `message`. */
  click(who: FakeMember, message: FakeMessage, customId: string): FakeInteraction;
  /** A user adds (or removes) a reaction in their client: state changes, then the gateway event. */
  react(who: FakeMember, message: FakeMessage, emoji: string, added?: boolean): void;
  /** Resolves with `pick()`'s first truthy result, re-checked on every request and gateway frame. */
  waitFor<T>(pick: () => T | undefined | null | false, what: string): Promise<T>;
  close(): Promise<void>;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? 'fake-token';
  const state = new FakeState();
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  const changed = () => changes.emit('change');
  const gateway = new FakeGateway(state, {
    token,
    heartbeatInterval: options.heartbeatInterval ?? 41_250,
    privilegedIntents: options.privilegedIntents ?? 0,
    onChange: changed,
  });
  const table = routes({ state, gateway, ackDeadlineMs: options.ackDeadlineMs ?? 3000 });
  const requests: RecordedRequest[] = [];

  const general = state.addTextChannel('general');
  const news = state.addTextChannel('news');
  const maintainerRole = state.addRole('Maintainers');
  const maintainer = state.addMember('maintainer-mia', [maintainerRole.id]);
  // A server nickname, as people set: what approval notes should show rather than the id.
  maintainer.nick = 'Mia';
  const reader = state.addMember('reader-rui');

  const server = createServer((req, res) => {
    void serve(req, res, table, token, requests).finally(changed);
  });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '') === '/gateway') gateway.upgrade(req, socket, head);
    else socket.destroy();
  });
  const origin = await listenOnLoopback(server);
  gateway.wsUrl = `${origin.replace('http', 'ws')}/gateway`;

  const dispatchInteraction = (payload: Record<string, unknown>): FakeInteraction => {
    const interaction: FakeInteraction = {
      id: String(payload.id),
      token: String(payload.token),
      type: payload.type as number,
      payload,
      dispatchedAt: Date.now(),
      sentAt: performance.now(),
      followUpIds: [],
    };
    state.interactions.set(interaction.id, interaction);
    gateway.dispatch('INTERACTION_CREATE', payload);
    return interaction;
  };

  return {
    origin,
    apiUrl: `${origin}/api`,
    token,
    state,
    gateway,
    general,
    news,
    maintainerRole,
    maintainer,
    reader,
    requests,
    find: (method, path) => requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path))),
    config: (extra = {}) => ({ token, apiUrl: `${origin}/api`, maintainerRoleIds: [maintainerRole.id], ...extra }),
    command: (who, command, sub, values = {}, channel = general) => dispatchInteraction(chatInputInteraction(state, who, channel, command, sub, values)),
    autocomplete: (who, command, sub, values, focused, channel = general) =>
      dispatchInteraction(autocompleteInteraction(state, who, channel, command, sub, values, focused)),
    click: (who, message, customId) => dispatchInteraction(buttonInteraction(state, who, state.channels.get(message.channel_id)!, message, customId)),
    react(who, message, emoji, added = true) {
      const changedState = added ? state.react(message, emoji, who.user.id) : state.unreact(message, emoji, who.user.id);
      if (changedState) gateway.dispatch(added ? 'MESSAGE_REACTION_ADD' : 'MESSAGE_REACTION_REMOVE', reactionEvent(state, message, emoji, who, added));
    },
    waitFor<T>(pick: () => T | undefined | null | false, _what: string): Promise<T> {
      return new Promise<T>((resolve) => {
        const check = () => {
          const found = pick();
          if (!found) return false;
          changes.off('change', check);
          resolve(found);
          return true;
        };
        if (!check()) changes.on('change', check);
      });
    },
    async close() {
      await gateway.close();
      await closeServer(server);
    },
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, table: Route[], token: string, requests: RecordedRequest[]): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  // Segments arrive percent-encoded (`%40original`, emoji); routes and records see them decoded.
  const path = url.pathname
    .replace(/^\/api\/v10(?=\/)/, '')
    .split('/')
    .map(decodeURIComponent)
    .join('/');
  const raw = await readBody(req);
  const record: RecordedRequest = { method: req.method ?? 'GET', path, query: url.searchParams, body: undefined, status: 0 };
  if (req.headers.authorization) record.authorization = req.headers.authorization;
  let status: number;
  let body: unknown;
  try {
    if (!url.pathname.startsWith('/api/v10/')) throw new ApiError(404, { message: '404: Not Found (this fake speaks API v10 under /api)', code: 0 });
    record.body = raw ? JSON.parse(raw) : undefined;
    const match = matchRoute(table, record.method, path);
    if (!match) throw new ApiError(404, { message: `404: Not Found (fake discord has no ${record.method} ${path})`, code: 0 });
    if (match.route.auth && req.headers.authorization !== `Bot ${token}`) throw new ApiError(401, { message: '401: Unauthorized', code: 0 });
    const result = match.route.handle({ params: match.params, query: url.searchParams, body: (record.body ?? {}) as Record<string, unknown> });
    status = result.status;
    body = result.body;
  } catch (err) {
    // A bug in the fake (or a body that is not JSON) still gets an answer, never a hung request.
    status = err instanceof ApiError ? err.status : 500;
    body = err instanceof ApiError ? err.body : { message: `fake discord: ${(err as Error).message}`, code: 0 };
  }
  record.status = status;
  record.response = body;
  requests.push(record);
  if (body === undefined) {
    res.writeHead(status).end();
  } else {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function matchRoute(table: Route[], method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const route of table) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1) };
  }
  return undefined;
}

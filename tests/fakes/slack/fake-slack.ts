/**
 * A small Slack on 127.0.0.1 (ephemeral port) for the real Bolt/WebClient code to talk to:
 * the Web API methods the bot uses (auth.test, chat.postMessage, chat.update, reactions.add,
 * reactions.get, apps.connections.open) under `apiUrl`, and `response_url` endpoints that record
 * what the bot answered. Every call is recorded; `waitFor` awaits the one a test expects.
 *
 *   const slack = await startFakeSlack({ botToken: 'xoxb-test' });
 *   startSlack(bot, { botToken: 'xoxb-test', apiUrl: slack.apiUrl, … });
 *   const reply = await slack.waitFor(() => slack.responsesTo(url)[0], 'the reply');
 *   await slack.close();
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, readBody } from '../http.js';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

export interface ResponseUrlPost {
  url: string;
  body: Record<string, unknown>;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  /** Reaction name → user ids, in the order they reacted. */
  reactions: Map<string, string[]>;
  updates: number;
}

export interface FakeSlackOptions {
  botToken: string;
  appToken?: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** Workspace members `users.info` knows: id → profile names. */
  users?: Record<string, { name: string; real_name?: string; display_name?: string }>;
}

export type ApiHandler = (args: Record<string, unknown>, call: ApiCall) => Record<string, unknown>;

export interface FakeSlack {
  origin: string;
  /** Base URL for `SLACK_API_URL` (ends with `/api/`). */
  apiUrl: string;
  botUserId: string;
  /** A fresh `response_url` on this server. */
  responseUrl(): string;
  calls: ApiCall[];
  callsTo(method: string): ApiCall[];
  responses: ResponseUrlPost[];
  responsesTo(url: string): ResponseUrlPost[];
  messages: Map<string, FakeMessage>;
  message(channel: string, ts: string): FakeMessage | undefined;
  /** Simulates a user reacting in the Slack client (state only; the event is sent separately). */
  react(channel: string, ts: string, name: string, user: string): void;
  /** Makes the next call of `method` fail with Slack error `error`. */
  failNext(method: string, error: string): void;
  /** Replaces or adds a Web API method. */
  handle(method: string, handler: ApiHandler): void;
  /** Resolves with `pick()`'s first truthy result, re-checked after every request; rejects after 5 s. */
  waitFor<T>(pick: () => T | undefined | null | false, what: string): Promise<T>;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? 'UBOT0001';
  const botId = options.botId ?? 'BBOT0001';
  const teamId = options.teamId ?? 'T0TEAM01';
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const messages = new Map<string, FakeMessage>();
  const failures = new Map<string, string[]>();
  const events = new EventEmitter();
  events.setMaxListeners(100);
  let clock = 1_700_000_000;
  let nextResponseId = 1;
  let origin = '';

  const key = (channel: string, ts: string) => `${channel}/${ts}`;
  // Slack accepts a channel name and answers with the id; keep ids as they are.
  const channelId = (c: string) => (/^[CGD][A-Z0-9]{2,}$/.test(c) ? c : `C${c.replace(/[^a-z0-9]/gi, '').toUpperCase() || 'X'}`);
  const find = (args: Record<string, unknown>, tsField: string) => messages.get(key(channelId(String(args.channel)), String(args[tsField])));

  const methods = new Map<string, ApiHandler>();
  methods.set('auth.test', () => ({ ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'vlm-curator', team_id: teamId, user_id: botUserId, bot_id: botId }));
  methods.set('users.info', (args) => {
    const u = options.users?.[String(args.user)];
    if (!u) return { ok: false, error: 'user_not_found' };
    return { ok: true, user: { id: args.user, name: u.name, real_name: u.real_name ?? '', profile: { display_name: u.display_name ?? '', real_name: u.real_name ?? '' } } };
  });
  methods.set('chat.postMessage', (args) => {
    if (!args.channel) return { ok: false, error: 'channel_not_found' };
    const channel = channelId(String(args.channel));
    const ts = `${++clock}.000100`;
    const msg: FakeMessage = { channel, ts, text: args.text as string, blocks: args.blocks as unknown[], thread_ts: args.thread_ts as string | undefined, reactions: new Map(), updates: 0 };
    messages.set(key(channel, ts), msg);
    return { ok: true, channel, ts, message: { type: 'message', text: msg.text, ts, bot_id: botId, user: botUserId } };
  });
  methods.set('chat.update', (args) => {
    const msg = find(args, 'ts');
    if (!msg) return { ok: false, error: 'message_not_found' };
    msg.text = args.text as string;
    msg.blocks = args.blocks as unknown[];
    msg.updates += 1;
    return { ok: true, channel: msg.channel, ts: msg.ts, text: msg.text };
  });
  methods.set('reactions.add', (args, call) => {
    const msg = find(args, 'timestamp');
    if (!msg) return { ok: false, error: 'message_not_found' };
    const users = msg.reactions.get(String(args.name)) ?? [];
    const user = call.headers.authorization === `Bearer ${options.botToken}` ? botUserId : 'UNKNOWN';
    if (users.includes(user)) return { ok: false, error: 'already_reacted' };
    msg.reactions.set(String(args.name), [...users, user]);
    return { ok: true };
  });
  methods.set('reactions.get', (args) => {
    const msg = find(args, 'timestamp');
    if (!msg) return { ok: false, error: 'message_not_found' };
    const reactions = [...msg.reactions].filter(([, users]) => users.length).map(([name, users]) => ({ name, users, count: users.length }));
    return { ok: true, type: 'message', channel: msg.channel, message: { type: 'message', ts: msg.ts, text: msg.text, ...(reactions.length ? { reactions } : {}) } };
  });

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method === 'POST' && path.startsWith('/respond/')) {
        responses.push({ url: origin + path, body: JSON.parse(raw || '{}') as Record<string, unknown> });
        sendJson(res, { ok: true });
      } else if (req.method === 'POST' && path.startsWith('/api/')) {
        const method = path.slice('/api/'.length);
        const call: ApiCall = { method, args: parseArgs(raw, req.headers['content-type']), headers: req.headers };
        calls.push(call);
        sendJson(res, answer(method, call));
      } else {
        res.writeHead(404).end();
      }
      events.emit('request');
    });
  });

  function answer(method: string, call: ApiCall): Record<string, unknown> {
    const token = String(call.headers.authorization ?? '').replace(/^Bearer /, '');
    const expected = method === 'apps.connections.open' ? options.appToken : options.botToken;
    if (!expected || token !== expected) return { ok: false, error: 'invalid_auth' };
    const failure = failures.get(method)?.shift();
    if (failure) return { ok: false, error: failure };
    const handler = methods.get(method);
    return handler ? handler(call.args, call) : { ok: false, error: 'unknown_method' };
  }

  origin = await listenOnLoopback(server);

  return {
    origin,
    apiUrl: `${origin}/api/`,
    botUserId,
    responseUrl: () => `${origin}/respond/${nextResponseId++}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responses,
    responsesTo: (url) => responses.filter((r) => r.url === url),
    messages,
    message: (channel, ts) => messages.get(key(channel, ts)),
    react(channel, ts, name, user) {
      const msg = messages.get(key(channel, ts));
      if (!msg) throw new Error(`fake-slack: no message ${channel}/${ts}`);
      msg.reactions.set(name, [...(msg.reactions.get(name) ?? []), user]);
    },
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    handle(method, handler) {
      methods.set(method, handler);
    },
    waitFor<T>(pick: () => T | undefined | null | false, what: string): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          const found = pick();
          if (!found) return false;
          done();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`fake-slack: gave up waiting for ${what}`));
        }, 5000);
        const done = () => {
          clearTimeout(timer);
          events.off('request', check);
        };
        if (!check()) events.on('request', check);
      });
    },
    close: () => closeServer(server),
  };
}

/** The WebClient posts form fields, with objects (blocks) as JSON strings; JSON bodies are accepted too. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    args[k] = /^[[{]/.test(v) ? tryJson(v) : v === 'true' ? true : v === 'false' ? false : v;
  }
  return args;
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function sendJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

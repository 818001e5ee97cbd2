/**
 * The fake gateway: Discord's WebSocket protocol v10, JSON encoding, no transport compression.
 * HELLO → (heartbeats + ACKs) → IDENTIFY (token and intents checked, as Discord closes with
 * 4004 / 4014) → READY → GUILD_CREATE; then dispatches whatever the test or REST routes send,
 * to each session whose intents cover the event (as Discord does).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FakeState } from './state.js';

export const INTENTS = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  MessageContent: 1 << 15,
} as const;
const PRIVILEGED = INTENTS.GuildMembers | INTENTS.GuildPresences | INTENTS.MessageContent;

/** The intent an event needs (none: always delivered, e.g. INTERACTION_CREATE, READY). */
const EVENT_INTENT: Record<string, number> = {
  GUILD_CREATE: INTENTS.Guilds,
  THREAD_CREATE: INTENTS.Guilds,
  THREAD_UPDATE: INTENTS.Guilds,
  CHANNEL_CREATE: INTENTS.Guilds,
  MESSAGE_CREATE: INTENTS.GuildMessages,
  MESSAGE_REACTION_ADD: INTENTS.GuildMessageReactions,
  MESSAGE_REACTION_REMOVE: INTENTS.GuildMessageReactions,
};

export interface GatewayFrame {
  direction: 'in' | 'out';
  op: number;
  t?: string | null;
  d?: unknown;
}

interface Session {
  socket: WebSocket;
  id: string;
  seq: number;
  intents?: number;
}

export interface GatewayOptions {
  token: string;
  heartbeatInterval: number;
  /** Privileged intents the application has enabled in the portal (default none). */
  privilegedIntents: number;
  onChange(): void;
}

export class FakeGateway {
  /** Every frame in and out, in order (heartbeats included). */
  readonly frames: GatewayFrame[] = [];
  /** Events a session did not get because it lacked the intent. */
  readonly withheld: { t: string; intent: number }[] = [];
  /** Query strings clients connected with (`v`, `encoding`, `compress`). */
  readonly connections: URLSearchParams[] = [];
  /** `ws://127.0.0.1:<port>/gateway`, set once the server listens (READY's resume URL). */
  wsUrl = '';
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<Session>();

  constructor(
    private readonly state: FakeState,
    private readonly options: GatewayOptions,
  ) {}

  /** Takes over an HTTP upgrade on the gateway path. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, new URL(req.url ?? '/', 'http://x').searchParams));
  }

  /** Identified sessions (logged-in clients). */
  get identified(): number {
    return [...this.sessions].filter((s) => s.intents !== undefined).length;
  }

  /** Sends a dispatch to every identified session that has the event's intent. */
  dispatch(t: string, d: unknown): void {
    for (const s of this.sessions) {
      if (s.intents === undefined) continue;
      const intent = EVENT_INTENT[t];
      if (intent && !(s.intents & intent)) {
        this.withheld.push({ t, intent });
        continue;
      }
      this.send(s, { op: 0, t, s: ++s.seq, d });
    }
    this.options.onChange();
  }

  close(): Promise<void> {
    for (const s of this.sessions) s.socket.terminate();
    this.sessions.clear();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private open(socket: WebSocket, query: URLSearchParams) {
    this.connections.push(query);
    const session: Session = { socket, id: this.state.nextId(), seq: 0 };
    this.sessions.add(session);
    socket.on('close', () => {
      this.sessions.delete(session);
      this.options.onChange();
    });
    // This fake speaks plain JSON only, like a client without zlib-sync would ask for.
    if (query.get('v') !== '10') return socket.close(4012, 'Invalid API version');
    if (query.get('encoding') !== 'json' || query.has('compress')) return socket.close(4002, 'fake discord: only encoding=json without compress');
    socket.on('message', (raw) => this.receive(session, String(raw)));
    this.send(session, { op: 10, d: { heartbeat_interval: this.options.heartbeatInterval } });
  }

  private receive(session: Session, raw: string) {
    let frame: { op: number; d?: unknown };
    try {
      frame = JSON.parse(raw);
    } catch {
      return session.socket.close(4002, 'Error while decoding payload');
    }
    this.frames.push({ direction: 'in', op: frame.op, d: frame.d });
    if (frame.op === 1) this.send(session, { op: 11 });
    else if (frame.op === 2) this.identify(session, frame.d as { token?: string; intents?: number });
    // A resume is refused (no replay buffer): op 9 makes the client identify afresh.
    else if (frame.op === 6) this.send(session, { op: 9, d: false });
    this.options.onChange();
  }

  private identify(session: Session, d: { token?: string; intents?: number }) {
    if (d.token !== this.options.token) return session.socket.close(4004, 'Authentication failed.');
    const intents = d.intents ?? 0;
    if (intents & PRIVILEGED & ~this.options.privilegedIntents) return session.socket.close(4014, 'Disallowed intent(s).');
    session.intents = intents;
    const url = this.wsUrl;
    this.send(session, {
      op: 0,
      t: 'READY',
      s: ++session.seq,
      d: {
        v: 10,
        user: this.state.bot,
        guilds: [{ id: this.state.guild.id, unavailable: true }],
        session_id: session.id,
        resume_gateway_url: url,
        shard: [0, 1],
        application: { id: this.state.application.id, flags: 0 },
        private_channels: [],
        presences: [],
        relationships: [],
        user_settings: {},
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
      },
    });
    if (intents & INTENTS.Guilds) this.send(session, { op: 0, t: 'GUILD_CREATE', s: ++session.seq, d: this.state.guildCreate() });
  }

  private send(session: Session, frame: { op: number; t?: string; s?: number; d?: unknown }) {
    this.frames.push({ direction: 'out', op: frame.op, t: frame.t ?? null, d: frame.d });
    session.socket.send(JSON.stringify({ t: null, s: null, d: null, ...frame }));
  }
}

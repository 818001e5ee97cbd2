/**
 * Slack's Socket Mode on 127.0.0.1: `apps.connections.open` (on the fake Web API) hands out a
 * ws:// URL to this server, which greets the client with `hello` and then delivers envelopes
 * (`slash_commands`, `interactive`, `events_api`) and collects the client's acknowledgements.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { FakeSlack } from './fake-slack.js';

export interface FakeSocketMode {
  /** Resolves when a client has connected and been greeted. */
  connected(): Promise<void>;
  /** Delivers an envelope and resolves with the client's acknowledgement payload. */
  deliver(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, extra?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Resolves when the client has closed its connection. */
  closedByClient(): Promise<void>;
  close(): Promise<void>;
}

export async function attachSocketMode(fake: FakeSlack): Promise<FakeSocketMode> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  fake.handle('apps.connections.open', () => ({ ok: true, url }));

  let socket: WebSocket | undefined;
  const acks = new Map<string, (payload: Record<string, unknown>) => void>();
  let onConnect: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnect = resolve));
  let onClose: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (onClose = resolve));

  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (msg.envelope_id) acks.get(msg.envelope_id)?.(msg.payload ?? {});
    });
    ws.on('close', () => onClose());
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP0001' } }));
    onConnect();
  });

  return {
    connected: () => connected,
    deliver(type, payload, extra = {}) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error('fake-socket-mode: no client connected'));
      const envelope_id = randomUUID();
      const acked = new Promise<Record<string, unknown>>((resolve) => acks.set(envelope_id, resolve));
      socket.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api', ...extra }));
      return acked;
    },
    closedByClient: () => closed,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of wss.clients) client.terminate();
        wss.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

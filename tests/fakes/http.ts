/** Plumbing the loopback servers share: fake Discord, fake Slack and the feed server. */
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The whole request body, as UTF-8 text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Listens on 127.0.0.1 at an ephemeral port; resolves with the origin, `http://127.0.0.1:<port>`. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes the server, dropping open (keep-alive) connections instead of waiting for clients to hang up. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.closeAllConnections();
    server.close((err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Resolves with `pick()`'s first truthy result, checked now and after every `event` on `events`.
 * No timer of its own: the test's timeout applies.
 */
export function whenTrue<T>(events: EventEmitter, event: string, pick: () => T | undefined | null | false): Promise<T> {
  return new Promise<T>((resolve) => {
    const check = () => {
      const found = pick();
      if (!found) return;
      events.off(event, check);
      resolve(found);
    };
    events.on(event, check);
    check();
  });
}

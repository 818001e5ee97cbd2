import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, HTTPReceiver, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import { checkSlackSignature } from './request-signature.js';

/** Where Slack sends slash commands, interactions and events (one Request URL for all three). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Slack's payloads are a few kilobytes; anything far larger is not from Slack. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** How the HTTP receiver verifies and where it listens. */
export interface GuardedHttpReceiverOptions {
  /** `SLACK_SIGNING_SECRET` (Basic Information → App Credentials). */
  signingSecret: string;
  log: Logger;
  boltLogger: BoltLogger;
  /** Default port for `start()` (0 = any free port). */
  port: number;
  /** Interface to listen on; default all interfaces (Slack must reach it, usually via a proxy). */
  host?: string;
  maxBodyBytes?: number;
  /** The clock the timestamp window is checked against (tests pin it). */
  now?: () => number;
}

/**
 * Bolt's HTTPReceiver behind a gate that runs before Bolt sees a byte:
 *
 * - bodies over `maxBodyBytes` are refused with 413 (Bolt buffers bodies without a limit);
 * - the signature is always verified, and a timestamp more than five minutes away in either
 *   direction is refused with 401 (Bolt refuses only old ones) — nothing is dispatched;
 * - Slack's unsigned `ssl_check` probe is answered 200 without dispatching anything.
 *
 * Requests that pass are handed to Bolt's own listener (which verifies again, harmlessly), so
 * acknowledgement, url_verification and retries behave exactly as Bolt documents. Log lines name
 * the reason for a refusal, never a header value or the body.
 */
export class GuardedHttpReceiver implements Receiver {
  private readonly inner: HTTPReceiver;
  private server?: Server;

  constructor(private readonly options: GuardedHttpReceiverOptions) {
    this.inner = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: [SLACK_EVENTS_PATH],
      logger: options.boltLogger,
      signatureVerification: true,
    });
  }

  init(app: App): void {
    this.inner.init(app);
  }

  /** Listens on `port` (default: the configured one); resolves once listening. */
  start(port: number = this.options.port): Promise<Server> {
    if (this.server) return Promise.reject(new Error('slack: the HTTP receiver is already started'));
    const server = createServer((req, res) => this.handle(req, res));
    // Slack sends small bodies at once; a client that trickles one is holding a socket, not talking.
    server.headersTimeout = 10_000;
    server.requestTimeout = 15_000;
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (err) => {
        this.server = undefined;
        reject(new Error(`slack: cannot listen on port ${port}: ${err.message}`));
      });
      server.listen(port, this.options.host, () => resolve(server));
    });
  }

  /** The port actually listened on (useful with port 0), once started. */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
  }

  /** Stops listening and closes open connections. Safe to call when not started. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== SLACK_EVENTS_PATH) {
      res.writeHead(404).end();
      req.resume();
      return;
    }
    const max = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (Number(req.headers['content-length'] ?? 0) > max) return this.refuseTooLarge(req, res);

    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > max) {
        refused = true;
        this.refuseTooLarge(req, res);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      refused = true;
      if (!res.headersSent) res.writeHead(400).end();
    });
    req.on('end', () => {
      if (!refused) this.admit(req, res, Buffer.concat(chunks));
    });
  }

  private admit(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    if (isSslCheck(req, body)) {
      res.writeHead(200).end();
      return;
    }
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const check = checkSlackSignature(
      this.options.signingSecret,
      { body, timestamp: header('x-slack-request-timestamp'), signature: header('x-slack-signature') },
      (this.options.now ?? Date.now)(),
    );
    if (!check.ok) {
      this.options.log.warn('slack: request refused', { reason: check.reason, status: 401 });
      res.writeHead(401).end();
      return;
    }
    // Bolt reuses an already-buffered body (BufferedIncomingMessage) instead of reading the stream.
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    this.inner.requestListener(req, res);
  }

  private refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
    this.options.log.warn('slack: request refused', { reason: 'body-too-large', status: 413 });
    // `Connection: close` makes Node drop the rest of the upload after answering.
    if (!res.headersSent) res.writeHead(413, { connection: 'close', 'content-type': 'text/plain' }).end('request body too large');
    req.resume();
  }
}

/** Slack's SSL probe (`ssl_check=1`, possibly unsigned): answered, never dispatched. */
function isSslCheck(req: IncomingMessage, body: Buffer): boolean {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return false;
  return new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1';
}

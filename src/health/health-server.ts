import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger.js';

/** One part of the bot's health: `ok` and whatever tells an operator why not. */
export interface HealthPart {
  ok: boolean;
  [detail: string]: unknown;
}

/** Each part by name (`discord`, `slack`, `list`, `watch`, `database`), read fresh on every request. */
export type HealthCheck = () => Record<string, HealthPart>;

export interface HealthServer {
  /** The port listened on (useful with HEALTH_PORT=0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * `GET /healthz` (HEALTH_PORT, HEALTH_HOST): the state of every part as JSON — 200 when all are
 * ok, 503 when one is not, so a container health check, systemd's watchdog script or a load
 * balancer can act on the status alone. Nothing else is served; nothing secret is in it.
 */
export async function startHealthServer(options: { port: number; host: string; check: HealthCheck; log: Logger }): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://health').pathname;
    if (path !== '/healthz') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found: try GET /healthz"}\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' }).end('{"error":"method not allowed"}\n');
      return;
    }
    let body: string;
    let status: number;
    try {
      const parts = options.check();
      const ok = Object.values(parts).every((p) => p.ok);
      status = ok ? 200 : 503;
      body = JSON.stringify({ status: ok ? 'ok' : 'degraded', checkedAt: new Date().toISOString(), ...parts });
    } catch (err) {
      status = 503;
      body = JSON.stringify({ status: 'degraded', error: err instanceof Error ? err.message : String(err) });
    }
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : `${body}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`health: cannot listen on ${options.host}:${options.port} (${err.code ?? err.message}); set HEALTH_PORT to a free port`);
  });
  const port = (server.address() as AddressInfo).port;
  options.log.info('health: serving GET /healthz', { host: options.host, port });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

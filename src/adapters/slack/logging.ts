import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

// Slack token shapes (bot, user, app-level, config, refresh): redacted even when we were not told them.
const TOKEN = /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g;
const REDACTED = '[redacted]';

/**
 * Wraps a logger so no secret reaches the log: the configured secrets (bot token, app token,
 * signing secret) and anything shaped like a Slack token are replaced, in messages and in extra
 * values. Errors are logged by message only: an HTTP client's error object carries request headers.
 */
export function redactingLogger(log: Logger, secrets: readonly (string | undefined)[]): Logger {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const redact = (text: string) => known.reduce((t, s) => t.split(s).join(REDACTED), text).replace(TOKEN, REDACTED);
  const clean = (value: unknown): unknown => {
    if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'string') return redact(value);
    if (value instanceof Error) return redact(value.message);
    return redact(JSON.stringify(value) ?? String(value));
  };
  const wrap =
    (write: Logger['info']) =>
    (msg: string, extra?: Record<string, unknown>) =>
      write(redact(msg), extra && Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, clean(v)])));
  return { info: wrap(log.info.bind(log)), warn: wrap(log.warn.bind(log)), error: wrap(log.error.bind(log)) };
}

/**
 * Bolt's logger interface over ours (pass a redacting one). Bolt's debug output is dropped: in
 * developer mode it dumps whole payloads.
 */
export function boltLogger(log: Logger): BoltLogger {
  const line = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => log.info(`slack/bolt: ${line(msg)}`),
    warn: (...msg: unknown[]) => log.warn(`slack/bolt: ${line(msg)}`),
    error: (...msg: unknown[]) => log.error(`slack/bolt: ${line(msg)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

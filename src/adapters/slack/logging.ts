import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { type Logger, redactSecrets } from '../../core/logger.js';

/**
 * Wraps a logger so no secret reaches the log, whatever logger the adapter was given: the
 * configured secrets (bot token, app token, signing secret) and anything shaped like a token are
 * replaced, in messages and in extra values. Errors are logged by message only: an HTTP client's
 * error object carries request headers.
 */
export function redactingLogger(log: Logger, secrets: readonly (string | undefined)[]): Logger {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const redact = (text: string) => redactSecrets(text, known);
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
  return { debug: wrap(log.debug.bind(log)), info: wrap(log.info.bind(log)), warn: wrap(log.warn.bind(log)), error: wrap(log.error.bind(log)) };
}

/**
 * Bolt's logger interface over ours (pass a redacting one). Bolt's debug output goes to our
 * debug level (LOG_LEVEL=debug), redacted like everything else.
 */
export function boltLogger(log: Logger): BoltLogger {
  const line = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => log.debug(`slack/bolt: ${line(msg)}`),
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

import { createRequire } from 'node:module';
import type { DestinationStream, Logger as PinoLogger, pino as pinoFactory } from 'pino';

// pino is loaded by the first line logged: a command that logs nothing (`curator ask "search clip"`) never loads it.
const requireHere = createRequire(import.meta.url);
const loadPino = () => (requireHere('pino') as { pino: typeof pinoFactory }).pino;

/** The small logging surface the bot uses. `extra` fields become structured keys of the line. */
export interface Logger {
  debug(msg: string, extra?: Record<string, unknown>): void;
  info(msg: string, extra?: Record<string, unknown>): void;
  warn(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
/** `json`: one JSON object per line (for log collectors); `pretty`: coloured, for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level?: LogLevel;
  /** Default: pretty when the destination is a terminal, else json. */
  format?: LogFormat;
  /** Where lines go. Default: stderr (stdout stays free for replies and `--json`). */
  stream?: NodeJS.WritableStream;
  /** Append to this file instead (created with its folder when missing). */
  file?: string;
  /** Values never to print (tokens, signing secrets): replaced wherever they appear. */
  secrets?: readonly (string | undefined)[];
}

const REDACTED = '[redacted]';
/**
 * Token shapes redacted even when we were not told them: Slack (bot, user, app-level, config,
 * refresh), GitHub (classic and fine-grained), Discord bot tokens, and HTTP authorization values.
 */
const TOKEN_SHAPES = [
  /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\b[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,40}\b/g,
  /\b(Bearer|Bot|token)\s+[A-Za-z0-9._~+/-]{16,}=*/gi,
];

/** Replaces the given secrets and anything shaped like a token in `text`. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = secrets.reduce((t, s) => t.split(s).join(REDACTED), text);
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, REDACTED);
  return out;
}

/**
 * Structured logs through pino: JSON lines when stderr is not a terminal (containers, systemd,
 * log collectors), pretty and coloured on a terminal. Secrets are redacted from messages and from
 * every field value before a line is written. Writes are synchronous, so a short-lived command
 * never exits with lines still buffered.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.file ? undefined : (options.stream ?? process.stderr);
  const isTty = (stream as NodeJS.WriteStream | undefined)?.isTTY === true;
  const format = options.format ?? (isTty ? 'pretty' : 'json');
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') return redactSecrets(value, secrets);
    if (value instanceof Error) return redactSecrets(value.message, secrets);
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
    return value;
  };
  const level = options.level ?? 'info';
  let base: PinoLogger | undefined;
  const open = (): PinoLogger => {
    const pino = loadPino();
    const destination: DestinationStream = !stream
      ? pino.destination({ dest: options.file, sync: true, mkdir: true, append: true })
      : format === 'pretty'
        ? prettyStream(stream, isTty)
        : (stream as DestinationStream);
    return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, destination);
  };
  const write = (lineLevel: LogLevel) => (msg: string, extra?: Record<string, unknown>) => {
    if (RANK[lineLevel] < RANK[level]) return;
    base ??= open();
    base[lineLevel](extra ? (clean(extra) as Record<string, unknown>) : {}, redactSecrets(msg, secrets));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** pino-pretty, loaded only when a person is reading (it is not needed for JSON lines). */
function prettyStream(stream: NodeJS.WritableStream, colorize: boolean): DestinationStream {
  // A synchronous require keeps createLogger synchronous; pino-pretty is CommonJS.
  const pretty = requirePretty();
  return pretty({ destination: stream, sync: true, colorize: colorize && !process.env.NO_COLOR, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true });
}

const requirePretty = () => requireHere('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;

/** A logger that remembers lines, for tests that assert "logged once". */
export function createMemoryLogger(): Logger & { lines: { level: string; msg: string; extra?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; extra?: Record<string, unknown> }[] = [];
  const at = (level: LogLevel) => (msg: string, extra?: Record<string, unknown>) => void lines.push({ level, msg, extra });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

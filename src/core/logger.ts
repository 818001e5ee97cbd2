/** The small logging surface the bot uses; `console`-backed by default, silent in tests. */
export interface Logger {
  info(msg: string, extra?: Record<string, unknown>): void;
  warn(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

export type LogLevel = 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { info: 0, warn: 1, error: 2 };

/**
 * Logs one line per event to stderr: `time level message key=value …` (stdout stays free for
 * `--json`). Lines below `level` are dropped.
 */
export function createLogger(stream: NodeJS.WritableStream = process.stderr, level: LogLevel = 'info'): Logger {
  const write = (lineLevel: LogLevel, msg: string, extra?: Record<string, unknown>) => {
    if (RANK[lineLevel] < RANK[level]) return;
    const kv = extra
      ? Object.entries(extra)
          .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v ?? null)}`)
          .join(' ')
      : '';
    stream.write(`${new Date().toISOString()} ${lineLevel} ${msg}${kv ? ' ' + kv : ''}\n`);
  };
  return {
    info: (m, e) => write('info', m, e),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
  };
}

/** A logger that remembers lines, for tests that assert "logged once". */
export function createMemoryLogger(): Logger & { lines: { level: string; msg: string; extra?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; extra?: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (msg, extra) => lines.push({ level: 'info', msg, extra }),
    warn: (msg, extra) => lines.push({ level: 'warn', msg, extra }),
    error: (msg, extra) => lines.push({ level: 'error', msg, extra }),
  };
}

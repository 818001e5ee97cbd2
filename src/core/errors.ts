/**
 * An expected failure caused by the user's input (bad option, nothing found, stale page).
 * The registry turns it into a short reply; it is never logged as a bug.
 * `code` is a stable identifier scripts and tests may match on.
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** True for errors the user caused and can fix. */
export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** The message of anything thrown (an Error's message, else the value as text), for logs and replies. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}

/** The stack of an Error (its message when it has none), else the value as text: for logs of our own failures. */
export function errorStack(err: unknown): string {
  return err instanceof Error && err.stack ? err.stack : String(err);
}

/**
 * For a failure of the bot's machine rather than of the request — a full disk, a file it may not
 * write, a damaged database — the one line a user should see instead of "something went wrong".
 * Recognised by the error's `code` (from the file system, SQLite or the db module).
 */
export function machineTrouble(err: unknown): string | undefined {
  const code = String((err as { code?: unknown } | undefined)?.code ?? '');
  if (['ENOSPC', 'EDQUOT', 'SQLITE_FULL', 'db-full'].includes(code)) return "The bot's disk is full, so nothing was changed. Its operator needs to free some space.";
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY') || code === 'db-read-only') return 'The bot cannot write its files right now, so nothing was changed. Its operator needs to fix the permissions.';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'db-corrupt') return "The bot's database is damaged, so nothing was changed. Its operator needs to restore it.";
  return undefined;
}

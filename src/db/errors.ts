/**
 * The database could not be used: it names the file and says what to do. The SQLite error code
 * (or the file system's) is kept as `cause` for the log.
 */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
  constructor(
    readonly file: string,
    /** Stable: `db-unopenable`, `db-read-only`, `db-corrupt`, `db-full`, `db-busy`, `db-failed`. */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`db: ${message}`, options);
  }
}

/** Which database problem an error from SQLite or the file system is, in words an operator can act on. */
export function databaseError(file: string, err: unknown): DatabaseError {
  if (err instanceof DatabaseError) return err;
  const code = String((err as { code?: unknown })?.code ?? '');
  const detail = err instanceof Error ? err.message : String(err);
  const say = (kind: string, text: string) => new DatabaseError(file, kind, `${text} (${code || detail})`, { cause: err });
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return say('db-full', `the disk holding ${file} is full; free some space (nothing was changed)`);
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return say('db-read-only', `${file} cannot be written by this user; fix its permissions (and its folder's), or set DATA_DIR to a writable folder`);
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return say('db-corrupt', `${file} is damaged or not a curator database; move it aside to start afresh, or restore a backup`);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR') return say('db-unopenable', `cannot open ${file}; check that DATA_DIR exists and is a folder this user can write`);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return say('db-busy', `${file} stayed locked by another process; try again`);
  return say('db-failed', `${file} could not be used: ${detail}`);
}

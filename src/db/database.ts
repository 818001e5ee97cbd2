/**
 * The one SQLite database (`curator.db` under DATA_DIR) that holds everything the bot must not
 * lose. Each room keeps its own tables beside its code (arxiv/feed-store.ts, triage/store.ts,
 * triage/outbox.ts, watch/digest-store.ts); this module only opens the file, sets it up and runs
 * the one list of migrations (migrations.ts).
 */
import { mkdirSync, statfsSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DatabaseError, databaseError } from './errors.js';
import { migrate } from './migrations.js';

/** An open connection to curator.db (better-sqlite3: synchronous, one per process). */
export type Database = BetterSqlite3.Database;

/** The file name under DATA_DIR. */
export const DB_FILE = 'curator.db';

/** `<dataDir>/curator.db`. */
export function dbPath(dataDir: string): string {
  return path.join(dataDir, DB_FILE);
}

export interface OpenOptions {
  /** Open an existing database without writing anything (no migrations, no pragmas that write). */
  readonly?: boolean;
  /** How long to wait for another process's write lock (ms). Default 5000. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating it and its directory when needed) and migrates a database file; `:memory:`
 * gives a private in-memory one (dry runs, tests). Close it on shutdown.
 *
 * WAL lets the CLI read while the bot writes. synchronous=FULL: each commit is fsynced, so a
 * recorded post or decision survives a power cut — the outbox's "never post twice" depends on
 * it — and at a handful of commits per poll the cost does not show. busy_timeout covers a
 * `curator poll` run beside the bot; foreign keys keep votes and messages pointing at candidates.
 * A file that cannot be opened, written or trusted (`quick_check` finds damage) is refused with a
 * {@link DatabaseError} naming it and saying what to do.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  let db: Database | undefined;
  try {
    if (file !== ':memory:' && !options.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new BetterSqlite3(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    if (!options.readonly) {
      // Before anything writes: a database with damaged pages must not be written further.
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new DatabaseError(file, 'db-corrupt', `${file} is damaged (quick_check: ${String(check).replace(/\s+/g, ' ').trim()}); move it aside to start afresh, or restore a backup`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    }
  } catch (err) {
    db?.close();
    throw databaseError(file, err);
  }
  return db;
}

/** A fresh in-memory database (dry runs, tests). */
export function memoryDatabase(): Database {
  return openDatabase(':memory:');
}

/**
 * Runs `fn` in one transaction: a crash leaves the state before or after it, never between.
 * Nested calls join the outer transaction (better-sqlite3 makes them savepoints), so a room's
 * store method and a caller combining two rooms' writes (a poll) compose.
 */
export function transaction<T>(db: Database, fn: () => T): T {
  return db.transaction(fn)();
}

/** Less free space than this on the database's disk counts as a problem (a poll writes a few MB at most). */
const LOW_DISK_BYTES = 16 * 1024 * 1024;

/**
 * Whether the database takes a write now — the write lock can be had (not read-only, not held by
 * someone for long) and its disk has room — for GET /healthz. Writes nothing.
 */
export function databaseHealth(db: Database): { ok: boolean; file: string; writable: boolean; freeBytes?: number; error?: string } {
  const file = db.name;
  let writable = true;
  let error: string | undefined;
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
  } catch (err) {
    writable = false;
    error = databaseError(file, err).message;
  }
  let freeBytes: number | undefined;
  if (file !== ':memory:') {
    try {
      const fs = statfsSync(path.dirname(file));
      freeBytes = fs.bavail * fs.bsize;
    } catch {
      freeBytes = undefined;
    }
  }
  const roomy = freeBytes === undefined || freeBytes >= LOW_DISK_BYTES;
  return { ok: writable && roomy, file, writable, ...(freeBytes !== undefined && { freeBytes }), ...(error && { error }), ...(!roomy && { error: `db: the disk holding ${file} is nearly full (${freeBytes} bytes free)` }) };
}

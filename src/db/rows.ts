/**
 * Typed access to rows, in one place. A store declares the row of its table as an interface
 * (snake_case columns, `| null` where SQL allows NULL) and reads it with {@link one} / {@link all};
 * the helpers below turn columns into the record the rest of the code sees, so no store needs a
 * cast per column.
 */
import type { Database } from './database.js';

/** Values a statement can bind (what better-sqlite3 accepts; `undefined` is not one of them). */
export type SqlValue = string | number | bigint | Buffer | null;

/** The first row `sql` returns, typed as the store's row interface; undefined when none. */
export function one<R>(db: Database, sql: string, ...params: SqlValue[]): R | undefined {
  return db.prepare<SqlValue[], R>(sql).get(...params);
}

/** Every row `sql` returns, typed as the store's row interface. */
export function all<R>(db: Database, sql: string, ...params: SqlValue[]): R[] {
  return db.prepare<SqlValue[], R>(sql).all(...params);
}

/** The first column of every row (`SELECT id FROM …`). */
export function column<V>(db: Database, sql: string, ...params: SqlValue[]): V[] {
  return db.prepare<SqlValue[], V>(sql).pluck().all(...params);
}

/** The first column of the first row (`SELECT COUNT(*) …`); undefined when there is no row. */
export function value<V>(db: Database, sql: string, ...params: SqlValue[]): V | undefined {
  return db.prepare<SqlValue[], V>(sql).pluck().get(...params);
}

/** Runs a statement that writes; resolves to how many rows it changed. */
export function run(db: Database, sql: string, ...params: SqlValue[]): number {
  return db.prepare<SqlValue[]>(sql).run(...params).changes;
}

/** A nullable column as an optional field. */
export function optional<T>(value: T | null): T | undefined {
  return value ?? undefined;
}

/** A JSON text column (lists and objects are stored as JSON); NULL → undefined. */
export function fromJson<T>(text: string | null): T | undefined {
  return text === null ? undefined : (JSON.parse(text) as T);
}

/** A value for a JSON text column; undefined → NULL. */
export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Leaves optional fields out instead of setting them to undefined (tidier JSON and deep equality). */
export function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

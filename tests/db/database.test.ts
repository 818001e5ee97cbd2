import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Database, dbPath, openDatabase } from '../../src/db/database.js';
import { MIGRATIONS } from '../../src/db/migrations.js';
import { TriageStore } from '../../src/triage/store.js';
import { composeDigest } from '../../src/watch/digest.js';
import { watchStores } from '../../src/watch/stores.js';
import { pollWith } from '../helpers/db.js';
import { tempDir } from '../helpers/fixtures.js';

const tmp = tempDir();
const open: Database[] = [];
afterEach(() => {
  open.splice(0).forEach((db) => db.open && db.close());
});
afterAll(() => tmp.cleanup());

function openAt(name: string, options?: { readonly?: boolean }): Database {
  const db = openDatabase(dbPath(tmp.path(name)), options);
  open.push(db);
  return db;
}

describe('curator.db', () => {
  it('creates curator.db (and its folder) in WAL mode with full sync, foreign keys and the latest schema', () => {
    const db = openAt('fresh/nested');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('reopens an existing database without migrating it again, keeping its rows', () => {
    const first = openAt('reopen');
    pollWith(watchStores(first), 'f', 1, [['2604.00001', 0.9]]);
    first.close();
    expect(new TriageStore(openAt('reopen')).candidateByArxivId('2604.00001')?.score).toBe(0.9);
  });

  it('refuses a database from a newer version of the bot', () => {
    const file = dbPath(tmp.path('newer'));
    openAt('newer').close();
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer than this code knows/);
  });

  it('a read-only connection reads an existing database and cannot write it', () => {
    pollWith(watchStores(openAt('ro')), 'f', 1, [['2604.00001', 0.9]]);
    const reader = watchStores(openAt('ro', { readonly: true }));
    expect(reader.triage.undigested().map((c) => c.arxivId)).toEqual(['2604.00001']);
    expect(() => composeDigest(reader, '2026-04-20', 10, 1)).toThrow(/readonly/);
  });
});

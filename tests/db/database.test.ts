import { openSync, readFileSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dbPath, openDatabase } from '../../src/db/database.js';
import { DatabaseError, databaseError } from '../../src/db/errors.js';
import { tempDir } from '../helpers/fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function dataDir() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t;
}

describe('a database that cannot be trusted or used', () => {
  it('that is not a database is refused, naming the file and what to do', () => {
    const t = dataDir();
    writeFileSync(dbPath(t.dir), 'this is not sqlite, just some text that is long enough to look like a header block. '.repeat(100));
    const err = (() => {
      try {
        openDatabase(dbPath(t.dir));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err).toMatchObject({ code: 'db-corrupt', file: dbPath(t.dir) });
    expect((err as Error).message).toMatch(new RegExp(`^db: ${dbPath(t.dir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged or not a curator database; move it aside to start afresh, or restore a backup`));
  });

  it('with damaged pages is refused at open (quick_check) before anything writes to it', () => {
    const t = dataDir();
    const file = dbPath(t.dir);
    const db = openDatabase(file);
    const insert = db.prepare('INSERT INTO papers_seen (arxiv_id, title, first_seen) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`2604.${String(10000 + i)}`, `A paper about vision and language, number ${i}`, i);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Scribble over a page in the middle of the file (not the header: the file still opens).
    const size = readFileSync(file).length;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const before = readFileSync(file);
    // Either quick_check reports the damage or SQLite stops at it: refused, naming the file, either way.
    expect(() => openDatabase(file)).toThrow(/^db: .*curator\.db is damaged.*; move it aside to start afresh, or restore a backup/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('maps the file system’s and SQLite’s codes to what the operator can do', () => {
    const f = '/srv/bot/data/curator.db';
    expect(databaseError(f, Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }))).toMatchObject({ code: 'db-read-only', message: expect.stringMatching(/^db: \/srv\/bot\/data\/curator\.db cannot be written by this user; fix its permissions .*or set DATA_DIR/) });
    expect(databaseError(f, Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toMatchObject({ code: 'db-full', message: expect.stringContaining('the disk holding /srv/bot/data/curator.db is full') });
    expect(databaseError(f, Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' }))).toMatchObject({ code: 'db-unopenable' });
  });

  it('a folder that is not one is named', () => {
    const t = dataDir();
    writeFileSync(t.path('not-a-dir'), 'x');
    expect(() => openDatabase(dbPath(t.path('not-a-dir')))).toThrow(/not-a-dir\/curator\.db/);
  });
});

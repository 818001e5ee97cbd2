/**
 * curator.db for tests: one room's store over its own connection (to seed or read a database a
 * bot process uses), and a poll recorded by hand.
 */
import type { FeedPaper } from '../../src/arxiv/paper.js';
import { type Database, dbPath, type OpenOptions, openDatabase } from '../../src/db/database.js';
import type { Assessment } from '../../src/core/services.js';
import { recordPoll } from '../../src/watch/poll.js';
import { watchStores, type WatchStores } from '../../src/watch/stores.js';
import { tempDir } from './fixtures.js';

/** A store together with the connection it runs on; `close()` closes the connection. */
export type OpenedStore<S> = S & { connection: Database; close(): void };

/** Opens `file` (`:memory:` for a private one) and puts `Store` over it. */
export function openStore<S extends object>(Store: new (db: Database) => S, file: string, options?: OpenOptions): OpenedStore<S> {
  const connection = openDatabase(file, options);
  return Object.assign(new Store(connection), { connection, close: () => void connection.close() });
}

/** Databases in a temp dir, one per name: `closeAll()` after each test, `cleanup()` after all. */
export function tempDatabases() {
  const tmp = tempDir();
  const open: Database[] = [];
  const closeAll = () => open.splice(0).forEach((db) => db.open && db.close());
  return {
    /** The watch's stores over `<tmp>/<name>/curator.db`. */
    stores(name: string): WatchStores {
      const db = openDatabase(dbPath(tmp.path(name)));
      open.push(db);
      return watchStores(db);
    },
    closeAll,
    cleanup() {
      closeAll();
      tmp.cleanup();
    },
  };
}

export function storedPaper(id: string, title = `Paper ${id}`): FeedPaper {
  return { arxivId: id, title, abstract: 'About things.', authors: ['A. Author'], categories: ['cs.CV'], announceType: 'new', link: `https://arxiv.org/abs/${id}` };
}

export const storedAssessment = (score: number): Assessment => ({ score, sections: [{ path: ['Methods', 'Adapters'], score: 0.7 }], reasons: ['matches: clip'], nearest: [] });

/** Records a successful poll of `feed` at `at` that found these candidates ([arXiv id, score]). */
export function pollWith(stores: Pick<WatchStores, 'db' | 'feeds' | 'triage'>, feed: string, at: number, candidates: [string, number][]): void {
  recordPoll(stores, {
    feed,
    startedAt: at,
    finishedAt: at + 1,
    outcome: 'ok',
    validator: {},
    seen: candidates.map(([id]) => storedPaper(id)),
    candidates: candidates.map(([id, score]) => ({ paper: storedPaper(id), assessment: storedAssessment(score) })),
    counts: { items: candidates.length, fresh: candidates.length, scored: candidates.length, candidates: candidates.length, skipped: 0 },
  });
}

/**
 * The relevance model's learned updates in curator.db (table `relevance_updates`, see
 * ../db/migrations.ts): what `curator relevance retrain` (or the watch's schedule) learned from
 * maintainers' decisions, newest last. Only the newest few are kept; the shipped model file is never
 * touched.
 */
import type { Database } from '../db/database.js';
import { fromJson, one, run } from '../db/rows.js';
import type { RelevanceUpdate } from '../relevance/retrain.js';

/** An update as stored. */
export interface StoredUpdate {
  id: number;
  /** When it was learned (ms since the epoch). */
  createdAt: number;
  update: RelevanceUpdate;
}

/** How many updates are kept (older ones are history nobody reads). */
const KEEP = 3;

export class RelevanceUpdateStore {
  constructor(private readonly db: Database) {}

  /** The newest update, if any. */
  latest(): StoredUpdate | undefined {
    const row = one<{ id: number; created_at: number; body: string }>(this.db, 'SELECT id, created_at, body FROM relevance_updates ORDER BY id DESC LIMIT 1');
    const update = row && fromJson<RelevanceUpdate>(row.body);
    return row && update ? { id: row.id, createdAt: row.created_at, update } : undefined;
  }

  /** Records a new update (one transaction) and forgets all but the newest few. */
  save(update: RelevanceUpdate, createdAt: number): StoredUpdate {
    return this.db.transaction(() => {
      run(this.db, 'INSERT INTO relevance_updates (created_at, prior, decisions, body) VALUES (?, ?, ?, ?)', createdAt, update.prior, update.decisions.total, JSON.stringify(update));
      const id = Number(one<{ id: number }>(this.db, 'SELECT last_insert_rowid() AS id')!.id);
      run(this.db, 'DELETE FROM relevance_updates WHERE id <= ?', id - KEEP);
      return { id, createdAt, update };
    })();
  }
}

/**
 * The digests composed so far (table `digests`): one row per day, written when the digest of that
 * day fixes what it covers, completed when every enabled platform has all of it. Which candidates a
 * digest covers is marked on the candidates themselves (triage/store.ts: coverInDigest).
 */
import type { Database } from '../db/database.js';
import { dropUndefined, one, optional, run } from '../db/rows.js';

export interface DigestRow {
  day: string;
  startedAt: number;
  /** Candidates posted (at most DIGEST_MAX). */
  shown: number;
  /** Candidates it covered, shown or not. */
  covered: number;
  /** When every enabled platform had all of it. */
  postedAt?: number;
}

interface DigestRowSql {
  day: string;
  started_at: number;
  shown: number;
  covered: number;
  posted_at: number | null;
}

export class DigestStore {
  constructor(private readonly db: Database) {}

  digest(day: string): DigestRow | undefined {
    const r = one<DigestRowSql>(this.db, 'SELECT * FROM digests WHERE day = ?', day);
    return r && dropUndefined({ day: r.day, startedAt: r.started_at, shown: r.shown, covered: r.covered, postedAt: optional(r.posted_at) });
  }

  /** The most recent digest composed, if any. */
  latestDigest(): DigestRow | undefined {
    const r = one<DigestRowSql>(this.db, 'SELECT * FROM digests ORDER BY day DESC LIMIT 1');
    return r && dropUndefined({ day: r.day, startedAt: r.started_at, shown: r.shown, covered: r.covered, postedAt: optional(r.posted_at) });
  }

  /** Records the digest of `day` as composed (once: the caller checks {@link digest} in the same transaction). */
  addDigest(day: string, startedAt: number, shown: number, covered: number): void {
    run(this.db, 'INSERT INTO digests (day, started_at, shown, covered) VALUES (?, ?, ?, ?)', day, startedAt, shown, covered);
  }

  markDigestPosted(day: string, now: number): void {
    run(this.db, 'UPDATE digests SET posted_at = ? WHERE day = ? AND posted_at IS NULL', now, day);
  }
}

/**
 * The schema of `curator.db`, as ONE ordered list of migrations kept in code for the whole
 * database. `PRAGMA user_version` records how many have run; `migrate` runs the rest, each in its
 * own transaction, so a database is always at one version or the next — never half-way. Never edit
 * a shipped migration: append one (a room that needs a new table or column adds it here).
 *
 * Who reads and writes which tables:
 *   feeds, papers_seen, polls           arxiv/feed-store.ts
 *   candidates, votes, decisions        triage/store.ts
 *   posted_messages (the outbox)        triage/outbox.ts
 *   digests                             watch/digest-store.ts
 *   publications, publish_branches,     publish/publication-store.ts
 *   publish_state
 *   relevance_updates                   watch/relevance-store.ts
 *
 * Times are integers (ms since the epoch, UTC); days are `YYYY-MM-DD` in the bot's timezone (TZ);
 * lists and objects are JSON text.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** What it adds, for the log. */
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'arXiv watch: feeds, seen papers, candidates, polls, outbox, votes, decisions, digests',
    sql: `
      -- One row per feed URL (or file) ever polled.
      CREATE TABLE feeds (
        url              TEXT PRIMARY KEY,
        etag             TEXT,
        last_modified    TEXT,
        last_success     INTEGER,           -- last poll that got an answer (200 or 304)
        last_new         INTEGER,           -- last poll that brought papers never seen before
        last_error       TEXT,              -- message of the last failure, cleared by a success
        last_error_code  TEXT,              -- FeedError code ('feed-timeout', …) or 'internal'
        last_error_at    INTEGER,
        stale_alerted    INTEGER            -- last_new (0 when none) at the time a stale alert went out
      );

      -- Every new/cross-listed paper a poll has looked at, so the next poll skips it.
      CREATE TABLE papers_seen (
        arxiv_id    TEXT PRIMARY KEY,       -- versionless
        first_seen  INTEGER NOT NULL,
        title       TEXT NOT NULL,
        feed        TEXT
      );

      -- Papers worth a maintainer's look. status: pending | approved | rejected (a TS union, not a
      -- CHECK, so the triage state machine can grow without rebuilding the table).
      CREATE TABLE candidates (
        id               INTEGER PRIMARY KEY,
        arxiv_id         TEXT NOT NULL UNIQUE,
        version          INTEGER,
        title            TEXT NOT NULL,
        abstract         TEXT NOT NULL DEFAULT '',
        authors          TEXT NOT NULL DEFAULT '[]',
        categories       TEXT NOT NULL DEFAULT '[]',
        announce_type    TEXT,
        link             TEXT NOT NULL,
        comment          TEXT,
        journal_ref      TEXT,
        published        TEXT,
        score            REAL NOT NULL,
        sections         TEXT NOT NULL DEFAULT '[]',   -- [{ path: string[], score }], best first
        reasons          TEXT NOT NULL DEFAULT '[]',
        nearest          TEXT NOT NULL DEFAULT '[]',
        source           TEXT NOT NULL,               -- the feed URL, or 'suggest' etc.
        status           TEXT NOT NULL DEFAULT 'pending',
        created_at       INTEGER NOT NULL,
        digest_day       TEXT,                        -- the digest that covered it
        digest_rank      INTEGER,                     -- its place in that digest; NULL = not shown (over DIGEST_MAX)
        decided_at       INTEGER,
        decided_by       TEXT,                        -- JSON list of "platform:user" ids
        decided_section  TEXT,                        -- JSON heading path
        decided_line     TEXT                         -- the list line an approval added (for undo)
      );
      CREATE INDEX candidates_created ON candidates (created_at);
      CREATE INDEX candidates_pending ON candidates (status, digest_day);

      -- One row per feed per poll: the history /vlm news and operators read.
      CREATE TABLE polls (
        id            INTEGER PRIMARY KEY,
        feed          TEXT NOT NULL,
        started_at    INTEGER NOT NULL,
        finished_at   INTEGER NOT NULL,
        outcome       TEXT NOT NULL,               -- ok | not-modified | error
        items         INTEGER NOT NULL DEFAULT 0,  -- papers in the feed
        fresh         INTEGER NOT NULL DEFAULT 0,  -- new/cross papers never seen before
        scored        INTEGER NOT NULL DEFAULT 0,
        candidates    INTEGER NOT NULL DEFAULT 0,
        skipped       INTEGER NOT NULL DEFAULT 0,  -- items that could not become papers
        error_code    TEXT,
        error         TEXT
      );
      CREATE INDEX polls_feed ON polls (feed, started_at);

      -- The outbox: every message the bot means to post, recorded before it is posted and completed
      -- with the platform's id after. state: sending | posted | failed | uncertain.
      -- 'sending' found at start means a crash mid-post: it may or may not have gone out, so it
      -- becomes 'uncertain' and is never posted again (at most once).
      CREATE TABLE posted_messages (
        id            INTEGER PRIMARY KEY,
        platform      TEXT NOT NULL,
        kind          TEXT NOT NULL,               -- digest-header | candidate | alert
        day           TEXT NOT NULL,
        candidate_id  INTEGER REFERENCES candidates (id),
        state         TEXT NOT NULL,
        channel_id    TEXT,
        message_id    TEXT,
        thread_id     TEXT,
        error         TEXT,
        created_at    INTEGER NOT NULL,
        posted_at     INTEGER
      );
      -- NULLs are distinct in a UNIQUE constraint, so key headers and alerts on candidate 0.
      CREATE UNIQUE INDEX posted_messages_once ON posted_messages (platform, kind, day, IFNULL(candidate_id, 0));
      CREATE INDEX posted_messages_address ON posted_messages (platform, channel_id, message_id);

      -- Votes as they stand: adding a reaction inserts, removing deletes; a repeated event is a no-op.
      CREATE TABLE votes (
        candidate_id  INTEGER NOT NULL REFERENCES candidates (id),
        platform      TEXT NOT NULL,
        user_id       TEXT NOT NULL,
        vote          TEXT NOT NULL,               -- approve | reject | pick1 | pick2 | pick3
        cast_at       INTEGER NOT NULL,
        PRIMARY KEY (candidate_id, platform, user_id, vote)
      ) WITHOUT ROWID;

      -- Decisions applied to the list, keyed so that a replayed event applies nothing twice.
      -- state: intent (recorded before the list is written) | applied | abandoned.
      CREATE TABLE decisions (
        id            INTEGER PRIMARY KEY,
        candidate_id  INTEGER NOT NULL REFERENCES candidates (id),
        action        TEXT NOT NULL,               -- approve | reject | undo
        key           TEXT NOT NULL UNIQUE,        -- idempotency key, e.g. 'approve:42:1'
        decided_by    TEXT NOT NULL DEFAULT '[]',  -- JSON list of "platform:user"
        section       TEXT,                        -- JSON heading path
        line          TEXT,                        -- the line added or removed
        state         TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        applied_at    INTEGER
      );
      CREATE INDEX decisions_candidate ON decisions (candidate_id, id);

      -- One row per digest day once composed: which candidates it covers is fixed at that moment.
      CREATE TABLE digests (
        day          TEXT PRIMARY KEY,
        started_at   INTEGER NOT NULL,
        shown        INTEGER NOT NULL,
        covered      INTEGER NOT NULL,
        posted_at    INTEGER                       -- every enabled platform has it all
      );
    `,
  },
  {
    name: 'publish: the outbox of list changes for GitHub, our branches, sync state',
    sql: `
      -- Every list change a decision made, to be published to the list's GitHub repository
      -- (LIST_PUBLISH=pr): queued in the transaction that records the decision, published in order,
      -- once. state: queued | publishing (claimed by a process until claimed_until) | published |
      -- cancelled (an approval undone before either was published) | failed (cannot apply there).
      CREATE TABLE publications (
        id               INTEGER PRIMARY KEY,
        decision_id      INTEGER NOT NULL UNIQUE REFERENCES decisions (id),
        candidate_id     INTEGER NOT NULL REFERENCES candidates (id),
        action           TEXT NOT NULL,               -- add | remove
        arxiv_id         TEXT NOT NULL,
        title            TEXT NOT NULL,
        section          TEXT NOT NULL,               -- JSON heading path
        line             TEXT NOT NULL,               -- the line added to / removed from the local list
        decided_by       TEXT NOT NULL DEFAULT '[]',  -- JSON list of "platform:user"
        state            TEXT NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  INTEGER,                     -- not before (a backoff, or GitHub's rate-limit reset)
        rate_limited     INTEGER NOT NULL DEFAULT 0,  -- 1: next_attempt_at is GitHub's own word (always honoured)
        claimed_by       TEXT,
        claimed_until    INTEGER,
        last_error       TEXT,
        created_at       INTEGER NOT NULL,
        published_at     INTEGER,
        branch_id        INTEGER REFERENCES publish_branches (id),
        commit_sha       TEXT,                        -- NULL when published with nothing to commit
        effective        INTEGER NOT NULL DEFAULT 0   -- 1: the branch differs from its base by this change (for the checklist)
      );
      CREATE INDEX publications_open ON publications (state, id);

      -- Our branches on GitHub, one generation per pull request: a merged or closed pull request
      -- closes its generation, and the next approval starts a fresh branch from the base head.
      CREATE TABLE publish_branches (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        base        TEXT NOT NULL,
        base_sha    TEXT NOT NULL,                    -- the base head it was made from
        pr_number   INTEGER,
        pr_url      TEXT,
        created_at  INTEGER NOT NULL,
        closed_at   INTEGER                           -- seen merged or closed
      );

      -- Small facts of publishing, e.g. the blob sha of the base branch's list at the last sync.
      CREATE TABLE publish_state (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      );
    `,
  },
  {
    name: 'relevance: what the model learned from maintainers\' decisions',
    sql: `
      -- One row per retraining (relevance/retrain.ts); the newest applies when its prior is the shipped model.
      CREATE TABLE relevance_updates (
        id          INTEGER PRIMARY KEY,
        created_at  INTEGER NOT NULL,
        prior       TEXT NOT NULL,                -- fingerprint of the shipped model it was learned on
        decisions   INTEGER NOT NULL,             -- how many decisions it learned from
        body        TEXT NOT NULL                 -- the RelevanceUpdate as JSON
      );
    `,
  },
];

/**
 * Brings `db` up to the latest schema. Throws when the database is newer than this code (a
 * downgrade would silently ignore tables it does not know).
 */
export function migrate(db: Database): { from: number; to: number } {
  const from = Number(db.pragma('user_version', { simple: true }));
  if (from > MIGRATIONS.length) {
    throw new Error(`db: ${db.name} has schema version ${from}, newer than this code knows (${MIGRATIONS.length}); update vlm-curator`);
  }
  for (let v = from; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!.sql);
      // PRAGMA cannot take a bound parameter; v is our own integer.
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return { from, to: MIGRATIONS.length };
}

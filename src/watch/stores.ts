import { FeedStore } from '../arxiv/feed-store.js';
import type { Database } from '../db/database.js';
import { RelevanceUpdateStore } from './relevance-store.js';
import { OutboxStore } from '../triage/outbox.js';
import { TriageStore } from '../triage/store.js';
import { DigestStore } from './digest-store.js';

/**
 * What the watch keeps in curator.db, each room's store over the one connection: the feeds' state
 * (arxiv), the candidates it finds (triage), the messages it posts (the outbox), its digests and
 * what the relevance model learned from decisions.
 */
export interface WatchStores {
  db: Database;
  feeds: FeedStore;
  triage: TriageStore;
  outbox: OutboxStore;
  digests: DigestStore;
  relevance: RelevanceUpdateStore;
}

export function watchStores(db: Database): WatchStores {
  return { db, feeds: new FeedStore(db), triage: new TriageStore(db), outbox: new OutboxStore(db), digests: new DigestStore(db), relevance: new RelevanceUpdateStore(db) };
}

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/watch/digest.js';
import { recordPoll } from '../../src/watch/poll.js';
import { pollWith, storedAssessment, storedPaper, tempDatabases } from '../helpers/db.js';

const dbs = tempDatabases();
afterEach(() => dbs.closeAll());
afterAll(() => dbs.cleanup());
const open = dbs.stores;

describe('the watch’s records', () => {
  it('rolls a poll back whole when any part of it fails', () => {
    const stores = open('rollback');
    expect(() =>
      recordPoll(stores, {
        feed: 'f',
        startedAt: 1,
        finishedAt: 2,
        outcome: 'ok',
        validator: { etag: '"x"' },
        seen: [storedPaper('2604.00001')],
        // A title of null violates NOT NULL after the seen row and the feed update went in.
        candidates: [{ paper: { ...storedPaper('2604.00001'), title: null as unknown as string }, assessment: storedAssessment(0.9) }],
        counts: { items: 1, fresh: 1, scored: 1, candidates: 1, skipped: 0 },
      }),
    ).toThrow(/NOT NULL/);
    expect(stores.feeds.feeds()).toEqual([]);
    expect(stores.feeds.seenIds(['2604.00001']).size).toBe(0);
    expect(stores.feeds.polls()).toEqual([]);
  });

  it('fixes a digest’s selection once: best first, at most max shown, the rest covered', () => {
    const stores = open('digest');
    pollWith(stores, 'f', 1, [['2604.00001', 0.6], ['2604.00002', 0.95], ['2604.00003', 0.7]]);
    const first = composeDigest(stores, '2026-04-20', 2, 10);
    expect(first.shown.map((c) => [c.arxivId, c.digestRank])).toEqual([['2604.00002', 1], ['2604.00003', 2]]);
    expect(first.digest).toMatchObject({ day: '2026-04-20', shown: 2, covered: 3, startedAt: 10 });

    pollWith(stores, 'f', 20, [['2604.00004', 0.99]]);
    const again = composeDigest(stores, '2026-04-20', 2, 30);
    expect(again.shown.map((c) => c.arxivId)).toEqual(['2604.00002', '2604.00003']);
    expect(composeDigest(stores, '2026-04-21', 2, 40).shown.map((c) => c.arxivId)).toEqual(['2604.00004']);
  });
});

import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FeedPaper } from '../../src/arxiv/paper.js';
import { MIGRATIONS } from '../../src/triage/migrations.js';
import { dbPath, TriageStore, type Assessment } from '../../src/triage/store.js';
import { tempDir } from '../helpers/fixtures.js';

const tmp = tempDir();
const stores: TriageStore[] = [];
afterEach(() => {
  stores.splice(0).forEach((s) => s.close());
});
afterAll(() => tmp.cleanup());

function open(name = 'a'): TriageStore {
  const s = TriageStore.open(dbPath(tmp.path(name)));
  stores.push(s);
  return s;
}

function paper(id: string, title = `Paper ${id}`): FeedPaper {
  return { arxivId: id, title, abstract: 'About things.', authors: ['A. Author'], categories: ['cs.CV'], announceType: 'new', link: `https://arxiv.org/abs/${id}` };
}

const assessment = (score: number): Assessment => ({ score, sections: [{ path: ['Methods', 'Adapters'], score: 0.7 }], reasons: ['matches: clip'], nearest: [] });

function pollWith(store: TriageStore, feed: string, at: number, candidates: [string, number][]) {
  store.recordPoll({
    feed,
    startedAt: at,
    finishedAt: at + 1,
    outcome: 'ok',
    validator: {},
    seen: candidates.map(([id]) => paper(id)),
    candidates: candidates.map(([id, score]) => ({ paper: paper(id), assessment: assessment(score) })),
    counts: { items: candidates.length, fresh: candidates.length, scored: candidates.length, candidates: candidates.length, skipped: 0 },
  });
}

describe('TriageStore', () => {
  it('creates curator.db (and its folder) in WAL mode with full sync, foreign keys and the latest schema', () => {
    const store = open('fresh/nested');
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('reopens an existing database without migrating it again, keeping its rows', () => {
    const first = open('reopen');
    pollWith(first, 'f', 1, [['2604.00001', 0.9]]);
    first.close();
    const again = open('reopen');
    expect(again.candidateByArxivId('2604.00001')?.score).toBe(0.9);
  });

  it('refuses a database from a newer version of the bot', () => {
    const file = dbPath(tmp.path('newer'));
    open('newer').close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => TriageStore.open(file)).toThrow(/newer than this code knows/);
  });

  it('records a candidate once per arXiv id, whoever finds it again', () => {
    const store = open('dupes');
    pollWith(store, 'feed-a', 1, [['2604.00001', 0.9]]);
    pollWith(store, 'feed-b', 2, [['2604.00001', 0.2]]);
    const { created, candidate } = store.addCandidate(paper('2604.00001'), assessment(0.5), 'suggest', 3);
    expect(created).toBe(false);
    expect(candidate).toMatchObject({ score: 0.9, source: 'feed-a', createdAt: 1 });
    expect(store.addCandidate(paper('2604.00002'), assessment(0.5), 'suggest', 4).created).toBe(true);
    expect(store.seenIds(['2604.00002']).size).toBe(1);
  });

  it('rolls a poll back whole when any part of it fails', () => {
    const store = open('rollback');
    expect(() =>
      store.recordPoll({
        feed: 'f',
        startedAt: 1,
        finishedAt: 2,
        outcome: 'ok',
        validator: { etag: '"x"' },
        seen: [paper('2604.00001')],
        // A title of null violates NOT NULL after the seen row and the feed update went in.
        candidates: [{ paper: { ...paper('2604.00001'), title: null as unknown as string }, assessment: assessment(0.9) }],
        counts: { items: 1, fresh: 1, scored: 1, candidates: 1, skipped: 0 },
      }),
    ).toThrow(/NOT NULL/);
    expect(store.feeds()).toEqual([]);
    expect(store.seenIds(['2604.00001']).size).toBe(0);
    expect(store.polls()).toEqual([]);
  });

  it('fixes a digest’s selection once: best first, at most max shown, the rest covered', () => {
    const store = open('digest');
    pollWith(store, 'f', 1, [['2604.00001', 0.6], ['2604.00002', 0.95], ['2604.00003', 0.7]]);
    const first = store.composeDigest('2026-04-20', 2, 10);
    expect(first.shown.map((c) => [c.arxivId, c.digestRank])).toEqual([['2604.00002', 1], ['2604.00003', 2]]);
    expect(first.digest).toMatchObject({ day: '2026-04-20', shown: 2, covered: 3, startedAt: 10 });

    pollWith(store, 'f', 20, [['2604.00004', 0.99]]);
    const again = store.composeDigest('2026-04-20', 2, 30);
    expect(again.shown.map((c) => c.arxivId)).toEqual(['2604.00002', '2604.00003']);
    expect(store.composeDigest('2026-04-21', 2, 40).shown.map((c) => c.arxivId)).toEqual(['2604.00004']);
  });

  it('outbox: reserve → posted is final; a failure may be retried; an interrupted send is never retried', () => {
    const store = open('outbox');
    pollWith(store, 'f', 1, [['2604.00001', 0.9]]);
    const id = store.candidateByArxivId('2604.00001')!.id;
    const header = { platform: 'discord' as const, kind: 'digest-header' as const, day: '2026-04-20' };

    const r1 = store.reserveMessage(header, 1);
    expect(r1).toMatchObject({ go: true, entry: { state: 'sending' } });
    store.markPosted(r1.entry.id, { platform: 'discord', channelId: 'news', messageId: 'm1' }, 2);
    expect(store.reserveMessage(header, 3)).toMatchObject({ go: false, entry: { state: 'posted', message: { channelId: 'news', messageId: 'm1' } } });
    // The same kind and day on another platform is another message.
    expect(store.reserveMessage({ ...header, platform: 'slack' }, 3).go).toBe(true);

    const cand = { platform: 'discord' as const, kind: 'candidate' as const, day: '2026-04-20', candidateId: id };
    const r2 = store.reserveMessage(cand, 4);
    store.markFailed(r2.entry.id, 'HTTP 503');
    expect(store.reserveMessage(cand, 5)).toMatchObject({ go: true, entry: { state: 'sending' } });
    // Left at 'sending' (the process died mid-post): may have gone out, so never again.
    expect(store.reserveMessage(cand, 6)).toMatchObject({ go: false, entry: { state: 'uncertain' } });
    expect(store.reserveMessage(cand, 7)).toMatchObject({ go: false, entry: { state: 'uncertain' } });
  });

  it('outbox: the database itself refuses a second header for the same platform and day', () => {
    const store = open('unique');
    const insert = store.db.prepare(`INSERT INTO posted_messages (platform, kind, day, candidate_id, state, created_at) VALUES ('slack', 'digest-header', '2026-04-20', NULL, 'posted', 1)`);
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
  });

  it('maps a posted candidate message back to its candidate', () => {
    const store = open('address');
    pollWith(store, 'f', 1, [['2604.00001', 0.9]]);
    const id = store.candidateByArxivId('2604.00001')!.id;
    const r = store.reserveMessage({ platform: 'slack', kind: 'candidate', day: '2026-04-20', candidateId: id }, 1);
    store.markPosted(r.entry.id, { platform: 'slack', channelId: 'C1', messageId: '1700.0001', threadId: '1700.0000' }, 2);
    expect(store.candidateByMessage('slack', 'C1', '1700.0001')?.arxivId).toBe('2604.00001');
    expect(store.candidateByMessage('slack', 'C1', 'other')).toBeUndefined();
    expect(store.messagesFor(id).map((m) => m.message)).toEqual([{ platform: 'slack', channelId: 'C1', messageId: '1700.0001', threadId: '1700.0000' }]);
  });

  it('votes: a repeated vote and a repeated withdrawal change nothing', () => {
    const store = open('votes');
    pollWith(store, 'f', 1, [['2604.00001', 0.9]]);
    const vote = { candidateId: store.candidateByArxivId('2604.00001')!.id, platform: 'discord' as const, userId: 'u1', vote: 'approve' as const };
    expect(store.setVote(vote, true, 1)).toBe(true);
    expect(store.setVote(vote, true, 2)).toBe(false);
    expect(store.votes(vote.candidateId)).toEqual([{ ...vote, castAt: 1 }]);
    expect(store.setVote(vote, false, 3)).toBe(true);
    expect(store.setVote(vote, false, 4)).toBe(false);
    expect(() => store.setVote({ ...vote, candidateId: 999 }, true, 5)).toThrow(/FOREIGN KEY/);
  });

  it('decisions feed the counts and the scorer’s feedback', () => {
    const store = open('decided');
    pollWith(store, 'f', 1, [['2604.00001', 0.9], ['2604.00002', 0.8], ['2604.00003', 0.7]]);
    const [a, b] = ['2604.00001', '2604.00002'].map((id) => store.candidateByArxivId(id)!.id) as [number, number];
    store.setCandidateStatus(a, 'approved', { at: 5, by: ['discord:u1'], section: ['Methods', 'Adapters'], line: '|[x](y)|arXiv 2026||' });
    store.setCandidateStatus(b, 'rejected', { at: 6, by: ['slack:U2'] });
    expect(store.candidateCounts()).toEqual({ pending: 1, approved: 1, rejected: 1 });
    expect(store.decidedCandidates().map((c) => [c.arxivId, c.status, c.decidedSection])).toEqual([
      ['2604.00001', 'approved', ['Methods', 'Adapters']],
      ['2604.00002', 'rejected', undefined],
    ]);
  });

  it('a read-only store reads an existing database and cannot write it', () => {
    const writer = open('ro');
    pollWith(writer, 'f', 1, [['2604.00001', 0.9]]);
    const reader = TriageStore.open(dbPath(tmp.path('ro')), { readonly: true });
    stores.push(reader);
    expect(reader.previewDigest(10).shown.map((c) => c.arxivId)).toEqual(['2604.00001']);
    expect(() => reader.composeDigest('2026-04-20', 10, 1)).toThrow(/readonly/);
  });
});

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { pollWith, storedAssessment, storedPaper, tempDatabases } from '../helpers/db.js';

const dbs = tempDatabases();
afterEach(() => dbs.closeAll());
afterAll(() => dbs.cleanup());
const open = dbs.stores;

describe('TriageStore', () => {
  it('records a candidate once per arXiv id, whoever finds it again', () => {
    const stores = open('dupes');
    pollWith(stores, 'feed-a', 1, [['2604.00001', 0.9]]);
    pollWith(stores, 'feed-b', 2, [['2604.00001', 0.2]]);
    const { created, candidate } = stores.triage.addCandidate(storedPaper('2604.00001'), storedAssessment(0.5), 'suggest', 3);
    expect(created).toBe(false);
    expect(candidate).toMatchObject({ score: 0.9, source: 'feed-a', createdAt: 1 });
    expect(stores.triage.addCandidate(storedPaper('2604.00002'), storedAssessment(0.5), 'suggest', 4).created).toBe(true);
    expect(stores.feeds.seenIds(['2604.00002']).size).toBe(1);
  });

  it('votes: a repeated vote and a repeated withdrawal change nothing', () => {
    const stores = open('votes');
    pollWith(stores, 'f', 1, [['2604.00001', 0.9]]);
    const vote = { candidateId: stores.triage.candidateByArxivId('2604.00001')!.id, platform: 'discord' as const, userId: 'u1', vote: 'approve' as const };
    expect(stores.triage.setVote(vote, true, 1)).toBe(true);
    expect(stores.triage.setVote(vote, true, 2)).toBe(false);
    expect(stores.triage.votes(vote.candidateId)).toEqual([{ ...vote, castAt: 1 }]);
    expect(stores.triage.setVote(vote, false, 3)).toBe(true);
    expect(stores.triage.setVote(vote, false, 4)).toBe(false);
    expect(() => stores.triage.setVote({ ...vote, candidateId: 999 }, true, 5)).toThrow(/FOREIGN KEY/);
  });

  it('decisions feed the counts and the scorer’s feedback', () => {
    const stores = open('decided');
    pollWith(stores, 'f', 1, [['2604.00001', 0.9], ['2604.00002', 0.8], ['2604.00003', 0.7]]);
    const [a, b] = ['2604.00001', '2604.00002'].map((id) => stores.triage.candidateByArxivId(id)!.id) as [number, number];
    stores.triage.setCandidateStatus(a, 'approved', { at: 5, by: ['discord:u1'], section: ['Methods', 'Adapters'], line: '|[x](y)|arXiv 2026||' });
    stores.triage.setCandidateStatus(b, 'rejected', { at: 6, by: ['slack:U2'] });
    expect(stores.triage.candidateCounts()).toEqual({ pending: 1, approved: 1, rejected: 1 });
    expect(stores.triage.decidedCandidates().map((c) => [c.arxivId, c.status, c.decidedSection])).toEqual([
      ['2604.00001', 'approved', ['Methods', 'Adapters']],
      ['2604.00002', 'rejected', undefined],
    ]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import { Decisions } from '../../src/triage/decisions.js';
import { dbPath } from '../../src/db/database.js';
import { TriageStore, type VoteRow } from '../../src/triage/store.js';
import { openStore } from '../helpers/db.js';
import { resolveSection, suggestedTarget } from '../../src/triage/target-section.js';
import { tallyVotes } from '../../src/triage/votes.js';
import { assessment, paper, SECTIONS, SEED } from '../helpers/triage.js';
import { tempDir } from '../helpers/fixtures.js';

const vote = (userId: string, v: VoteRow['vote'], castAt: number, platform: VoteRow['platform'] = 'discord'): VoteRow => ({ candidateId: 1, platform, userId, vote: v, castAt });

describe('the voting rule', () => {
  it('approves with APPROVALS_REQUIRED distinct voters, counting each platform id separately', () => {
    expect(tallyVotes([vote('a', 'approve', 1)], 1)).toEqual({ action: 'approve', by: ['discord:a'] });
    expect(tallyVotes([vote('a', 'approve', 1)], 2)).toEqual({ action: 'none', approvals: 1 });
    expect(tallyVotes([vote('a', 'approve', 2), vote('a', 'approve', 1, 'slack')], 2)).toEqual({ action: 'approve', by: ['slack:a', 'discord:a'] });
  });

  it('rejects on one ❌, even beside ✅', () => {
    expect(tallyVotes([vote('a', 'approve', 1), vote('b', 'reject', 2)], 1)).toEqual({ action: 'reject', by: ['discord:b'] });
  });

  it('takes the latest section pick', () => {
    expect(tallyVotes([vote('a', 'pick3', 1), vote('b', 'pick2', 2), vote('a', 'approve', 3)], 1)).toEqual({ action: 'approve', by: ['discord:a'], rank: 2 });
    expect(tallyVotes([vote('a', 'pick3', 1)], 1)).toEqual({ action: 'none', approvals: 0, rank: 3 });
  });
});

describe('the target section', () => {
  const catalogue = Catalogue.parse(SEED);
  const NO_TABLE = ['Datasets', 'Datasets for VLM Evaluation'];
  const DATASETS = ['Datasets', 'Datasets for VLM Pre-training'];
  const withNoTableFirst = { ...stubCandidate(), sections: [{ path: NO_TABLE, score: 0.7 }, { path: DATASETS, score: 0.6 }, { path: SECTIONS.textPrompt, score: 0.5 }] };

  it('defaults to the best suggestion with a table of its own (a dataset table too); a rank is taken as given', () => {
    expect(suggestedTarget(withNoTableFirst, catalogue)).toEqual(DATASETS);
    expect(suggestedTarget(withNoTableFirst, catalogue, 1)).toEqual(NO_TABLE);
  });

  it('resolves a rank, a name or a path among the topical paper sections', () => {
    const c = stubCandidate();
    expect(resolveSection('2', c, catalogue)).toEqual(SECTIONS.textPrompt);
    expect(resolveSection('text prompt tuning', c, catalogue)).toEqual(SECTIONS.textPrompt);
    expect(resolveSection('Vision-Language Pre-training Methods › Pre-training with Generative Objective', c, catalogue)).toEqual(SECTIONS.generative);
    expect(() => resolveSection('4', c, catalogue)).toThrow(/no suggested section 4/);
    expect(resolveSection('datasets for vlm pre-training', c, catalogue)).toEqual(DATASETS);
    expect(() => resolveSection('no such heading anywhere', c, catalogue)).toThrow(/No section with a table/);
  });
});

describe('the state machine', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  function twoConnections() {
    const dir = tempDir();
    const a = openStore(TriageStore, dbPath(dir.dir));
    const b = openStore(TriageStore, dbPath(dir.dir));
    cleanups.push(() => {
      a.close();
      b.close();
      dir.cleanup();
    });
    const { candidate } = a.addCandidate(paper('2604.00001', 'A paper'), assessment(), 'test', 1);
    return { a, b, id: candidate.id };
  }

  it('lets exactly one of two processes begin an approval', () => {
    const { a, b, id } = twoConnections();
    expect(new Decisions(a).beginApproval(id, { section: SECTIONS.contrastive, by: ['discord:1'] }, 2)).toBe(true);
    expect(new Decisions(b).beginApproval(id, { section: SECTIONS.textPrompt, by: ['slack:U1'] }, 3)).toBe(false);
    expect(new Decisions(b).reject(id, ['slack:U1'], 3)).toBe(false);
    expect(b.candidate(id)).toMatchObject({ status: 'approving', decidedSection: SECTIONS.contrastive, decidedBy: ['discord:1'] });
  });

  it('goes pending → approving → approved → undoing → pending, keeping the history', () => {
    const { a, id } = twoConnections();
    const d = new Decisions(a);
    d.beginApproval(id, { section: SECTIONS.contrastive, by: ['discord:1'] }, 2);
    expect(d.inFlight().map((c) => c.id)).toEqual([id]);
    d.completeApproval(id, '|row|', SECTIONS.contrastive, 3);
    expect(a.candidate(id)).toMatchObject({ status: 'approved', decidedLine: '|row|' });
    expect(d.beginUndo(id, ['console:console'], 4)).toBe('undoing');
    expect(d.completeUndo(id, 5)).toBe(true);
    expect(a.candidate(id)!.status).toBe('pending');
    expect(a.candidate(id)!.decidedLine).toBeUndefined();
    expect(d.history(id).map((h) => [h.action, h.state])).toEqual([
      ['approve', 'applied'],
      ['undo', 'applied'],
    ]);
    expect(d.beginUndo(id, ['console:console'], 6)).toBeUndefined();
  });

  it('counts only votes cast after the last undo', () => {
    const { a, id } = twoConnections();
    const d = new Decisions(a);
    a.setVote({ candidateId: id, platform: 'discord', userId: '1', vote: 'reject' }, true, 2);
    expect(d.reject(id, ['discord:1'], 3)).toBe(true);
    expect(d.beginUndo(id, ['console:console'], 4)).toBe('reopened');
    expect(d.countedVotes(id)).toEqual([]);
    a.setVote({ candidateId: id, platform: 'discord', userId: '2', vote: 'approve' }, true, 5);
    expect(d.countedVotes(id).map((v) => v.userId)).toEqual(['2']);
  });
});

function stubCandidate() {
  const store = openStore(TriageStore, ':memory:');
  try {
    return store.addCandidate(paper('2604.00002', 'Stub'), assessment(), 'test', 1).candidate;
  } finally {
    store.close();
  }
}

import { afterEach, describe, expect, it } from 'vitest';
import { dbPath, openDatabase } from '../../src/db/database.js';
import type { FeedPaper } from '../../src/arxiv/paper.js';
import { watchStores, type WatchStores } from '../../src/watch/stores.js';
import { storedAssessment } from '../helpers/db.js';
import { readShared, tempDir } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { testWatch } from '../helpers/watch.js';

interface Labelled {
  arxivId: string;
  title: string;
  abstract: string;
  label: 0 | 1;
  section: string | null;
}
const labelled = readShared('relevance/dev.jsonl')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Labelled);
const paper = (p: Labelled): FeedPaper => ({ arxivId: p.arxivId, title: p.title, abstract: p.abstract, authors: ['A. Author'], categories: ['cs.CV'], announceType: 'new', link: `https://arxiv.org/abs/${p.arxivId}` });

/** Candidates decided the way the labels say: approved into a section of the seed list, or rejected. */
function decide(stores: WatchStores, papers: readonly Labelled[], at = 1_000): void {
  stores.triage.addFound(papers.map((p) => ({ paper: paper(p), assessment: storedAssessment(0.8) })), 'test', at);
  for (const c of stores.triage.candidatesSince(0)) {
    const p = papers.find((q) => q.arxivId === c.arxivId);
    if (!p) continue;
    const section = p.label === 1 ? ['Vision-Language Model Transfer Learning Methods', 'Transfer with Other Methods'] : undefined;
    stores.triage.setCandidateStatus(c.id, p.label === 1 ? 'approved' : 'rejected', { at: at + 1, ...(section && { section }) });
  }
}

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('curator relevance retrain | status', () => {
  it('learns from the decisions in curator.db and says how many; status and the next run agree', async () => {
    const t = tempDir({ 'survey.md': readShared('survey/seed-2023.md') });
    dirs.push(t);
    const env = { SURVEY_PATH: t.path('survey.md'), DATA_DIR: t.path('data') };
    const db = openDatabase(dbPath(t.path('data')));
    const some = [...labelled.filter((p) => p.label === 1).slice(0, 3), ...labelled.filter((p) => p.label === 0).slice(0, 5)];
    decide(watchStores(db), some);
    db.close();

    const before = await runCli(['relevance', 'status', '--json'], env);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual({ learnedFrom: 0, decided: 8, stale: false });

    const r = await runCli(['relevance', 'retrain', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ learnedFrom: 8, approved: 3, rejected: 5, withSection: 3 });

    const after = await runCli(['relevance', 'status'], env);
    expect(after.stdout).toMatch(/^Relevance model: learned from 8 maintainer decision\(s\) \(\d{4}-\d\d-\d\d\)\.$/m);
    const stats = await runCli(['ask', 'stats'], env);
    expect(stats.stdout).toMatch(/Relevance model[\s\S]*learned from 8 decisions/);
  }, 120_000);

  it('refuses an unknown action, naming the ones it has', async () => {
    const r = await runCli(['relevance', 'forget']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown action "forget"; use one of: retrain, status/);
  });
});

describe('the watch retrains on its schedule once enough new decisions exist', () => {
  it('retrains before a poll at RELEVANCE_RETRAIN_MIN_DECISIONS new decisions, then waits for more', async () => {
    const w = await testWatch({ env: { RELEVANCE_RETRAIN_MIN_DECISIONS: '3' } });
    dirs.push(w.tmp);
    try {
      const shipped = w.watch.relevanceModel();
      decide(w.stores, labelled.filter((p) => p.label === 0).slice(0, 2));
      expect(w.watch.retrainIfDue()).toBe(false);
      decide(w.stores, labelled.filter((p) => p.label === 1).slice(0, 1));
      expect(w.watch.retrainIfDue()).toBe(true);
      expect(w.watch.relevanceLearning()).toMatchObject({ learnedFrom: 3, decided: 3, stale: false });
      expect(w.watch.retrainIfDue()).toBe(false);
      // The scorer the next poll builds scores with the learned classifier.
      const learned = w.watch.relevanceModel();
      expect(learned.text.labelled).not.toEqual(shipped.text.labelled);
      expect(learned.combiner).toEqual(shipped.combiner);
    } finally {
      await w.watch.close();
    }
  });

  it('RELEVANCE_RETRAIN_MIN_DECISIONS=0 never retrains by itself', async () => {
    const w = await testWatch({ env: { RELEVANCE_RETRAIN_MIN_DECISIONS: '0' } });
    dirs.push(w.tmp);
    try {
      decide(w.stores, labelled.slice(0, 20));
      expect(w.watch.retrainIfDue()).toBe(false);
      expect(w.watch.relevanceLearning().learnedFrom).toBe(0);
    } finally {
      await w.watch.close();
    }
  });
});

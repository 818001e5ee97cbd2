import { describe, expect, it } from 'vitest';
import { loadRelevanceModel, type RelevanceModel } from '../../src/relevance/model.js';
import { applyUpdate, learnFromDecisions, modelFingerprint, updateApplies } from '../../src/relevance/retrain.js';
import { RelevanceScorer, type Feedback, type ScorablePaper } from '../../src/relevance/score.js';
import { parseSurvey } from '../../src/catalogue/catalogue.js';
import { readShared } from '../helpers/fixtures.js';

interface Labelled extends ScorablePaper {
  label: 0 | 1;
  date: string;
  section: string | null;
}
const labelled = readShared('relevance/dev.jsonl')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Labelled);
const model = loadRelevanceModel();
const catalogue = parseSurvey(readShared('survey/seed-2023.md'));
const decision = (p: Labelled, decision: Feedback['decision']): Feedback => ({ arxivId: p.arxivId, title: p.title, abstract: p.abstract, decision });
/** The text classifier the decisions teach, as a logit (what moves a score). */
const logit = (m: RelevanceModel, paper: ScorablePaper) => {
  const scorer = new RelevanceScorer(catalogue, { threshold: 0.5, include: [], exclude: [], model: m });
  return scorer.score(paper).score;
};

// Maintainers reject MLLM hallucination papers; one more of them arrives later.
const hallucination = labelled.filter((p) => p.label === 0 && /hallucinat/i.test(p.title));
const [heldOut, ...rejectedOnes] = hallucination;

describe('learning from decisions', () => {
  it('a model that saw maintainers reject a kind of paper scores the next one of that kind lower', () => {
    expect(rejectedOnes.length).toBeGreaterThanOrEqual(2);
    const update = learnFromDecisions(model, rejectedOnes.map((p) => decision(p, 'rejected')));
    const learned = applyUpdate(model, update);
    expect(logit(learned, heldOut!)).toBeLessThan(logit(model, heldOut!));
    expect(update.decisions).toEqual({ total: rejectedOnes.length, approved: 0, rejected: rejectedOnes.length, withSection: 0 });
  });

  it('approvals raise similar papers; the shipped model stays the prior (a few decisions move it a little)', () => {
    const ovSeg = labelled.filter((p) => p.label === 1 && /open-vocabulary/i.test(p.title));
    const [next, ...approved] = ovSeg;
    const learned = applyUpdate(model, learnFromDecisions(model, approved.map((p) => decision(p, 'approved'))));
    const before = logit(model, next!);
    const after = logit(learned, next!);
    expect(after).toBeGreaterThanOrEqual(before);
    // The other classifiers, the combiner and the signals are the shipped ones.
    expect(learned.combiner).toBe(model.combiner);
    expect(learned.text.vl).toBe(model.text.vl);
    const shipped = model.text.labelled!;
    const moved = learned.text.labelled!;
    const weightOf = (lin: typeof shipped, term: number) => lin.weights[lin.terms.indexOf(term)] ?? 0;
    const largest = Math.max(...moved.terms.map((t) => Math.abs(weightOf(moved, t) - weightOf(shipped, t))));
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(1);
  });

  it('is deterministic, and with no decisions gives back the shipped classifier', () => {
    const decisions = rejectedOnes.map((p) => decision(p, 'rejected'));
    expect(JSON.stringify(learnFromDecisions(model, decisions))).toBe(JSON.stringify(learnFromDecisions(model, decisions)));
    expect(learnFromDecisions(model, []).text.labelled).toEqual(model.text.labelled);
  });

  it('a later decision about a paper replaces the earlier one', () => {
    const p = rejectedOnes[0]!;
    const twice = learnFromDecisions(model, [decision(p, 'approved'), decision(p, 'rejected')]);
    expect(twice.decisions).toMatchObject({ total: 1, approved: 0, rejected: 1 });
    expect(twice.text).toEqual(learnFromDecisions(model, [decision(p, 'rejected')]).text);
  });

  it('applies only to the model it was learned on (a release with a new model learns again)', () => {
    const update = learnFromDecisions(model, rejectedOnes.map((p) => decision(p, 'rejected')));
    expect(update.prior).toBe(modelFingerprint(model));
    const other: RelevanceModel = { ...model, combiner: { ...model.combiner, bias: model.combiner.bias + 1 } };
    expect(updateApplies(model, update)).toBe(true);
    expect(updateApplies(other, update)).toBe(false);
    expect(() => applyUpdate(other, update)).toThrow(/learned on another model; retrain/);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSurvey, type Catalogue } from '../../src/catalogue/catalogue.js';
import { loadRelevanceModel, type RelevanceModel } from '../../src/relevance/model.js';
import { trainRelevanceModel, type TrainingInputs } from '../../tools/relevance-training.js';
import { RelevanceScorer } from '../../src/relevance/score.js';
import { loadLabelledPapers, loadRubricConcepts, loadSectionDescriptions, loadWeakTitles } from '../../tools/training-data.js';
import { ROOT, tempDir } from '../helpers/fixtures.js';

// Two labelled days and a slice of the weak titles keep training to a second or two.
let inputs: TrainingInputs;
let model: RelevanceModel;
let catalogue: Catalogue;

beforeAll(() => {
  catalogue = parseSurvey(readFileSync(`${ROOT}/data/survey.md`, 'utf8'));
  const labelled = loadLabelledPapers().filter((p) => p.date === '2026-04-20' || p.date === '2026-04-23');
  const weak = loadWeakTitles().filter((_, i) => i % 3 === 0);
  inputs = { labelled, weak, catalogue, sectionDescriptions: loadSectionDescriptions() };
  model = trainRelevanceModel(inputs, { iterations: 150 });
}, 60_000);

describe('relevance training', () => {
  it('is deterministic: the same inputs give the same file', () => {
    expect(JSON.stringify(trainRelevanceModel(inputs, { iterations: 150 }))).toBe(JSON.stringify(model));
  }, 60_000);

  it('writes a file the loader accepts and the scorer uses', () => {
    const dir = tempDir();
    try {
      writeFileSync(dir.path('model.json'), JSON.stringify(model));
      const loaded = loadRelevanceModel(dir.path('model.json'));
      const s = new RelevanceScorer(catalogue, { threshold: 0.5, include: [], exclude: [], model: loaded });
      const r = s.score({ arxivId: '1', title: 'Open-vocabulary semantic segmentation with CLIP', abstract: 'We adapt CLIP to segment any class named in text.' });
      expect(r.score).toBeGreaterThan(0.5);
    } finally {
      dir.cleanup();
    }
  });

  it('records what it learned from', () => {
    expect(model.trainedOn).toEqual({
      labelledDays: ['2026-04-20', '2026-04-23'],
      labelledPapers: inputs.labelled.length,
      weakTitles: inputs.weak.length,
      catalogueEntries: 124,
    });
    expect(model.decisions).toHaveLength(inputs.labelled.length);
    expect(Object.keys(model.text).sort()).toEqual(['all', 'labelled', 'vl']);
  });

  it('calibrates score 0.5 to keep most relevant papers of the training days', () => {
    const s = new RelevanceScorer(catalogue, { threshold: 0.5, include: [], exclude: [], model });
    const positives = inputs.labelled.filter((p) => p.label === 1);
    const kept = positives.filter((p) => s.score(p).candidate).length;
    expect(kept / positives.length).toBeGreaterThanOrEqual(0.85);
  });

  it('learns a prototype for every rubric section, placed where later lists put it', () => {
    const names = model.sections.map((p) => p.name);
    for (const d of inputs.sectionDescriptions ?? []) expect(names).toContain(d.name);
    const otherTasks = model.sections.find((p) => p.name === 'Knowledge Distillation for Other Tasks');
    expect(otherTasks?.path).toEqual(['Vision-Language Model Knowledge Distillation Methods', 'Knowledge Distillation for Other Tasks']);
  });

  it('reads the rubric policy as labelled statements', () => {
    const concepts = loadRubricConcepts();
    const label = (re: RegExp) => concepts.find((c) => re.test(c.text))?.label;
    expect(concepts.filter((c) => c.label === 1).length).toBeGreaterThanOrEqual(12);
    expect(label(/^Jailbreaks of chat MLLMs/)).toBe(0);
    expect(label(/^Text-prompted SAM variants/)).toBe(1);
    expect(label(/^robotics \/ embodied VLA policies/)).toBe(0);
    expect(label(/general VQA, reasoning chains/)).toBe(0);
    expect(label(/^report generation, medical VQA/)).toBe(0);
  });

  it('refuses a combiner feature it cannot compute', () => {
    expect(() => trainRelevanceModel(inputs, { iterations: 1, combinerFeatures: ['text:unknown'] })).toThrow(/no text classifier called "unknown"/);
  });
});

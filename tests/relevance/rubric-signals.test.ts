import { describe, expect, it } from 'vitest';
import { PaperAnalyser } from '../../src/relevance/analyser.js';
import { loadRelevanceModel } from '../../src/relevance/model.js';
import { CONCEPT_PHRASES, conceptEvidence, featureSign, RUBRIC_FEATURES, rubricFeatures, rubricReasons } from '../../src/relevance/rubric-signals.js';
import { readShared } from '../helpers/fixtures.js';

/** Real labelled papers (dev.jsonl), by arXiv id. */
const labelled = new Map(
  readShared('relevance/dev.jsonl')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { arxivId: string; title: string; abstract: string; label: 0 | 1 })
    .map((p) => [p.arxivId, p]),
);
const model = loadRelevanceModel();
const analyser = new PaperAnalyser(model.vocabulary.terms, model.vocabulary.idf, CONCEPT_PHRASES);
const signals = (id: string) => {
  const paper = labelled.get(id);
  if (!paper) throw new Error(`no labelled paper ${id}`);
  const concepts = conceptEvidence(analyser.analyse(paper));
  const features = rubricFeatures(concepts);
  return { concepts, value: (signal: string) => features[`rubric:${signal}`]!, label: paper.label };
};

describe('rubric signals on real labelled papers', () => {
  it('rule 2: a CLIP-like model adapted for a recognition task (TTL: test-time prompts for OOD detection with CLIP)', () => {
    const s = signals('2604.15756');
    expect(s.label).toBe(1);
    expect(s.concepts.dualEncoder.phrase).toBe('CLIP');
    expect(s.concepts.recognition.phrase).toBe('OOD');
    expect(s.value('recognitionVlm')).toBe(1);
    expect(s.value('transfersVlm')).toBe(1);
    expect(s.value('mllmReasoning')).toBe(0);
  });

  it('rule 2: open-vocabulary recognition counts even when no VLM is named (CoCo-SAM3)', () => {
    const s = signals('2604.19648');
    expect(s.label).toBe(1);
    expect(s.value('languageRecognition')).toBe(1);
    expect(s.value('visionOnly')).toBe(0);
  });

  it('rule 1: an MLLM as a reasoning system, with no recognition task (chain-of-thought spatial reasoning; visual token pruning)', () => {
    const cot = signals('2604.16060');
    expect(cot.label).toBe(0);
    expect(cot.concepts.mllm.phrase).toBe('multimodal LLM');
    expect(cot.value('mllmReasoning')).toBeGreaterThan(0.5);
    const pruning = signals('2604.15188');
    expect(pruning.concepts.efficiency.evidence).toBe(1);
    expect(pruning.value('mllmReasoning')).toBe(1);
  });

  it('rule 3: a VLM release (PLaMo 2.1-VL Technical Report)', () => {
    const s = signals('2604.19324');
    expect(s.label).toBe(1);
    expect(s.concepts.release.phrase).toBe('technical report');
    expect(s.value('pretrainsVlm')).toBeGreaterThan(0.5);
  });

  it('rule 4: medical reasoning benchmarks point out (SurgCoT)', () => {
    const s = signals('2604.20319');
    expect(s.label).toBe(0);
    expect(s.value('domainReport')).toBe(1);
  });

  it('rule 7: robustness of a zero-shot VLM (Hierarchically Robust Zero-shot VLMs) is adaptation for recognition', () => {
    const s = signals('2604.18867');
    expect(s.label).toBe(1);
    expect(s.concepts.adversarial.evidence).toBe(1);
    expect(s.value('recognitionVlm')).toBeGreaterThan(0.5);
  });

  it('rule 9: text-to-image generation points out (camera control for text-to-image)', () => {
    const s = signals('2604.19954');
    expect(s.label).toBe(0);
    expect(s.concepts.generation.phrase).toBe('text-to-image');
    expect(s.value('generation')).toBeGreaterThan(0.3);
  });

  it('control: robot policies built from VLMs point out (EmbodiedMidtrain)', () => {
    const s = signals('2604.20012');
    expect(s.label).toBe(0);
    expect(s.value('control')).toBe(1);
  });

  it('rule 6 / scope: a paper with no language side is vision-only; "Clip Limit" is not CLIP (IA-CLAHE, QualiaNet)', () => {
    expect(signals('2604.14193').value('visionOnly')).toBe(1);
    const clahe = signals('2604.16010');
    expect(clahe.concepts.dualEncoder.evidence).toBe(0);
    expect(clahe.value('vlm')).toBe(0);
  });

  it('benchmarks of VLMs on a recognition task are datasets for VLM evaluation (DistortBench)', () => {
    const s = signals('2604.19966');
    expect(s.label).toBe(1);
    expect(s.value('benchmarksVlm')).toBeGreaterThan(0.5);
  });
});

describe('rubric signals in the model', () => {
  it('every signal is a combiner feature of the shipped model, on the side the rubric says', () => {
    const { features, weights } = model.combiner;
    for (const f of RUBRIC_FEATURES) {
      const i = features.indexOf(f);
      expect(i, f).toBeGreaterThanOrEqual(0);
      expect(featureSign(f) * weights[i]!, f).toBeGreaterThanOrEqual(0);
    }
    expect(featureSign('text:all')).toBe(1);
    expect(featureSign('crossList')).toBe(0);
  });

  it('says which rule moved a score, strongest first, only when it moved it enough', () => {
    const { concepts } = signals('2604.15756');
    const reasons = rubricReasons(concepts, (f) => (f === 'rubric:recognitionVlm' ? 1.2 : f === 'rubric:mllmReasoning' ? -0.4 : 0.1));
    expect(reasons).toEqual(['rule 2 ↑ a VLM (CLIP) for a recognition task (OOD)', 'rule 1 ↓ an MLLM as a reasoning/chat system']);
  });
});

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSurvey, type Catalogue } from '../../src/catalogue/catalogue.js';
import { parseFeed } from '../../src/arxiv/parse.js';
import { loadRelevanceModel, RelevanceModelError, type RelevanceModel } from '../../src/relevance/model.js';
import { RelevanceScorer, type Feedback, type ScorablePaper, type ScorerOptions } from '../../src/relevance/score.js';
import { ROOT, readShared, tempDir } from '../helpers/fixtures.js';

const PROMPT_TUNING: ScorablePaper = {
  arxivId: '2699.00001',
  title: 'Context-Aware Prompt Learning for Few-Shot Adaptation of CLIP',
  abstract:
    'Large pre-trained vision-language models such as CLIP show strong zero-shot image classification. ' +
    'Prompt tuning methods like CoOp learn continuous text prompts from a few labelled images, but the learned ' +
    'context overfits the base classes and generalises poorly to unseen classes. We propose a context-aware prompt ' +
    'learning method that conditions the learnable text prompt on image features and regularises it towards the ' +
    'hand-crafted prompt. On 11 image recognition datasets our method improves base-to-novel generalisation, ' +
    'cross-dataset transfer and domain generalisation of CLIP in the few-shot setting.',
};

const SUPER_RESOLUTION: ScorablePaper = {
  arxivId: '2699.00002',
  title: 'Efficient Transformer for Lightweight Single Image Super-Resolution',
  abstract:
    'Single image super-resolution reconstructs a high-resolution image from a low-resolution input. ' +
    'Transformer-based methods achieve impressive restoration quality but are expensive. We propose an efficient ' +
    'window attention block with shifted convolutions and a lightweight upsampler, reducing parameters and FLOPs ' +
    'while improving PSNR and SSIM on Set5, Set14, BSD100, Urban100 and Manga109 at x2, x3 and x4 scales.',
};

const OPEN_VOCABULARY_DETECTION: ScorablePaper = {
  arxivId: '2699.00003',
  title: 'Region-Text Distillation for Open-Vocabulary Object Detection',
  abstract:
    'Open-vocabulary object detection aims to detect objects of novel categories described by text. ' +
    'We distill region-level knowledge from a pre-trained vision-language model into a detector: region ' +
    'embeddings are aligned with CLIP text embeddings of category names, and pseudo box labels for novel ' +
    'classes are mined from image-caption pairs. Our detector improves novel-class AP on OV-COCO and OV-LVIS.',
};

/** A borderline paper: language-guided, but is counting trees what the survey collects? */
const BORDERLINE: ScorablePaper = {
  arxivId: '2699.00004',
  title: 'Language-Guided Tree Counting in Aerial Orchard Images',
  abstract:
    'We study counting trees in aerial drone images of apple orchards guided by text descriptions. We collect ' +
    'images across seasons and compare density-map regression networks with a text-conditioned counting head, ' +
    'reporting counting error across flight heights.',
};

/** Another paper on the same topic, as a maintainer would have decided it earlier. */
const BORDERLINE_TWIN = {
  arxivId: '2699.00005',
  title: 'Text-Conditioned Counting of Trees in Aerial Drone Images of Orchards',
  abstract:
    'Counting trees in aerial drone images of apple orchards from a text description: we compare density-map ' +
    'regression with a text-conditioned counting head across seasons and flight heights.',
};

const DETECTION_SECTION = 'Knowledge Distillation for Object Detection';

let catalogue: Catalogue;
let model: RelevanceModel;
const scorer = (options: Partial<ScorerOptions> = {}, feedback: Feedback[] = []): RelevanceScorer =>
  new RelevanceScorer(catalogue, { threshold: 0.5, include: [], exclude: [], model, ...options }, feedback);

beforeAll(() => {
  catalogue = parseSurvey(readFileSync(`${ROOT}/data/survey.md`, 'utf8'));
  model = loadRelevanceModel();
});

describe('relevance score', () => {
  it('puts a CLIP prompt-tuning paper above the threshold and explains why', () => {
    const r = scorer().score(PROMPT_TUNING);
    expect(r.score).toBeGreaterThan(0.5);
    expect(r.candidate).toBe(true);
    const matches = r.reasons.find((x) => x.startsWith('matches: '));
    expect(matches).toMatch(/prompt|CLIP/i);
    expect(r.reasons.some((x) => /^near: .+ \(0\.\d\d\)$/.test(x))).toBe(true);
    expect(r.nearest).toHaveLength(3);
    expect(r.nearest.map((n) => n.title).join(' ')).toMatch(/prompt/i);
  });

  it('keeps a super-resolution paper below the threshold', () => {
    const r = scorer().score(SUPER_RESOLUTION);
    expect(r.score).toBeLessThan(0.5);
    expect(r.candidate).toBe(false);
  });

  it('explains candidates only (sections and why), unless asked to, for one paper or every paper (same score)', () => {
    const quiet = scorer().score(SUPER_RESOLUTION);
    expect(quiet.reasons).toEqual([]);
    expect(quiet.sections).toEqual([]);
    for (const told of [scorer({ explainAll: true }).score(SUPER_RESOLUTION), scorer().score(SUPER_RESOLUTION, { explain: true })]) {
      expect(told.reasons.length).toBeGreaterThan(0);
      expect(told.sections).toHaveLength(3);
      expect(told.score).toBe(quiet.score);
    }
  });

  it('ranks the on-topic paper far above the off-topic one', () => {
    const s = scorer();
    expect(s.score(PROMPT_TUNING).score - s.score(SUPER_RESOLUTION).score).toBeGreaterThan(0.5);
  });

  it('gives every paper of a real day a score in [0, 1]', async () => {
    const feed = await parseFeed(readShared('relevance/feed-2026-04-20.xml'));
    const s = scorer();
    const scores = feed.papers.map((p) => s.score(p).score);
    expect(scores.length).toBeGreaterThan(100);
    for (const v of scores) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // A score that says something: neither all candidates nor none.
    const candidates = scores.filter((v) => v >= 0.5).length;
    expect(candidates).toBeGreaterThan(3);
    expect(candidates).toBeLessThan(scores.length / 2);
  });

  it('quotes matched terms as the paper wrote them', () => {
    const r = scorer().score(OPEN_VOCABULARY_DETECTION);
    expect(r.reasons.find((x) => x.startsWith('matches: '))).toMatch(/Open-Vocabulary|open-vocabulary|vision-language|CLIP/);
  });
});

describe('section suggestion', () => {
  it('ranks the detection-distillation section in the top 3 for an open-vocabulary detection paper', () => {
    const r = scorer().score(OPEN_VOCABULARY_DETECTION);
    expect(r.sections).toHaveLength(3);
    expect(r.sections.map((s) => s.path[s.path.length - 1])).toContain(DETECTION_SECTION);
  });

  it('puts a prompt-tuning paper under prompt tuning first', () => {
    const [best] = scorer().score(PROMPT_TUNING).sections;
    expect(best?.path).toContain('Transfer with Prompt Tuning');
  });

  it('suggests only table sections of the list, never the News block, best first', () => {
    const tablePaths = new Set(catalogue.sections.filter((s) => s.table).map((s) => s.path.join(' > ')));
    for (const paper of [PROMPT_TUNING, SUPER_RESOLUTION, OPEN_VOCABULARY_DETECTION]) {
      const { sections } = scorer().score(paper, { explain: true });
      for (const s of sections) {
        expect(tablePaths.has(s.path.join(' > '))).toBe(true);
        expect(s.path.join(' ')).not.toMatch(/news/i);
      }
      const scores = sections.map((s) => s.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect(scores.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it('suggests nothing when the list has no table sections', () => {
    const empty = parseSurvey(readShared('survey/skeleton.md'));
    const s = new RelevanceScorer(empty, { threshold: 0.5, include: [], exclude: [], model });
    const r = s.score(PROMPT_TUNING);
    expect(r.sections).toEqual([]);
    expect(r.score).toBeGreaterThan(0);
  });
});

describe('keywords', () => {
  it('an exclude keyword keeps an on-topic paper out and says so', () => {
    const r = scorer({ exclude: ['few-shot'] }).score(PROMPT_TUNING);
    expect(r.candidate).toBe(false);
    expect(r.score).toBeLessThan(0.5);
    expect(r.reasons).toContain('exclude keyword: few-shot');
  });

  it('an include keyword makes an off-topic paper a candidate', () => {
    const r = scorer({ include: ['super resolution'] }).score(SUPER_RESOLUTION);
    expect(r.candidate).toBe(true);
    expect(r.score).toBeGreaterThanOrEqual(0.5);
    expect(r.reasons).toContain('include keyword: super resolution');
  });

  it('matches whole words only, ignoring case, plurals and hyphens', () => {
    expect(scorer({ include: ['Transformers'] }).score(SUPER_RESOLUTION).candidate).toBe(true);
    expect(scorer({ include: ['former'] }).score(SUPER_RESOLUTION).candidate).toBe(false);
  });

  it('exclude wins over include', () => {
    const r = scorer({ include: ['CLIP'], exclude: ['CoOp'] }).score(PROMPT_TUNING);
    expect(r.candidate).toBe(false);
  });

  it('rejects a threshold outside [0, 1]', () => {
    expect(() => scorer({ threshold: 1.5 })).toThrow(/threshold/);
  });
});

describe('feedback', () => {
  const approved: Feedback = { ...BORDERLINE_TWIN, decision: 'approved' };
  const rejected: Feedback = { ...BORDERLINE_TWIN, decision: 'rejected' };

  it('an approved similar paper raises the score, a rejected one lowers it', () => {
    const before = scorer().score(BORDERLINE).score;
    const up = scorer({}, [approved]).score(BORDERLINE).score;
    const down = scorer({}, [rejected]).score(BORDERLINE).score;
    expect(up).toBeGreaterThan(before + 0.02);
    expect(down).toBeLessThan(before - 0.02);
  });

  it('works the same when fed after construction, and names the decided paper', () => {
    const s = scorer();
    const before = s.score(BORDERLINE).score;
    s.addFeedback(approved);
    const after = s.score(BORDERLINE);
    expect(after.score).toBeGreaterThan(before);
    expect(after.reasons.some((r) => r.startsWith('like approved: Text-Conditioned Counting'))).toBe(true);
    expect(after.nearest[0]?.arxivId).toBe(BORDERLINE_TWIN.arxivId);
  });

  it('a later decision about the same paper replaces the earlier one', () => {
    const s = scorer({}, [approved]);
    s.addFeedback(rejected);
    const onlyRejected = scorer({}, [rejected]).score(BORDERLINE).score;
    expect(s.score(BORDERLINE).score).toBeCloseTo(onlyRejected, 10);
    expect(s.score(BORDERLINE).nearest.map((n) => n.arxivId)).not.toContain(BORDERLINE_TWIN.arxivId);
  });

  it('an approval filed under a section pulls similar papers towards it', () => {
    const path = ['Vision-Language Model Transfer Learning Methods', 'Transfer with Feature Adapter'];
    const before = scorer().score(BORDERLINE, { explain: true }).sections.find((s) => s.path.join() === path.join())?.score ?? 0;
    const after = scorer({}, [{ ...approved, section: path }]).score(BORDERLINE, { explain: true }).sections.find((s) => s.path.join() === path.join())?.score ?? 0;
    expect(after).toBeGreaterThan(before);
  });

  it('a paper is never its own neighbour', () => {
    const s = scorer({}, [{ ...PROMPT_TUNING, decision: 'approved' as const }]);
    const r = s.score(PROMPT_TUNING);
    expect(r.nearest.map((n) => n.arxivId)).not.toContain(PROMPT_TUNING.arxivId);
    expect(r.score).toBeCloseTo(scorer().score(PROMPT_TUNING).score, 10);
  });
});

describe('model file', () => {
  it('loads the shipped model, small enough to keep in the repository', () => {
    expect(model.format).toBe('vlm-curator/relevance-model@1');
    expect(model.vocabulary.terms.length).toBeGreaterThan(1000);
    expect(model.sections.map((s) => s.name)).toContain(DETECTION_SECTION);
    expect(readFileSync(`${ROOT}/data/relevance-model.json`).length).toBeLessThan(2 * 1024 * 1024);
  });

  it('says how to fix a missing or foreign model file', () => {
    const dir = tempDir({ 'other.json': '{"format":"something-else"}', 'broken.json': '{' });
    try {
      expect(() => loadRelevanceModel(dir.path('missing.json'))).toThrow(RelevanceModelError);
      expect(() => loadRelevanceModel(dir.path('missing.json'))).toThrow(/train-relevance/);
      expect(() => loadRelevanceModel(dir.path('other.json'))).toThrow(/not a vlm-curator\/relevance-model@1 file/);
      expect(() => loadRelevanceModel(dir.path('broken.json'))).toThrow(/not valid JSON/);
    } finally {
      dir.cleanup();
    }
  });
});

describe('what the announcement says', () => {
  it('scores a cross-list (primary category elsewhere) lower than the same paper announced as new', () => {
    const s = scorer();
    const asNew = s.score({ ...PROMPT_TUNING, announceType: 'new' }).score;
    const asCross = s.score({ ...PROMPT_TUNING, announceType: 'cross' }).score;
    expect(asCross).toBeLessThan(asNew);
    expect(s.score(PROMPT_TUNING).score).toBe(asNew);
  });
});

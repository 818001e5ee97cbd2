/**
 * Measures the relevance scorer on labelled days, the way the watcher meets them: each day's feed
 * is parsed and normalised by the real code, only announcements of new papers (`new`, `cross`) are
 * scored, and the scores are joined with the labels by arXiv id.
 *
 * Two regimes: in-sample (the shipped model, which was trained on these days — an upper bound, not
 * evidence) and leave-one-day-out (for each day, a model trained on the other days scores it — what
 * to expect on a day the model has never seen).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSurvey } from '../src/catalogue/catalogue.js';
import type { CatalogueView } from '../src/relevance/catalogue-view.js';
import type { FeedPaper } from '../src/arxiv/paper.js';
import { parseFeed } from '../src/arxiv/parse.js';
import type { RelevanceModel } from '../src/relevance/model.js';
import { trainRelevanceModel, type TrainingInputs, type TrainingOptions } from './relevance-training.js';
import { RelevanceScorer, type ScoreResult } from '../src/relevance/score.js';
import { listHasSection, sectionMatcher } from './section-match.js';
import { loadLabelledPapers, loadLatestListVersion, loadRubricConcepts, loadSectionDescriptions, loadWeakTitles, type LabelledPaper } from './training-data.js';

/** One day's feed: the papers a poll would consider new. */
export interface FeedDay {
  date: string;
  papers: FeedPaper[];
}

export interface ClassificationMetrics {
  /** Labelled papers counted. */
  papers: number;
  positives: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface SectionMetrics {
  /** Positives with a section label. */
  positives: number;
  /** Best suggestion is the labelled section (or, for a section the list lacks, a section of its family). */
  top1: number;
  top3: number;
  /** Like top3, but a section the list lacks always counts as a miss. */
  top3Strict: number;
  /** Positives whose labelled section is not a heading of the list (so only its family can be suggested). */
  absentFromList: number;
}

export interface EvaluationReport {
  regime: 'in-sample' | 'leave-one-day-out';
  threshold: number;
  all: ClassificationMetrics;
  /** Only papers whose label has confidence "high". */
  highConfidence: ClassificationMetrics;
  /** Precision of each day's 10 best-scored papers (what a maintainer sees first). */
  top10: { date: string; precision: number }[];
  top10Mean: number;
  sections: SectionMetrics;
  /** Precision and recall (all labels) at other thresholds, to choose RELEVANCE_THRESHOLD. */
  sweep: { threshold: number; precision: number; recall: number; candidatesPerDay: number }[];
  /** Scored papers without a label, and labels without a paper in the feeds (both should be 0). */
  unlabelled: number;
  missing: number;
}

const SWEEP = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** Announce types that are new papers; `replace`/`replace-cross` are new versions of old ones. */
const NEW_PAPER_TYPES = new Set(['new', 'cross']);

/** Reads every `feed-YYYY-MM-DD.xml` of a directory through the real feed parser. */
export async function loadFeedDays(dir: string): Promise<FeedDay[]> {
  const files = readdirSync(dir)
    .filter((f) => /^feed-\d{4}-\d{2}-\d{2}\.xml$/.test(f))
    .sort();
  const days: FeedDay[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const feed = await parseFeed(readFileSync(path, 'utf8'), { source: path });
    days.push({ date: file.slice(5, 15), papers: feed.papers.filter((p) => NEW_PAPER_TYPES.has(p.announceType)) });
  }
  return days;
}

interface Scored {
  date: string;
  label: LabelledPaper;
  result: ScoreResult;
}

function classification(scored: readonly Scored[], isCandidate = (s: Scored) => s.result.candidate): ClassificationMetrics {
  const positives = scored.filter((s) => s.label.label === 1).length;
  const truePositives = scored.filter((s) => isCandidate(s) && s.label.label === 1).length;
  const falsePositives = scored.filter((s) => isCandidate(s) && s.label.label === 0).length;
  const precision = truePositives + falsePositives > 0 ? truePositives / (truePositives + falsePositives) : 0;
  const recall = positives > 0 ? truePositives / positives : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { papers: scored.length, positives, truePositives, falsePositives, precision, recall, f1 };
}

function byScore(a: Scored, b: Scored): number {
  return b.result.score - a.result.score || (a.label.arxivId < b.label.arxivId ? -1 : 1);
}

function topTen(scored: readonly Scored[], dates: readonly string[]): { date: string; precision: number }[] {
  return dates.map((date) => {
    const best = scored.filter((s) => s.date === date).sort(byScore).slice(0, 10);
    return { date, precision: best.filter((s) => s.label.label === 1).length / 10 };
  });
}

function sectionMetrics(scored: readonly Scored[], catalogue: CatalogueView, models: (date: string) => RelevanceModel): SectionMetrics {
  const labelled = scored.filter((s) => s.label.label === 1 && s.label.section);
  let top1 = 0;
  let top3 = 0;
  let top3Strict = 0;
  for (const s of labelled) {
    const matches = sectionMatcher(catalogue, models(s.date).sections);
    const section = s.label.section!;
    const paths = s.result.sections.map((x) => x.path);
    if (paths[0] && matches(section, paths[0], false)) top1++;
    if (paths.slice(0, 3).some((p) => matches(section, p, false))) top3++;
    if (paths.slice(0, 3).some((p) => matches(section, p, true))) top3Strict++;
  }
  const n = labelled.length || 1;
  return {
    positives: labelled.length,
    top1: top1 / n,
    top3: top3 / n,
    top3Strict: top3Strict / n,
    absentFromList: labelled.filter((s) => !listHasSection(catalogue, s.label.section!)).length,
  };
}

export interface EvaluationInputs {
  days: readonly FeedDay[];
  labels: readonly LabelledPaper[];
  catalogue: CatalogueView;
  threshold?: number;
}

/** Scores every day with the model `modelFor(date)` gives and reports the metrics. */
export function evaluate(
  inputs: EvaluationInputs,
  regime: EvaluationReport['regime'],
  modelFor: (date: string) => RelevanceModel,
): EvaluationReport {
  const threshold = inputs.threshold ?? 0.5;
  const labels = new Map(inputs.labels.map((l) => [l.arxivId, l]));
  const scored: Scored[] = [];
  let unlabelled = 0;
  const seen = new Set<string>();
  for (const day of inputs.days) {
    const scorer = new RelevanceScorer(inputs.catalogue, { threshold, include: [], exclude: [], model: modelFor(day.date) });
    for (const paper of day.papers) {
      const label = labels.get(paper.arxivId);
      if (!label) {
        unlabelled++;
        continue;
      }
      seen.add(paper.arxivId);
      scored.push({ date: day.date, label, result: scorer.score(paper) });
    }
  }
  const top10 = topTen(scored, inputs.days.map((d) => d.date));
  return {
    regime,
    threshold,
    all: classification(scored),
    highConfidence: classification(scored.filter((s) => s.label.confidence === 'high')),
    top10,
    top10Mean: top10.reduce((s, d) => s + d.precision, 0) / (top10.length || 1),
    sections: sectionMetrics(scored, inputs.catalogue, modelFor),
    sweep: SWEEP.map((t) => {
      const m = classification(scored, (s) => s.result.score >= t);
      return { threshold: t, precision: m.precision, recall: m.recall, candidatesPerDay: (m.truePositives + m.falsePositives) / (inputs.days.length || 1) };
    }),
    unlabelled,
    missing: inputs.labels.filter((l) => !seen.has(l.arxivId)).length,
  };
}

/** The given (shipped) model on every day. On its own training days this is an upper bound. */
export function evaluateInSample(inputs: EvaluationInputs, model: RelevanceModel): EvaluationReport {
  return evaluate(inputs, 'in-sample', () => model);
}

/** For each day, a model trained on the other days' labels (plus the day-independent data) scores it. */
export function evaluateLeaveOneDayOut(
  inputs: EvaluationInputs,
  training: Omit<TrainingInputs, 'labelled' | 'catalogue'>,
  options: Partial<TrainingOptions> = {},
): EvaluationReport {
  const models = new Map<string, RelevanceModel>();
  for (const day of inputs.days) {
    const labelled = inputs.labels.filter((l) => l.date !== day.date);
    models.set(day.date, trainRelevanceModel({ ...training, labelled, catalogue: inputs.catalogue }, options));
  }
  return evaluate(inputs, 'leave-one-day-out', (date) => models.get(date)!);
}

export interface EvaluationRun {
  days: string[];
  papers: number;
  positives: number;
  inSample: EvaluationReport;
  leaveOneDayOut?: EvaluationReport;
}

/**
 * Everything `npm run eval` does: reads the day feeds and labels from `fixturesDir`, the list from
 * `surveyPath`, the shipped model from `modelPath`, and reports in-sample and (unless
 * `crossValidate` is false) leave-one-day-out quality.
 */
export async function runRelevanceEvaluation(options: {
  fixturesDir: string;
  surveyPath: string;
  model: RelevanceModel;
  crossValidate?: boolean;
}): Promise<EvaluationRun> {
  const { fixturesDir } = options;
  const catalogue = parseSurvey(readFileSync(options.surveyPath, 'utf8'));
  const labels = loadLabelledPapers(join(fixturesDir, 'dev.jsonl'));
  const days = await loadFeedDays(fixturesDir);
  const inputs: EvaluationInputs = { days, labels, catalogue };
  const run: EvaluationRun = {
    days: days.map((d) => d.date),
    papers: labels.length,
    positives: labels.filter((l) => l.label === 1).length,
    inSample: evaluateInSample(inputs, options.model),
  };
  if (options.crossValidate !== false) {
    run.leaveOneDayOut = evaluateLeaveOneDayOut(inputs, {
      otherLists: loadLatestListVersion().map(parseSurvey),
      weak: loadWeakTitles(join(fixturesDir, 'weak/list-membership-titles.jsonl')),
      sectionDescriptions: loadSectionDescriptions(join(fixturesDir, 'RUBRIC.md')),
      rubricConcepts: loadRubricConcepts(join(fixturesDir, 'RUBRIC.md')),
    });
  }
  return run;
}

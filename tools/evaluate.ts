/**
 * Measures the relevance scorer on labelled days, the way the watcher meets them: each day's feed
 * is parsed and normalised by the real code, only announcements of new papers (`new`, `cross`) are
 * scored, and the scores are joined with the labels by arXiv id.
 *
 * Two regimes here: in-sample (the shipped model, which was trained on these days — an upper bound,
 * not evidence) and leave-one-day-out (for each day, a model trained on the other days scores it —
 * what to expect on a day the model has never seen). forward-replay.ts adds the days in date order,
 * as if maintainers had decided each one (what learning from decisions is worth).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogueView } from '../src/relevance/catalogue-view.js';
import type { FeedPaper } from '../src/arxiv/paper.js';
import { parseFeed } from '../src/arxiv/parse.js';
import type { RelevanceModel } from '../src/relevance/model.js';
import { trainRelevanceModel, type TrainingInputs, type TrainingOptions } from './relevance-training.js';
import { RelevanceScorer, type Feedback, type ScoreResult } from '../src/relevance/score.js';
import { listHasSection, sectionMatcher } from './section-match.js';
import type { LabelledPaper } from './training-data.js';

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

/** The daily digest as maintainers get it: the day's candidates, best first, at most DIGEST_MAX. */
export interface DigestMetrics {
  /** DIGEST_MAX. */
  max: number;
  /** Papers shown per day, on average. */
  shownPerDay: number;
  precision: number;
  /** Share of the relevant papers (all labels / clear cases only) the digests showed. */
  recall: number;
  highConfidenceRecall: number;
}

export interface EvaluationReport {
  /** `in-sample`, `leave-one-day-out`, or a forward-replay regime. */
  regime: string;
  threshold: number;
  all: ClassificationMetrics;
  /** Only papers whose label has confidence "high". */
  highConfidence: ClassificationMetrics;
  /** Precision of each day's 10 best-scored papers (what a maintainer sees first). */
  top10: { date: string; precision: number }[];
  top10Mean: number;
  sections: SectionMetrics;
  digest: DigestMetrics;
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

export interface Scored {
  date: string;
  label: LabelledPaper;
  result: ScoreResult;
}

/** The default DIGEST_MAX (src/config.ts): the digest the eval measures. */
export const EVAL_DIGEST_MAX = 20;

function digestMetrics(scored: readonly Scored[], dates: readonly string[], max: number): DigestMetrics {
  const shown = dates.flatMap((date) => scored.filter((s) => s.date === date && s.result.candidate).sort(byScore).slice(0, max));
  const relevant = (s: Scored) => s.label.label === 1;
  const clear = (s: Scored) => relevant(s) && s.label.confidence === 'high';
  const share = (of: (s: Scored) => boolean) => shown.filter(of).length / (scored.filter(of).length || 1);
  return {
    max,
    shownPerDay: shown.length / (dates.length || 1),
    precision: shown.filter(relevant).length / (shown.length || 1),
    recall: share(relevant),
    highConfidenceRecall: share(clear),
  };
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
  /** The list the bot serves (scoring and sections). */
  catalogue: CatalogueView;
  threshold?: number;
  /** DIGEST_MAX for the digest metrics (default {@link EVAL_DIGEST_MAX}). */
  digestMax?: number;
}

/** Scores one day's labelled papers as the watch would, with `feedback` as maintainers' decisions so far. */
export function scoreDay(inputs: EvaluationInputs, day: FeedDay, model: RelevanceModel, feedback: readonly Feedback[] = []): Scored[] {
  const labels = new Map(inputs.labels.map((l) => [l.arxivId, l]));
  // Explained in full: sections are measured for every relevant paper, candidate or not.
  const scorer = new RelevanceScorer(inputs.catalogue, { threshold: inputs.threshold ?? 0.5, include: [], exclude: [], model, explainAll: true }, feedback);
  return day.papers.flatMap((paper) => {
    const label = labels.get(paper.arxivId);
    return label ? [{ date: day.date, label, result: scorer.score(paper) }] : [];
  });
}

/** Scores every day with the model `modelFor(date)` (and maintainers' decisions `feedbackFor(date)`) and reports the metrics. */
export function evaluate(
  inputs: EvaluationInputs,
  regime: EvaluationReport['regime'],
  modelFor: (date: string) => RelevanceModel,
  feedbackFor: (date: string) => readonly Feedback[] = () => [],
): EvaluationReport {
  const threshold = inputs.threshold ?? 0.5;
  const scored = inputs.days.flatMap((day) => scoreDay(inputs, day, modelFor(day.date), feedbackFor(day.date)));
  const seen = new Set(scored.map((s) => s.label.arxivId));
  const unlabelled = inputs.days.reduce((n, d) => n + d.papers.length, 0) - scored.length;
  const dates = inputs.days.map((d) => d.date);
  const top10 = topTen(scored, dates);
  return {
    regime,
    threshold,
    all: classification(scored),
    highConfidence: classification(scored.filter((s) => s.label.confidence === 'high')),
    top10,
    top10Mean: top10.reduce((s, d) => s + d.precision, 0) / (top10.length || 1),
    sections: sectionMetrics(scored, inputs.catalogue, modelFor),
    digest: digestMetrics(scored, dates, inputs.digestMax ?? EVAL_DIGEST_MAX),
    sweep: SWEEP.map((t) => {
      const m = classification(scored, (s) => s.result.score >= t);
      return { threshold: t, precision: m.precision, recall: m.recall, candidatesPerDay: (m.truePositives + m.falsePositives) / (inputs.days.length || 1) };
    }),
    unlabelled,
    missing: inputs.labels.filter((l) => dates.includes(l.date) && !seen.has(l.arxivId)).length,
  };
}

/** The given (shipped) model on every day. On its own training days this is an upper bound. */
export function evaluateInSample(inputs: EvaluationInputs, model: RelevanceModel): EvaluationReport {
  return evaluate(inputs, 'in-sample', () => model);
}

/** The day-independent training material (the list it is trained with: the bundled one). */
export type DayIndependentTraining = Omit<TrainingInputs, 'labelled'>;

/** For each day, a model trained on the other days' labels (plus the day-independent data) scores it. */
export function leaveOneDayOutModels(inputs: EvaluationInputs, training: DayIndependentTraining, options: Partial<TrainingOptions> = {}): Map<string, RelevanceModel> {
  const models = new Map<string, RelevanceModel>();
  for (const day of inputs.days) models.set(day.date, trainRelevanceModel({ ...training, labelled: inputs.labels.filter((l) => l.date !== day.date) }, options));
  return models;
}

export function evaluateLeaveOneDayOut(inputs: EvaluationInputs, training: DayIndependentTraining, options: Partial<TrainingOptions> = {}): EvaluationReport {
  const models = leaveOneDayOutModels(inputs, training, options);
  return evaluate(inputs, 'leave-one-day-out', (date) => models.get(date)!);
}

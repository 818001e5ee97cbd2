/**
 * Everything `npm run eval` measures, in one run: in-sample, leave-one-day-out (evaluate.ts) and the
 * forward replay (forward-replay.ts), on the list served and on a newer version of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSurvey } from '../src/catalogue/catalogue.js';
import type { RelevanceModel } from '../src/relevance/model.js';
import { evaluate, evaluateInSample, leaveOneDayOutModels, loadFeedDays, type DayIndependentTraining, type EvaluationInputs, type EvaluationReport, type SectionMetrics } from './evaluate.js';
import { evaluateForwardReplay } from './forward-replay.js';
import { latestListVersionPath, loadLabelledPapers, loadLatestListVersion, loadRubricConcepts, loadSectionDescriptions, loadWeakTitles, REPO_ROOT } from './training-data.js';

export interface EvaluationRun {
  days: string[];
  papers: number;
  positives: number;
  /** The list scored against (sections are suggested from it). */
  survey: string;
  inSample: EvaluationReport;
  leaveOneDayOut?: EvaluationReport;
  /** The days in date order, as if maintainers had decided each (see forward-replay.ts). */
  forwardReplay?: EvaluationReport[];
  /** Sections on another list (a checkout of the real list, newer than the bundled one), same models. */
  otherList?: { survey: string; inSample: SectionMetrics; leaveOneDayOut?: SectionMetrics };
}

/**
 * Everything `npm run eval` does: reads the day feeds and labels from `fixturesDir`, scores against
 * the list at `surveyPath` with the shipped `model`, and reports in-sample and (unless
 * `crossValidate` is false) leave-one-day-out quality and the forward replay; models it trains
 * learn with the bundled list (`trainingSurveyPath`), as the shipped one did. Sections are also
 * measured on `otherSurveyPath` (default: the newest later version of the list).
 */
export async function runRelevanceEvaluation(options: {
  fixturesDir: string;
  surveyPath: string;
  model: RelevanceModel;
  crossValidate?: boolean;
  trainingSurveyPath?: string;
  otherSurveyPath?: string | null;
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
    survey: options.surveyPath,
    inSample: evaluateInSample(inputs, options.model),
  };
  const otherPath = options.otherSurveyPath === undefined ? latestListVersionPath() : options.otherSurveyPath;
  const other = otherPath && otherPath !== options.surveyPath ? { ...inputs, catalogue: parseSurvey(readFileSync(otherPath, 'utf8')) } : undefined;
  if (other && otherPath) run.otherList = { survey: otherPath, inSample: evaluateInSample(other, options.model).sections };
  if (options.crossValidate !== false) {
    const training: DayIndependentTraining = {
      catalogue: parseSurvey(readFileSync(options.trainingSurveyPath ?? join(REPO_ROOT, 'data/survey.md'), 'utf8')),
      otherLists: loadLatestListVersion().map(parseSurvey),
      weak: loadWeakTitles(join(fixturesDir, 'weak/list-membership-titles.jsonl')),
      sectionDescriptions: loadSectionDescriptions(join(fixturesDir, 'RUBRIC.md')),
      rubricConcepts: loadRubricConcepts(join(fixturesDir, 'RUBRIC.md')),
    };
    const models = leaveOneDayOutModels(inputs, training);
    run.leaveOneDayOut = evaluate(inputs, 'leave-one-day-out', (date) => models.get(date)!);
    if (other && run.otherList) run.otherList.leaveOneDayOut = evaluate(other, 'leave-one-day-out', (date) => models.get(date)!).sections;
    run.forwardReplay = evaluateForwardReplay(inputs, training);
  }
  return run;
}

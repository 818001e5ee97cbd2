/**
 * The labelled days replayed in date order, as if the bot had run on them and maintainers had
 * decided each day's candidates: what learning from decisions is worth, measured honestly — every
 * day is scored by what existed before it.
 *
 * The bot starts with a model trained on the first day only (the "shipped" model of the replay);
 * each later day is scored three ways:
 *  - `no learning`: that model as it is;
 *  - `from decisions`: that model retrained from the decisions of the days before, the way
 *    `curator relevance retrain` does (src/relevance/retrain.ts), plus those decisions in the
 *    scorer's neighbourhood — maintainers decide the candidates (score ≥ threshold) by their label,
 *    approving into the labelled section; papers they never saw teach nothing;
 *  - `offline retrain`: a full offline training on every earlier day's labels (what a new
 *    release trained on more days would do; a reference, not what the bot does by itself).
 */
import { tableSections } from '../src/relevance/catalogue-view.js';
import type { RelevanceModel } from '../src/relevance/model.js';
import { applyUpdate, learnFromDecisions } from '../src/relevance/retrain.js';
import type { Feedback } from '../src/relevance/score.js';
import { evaluate, scoreDay, type DayIndependentTraining, type EvaluationInputs, type EvaluationReport } from './evaluate.js';
import { trainRelevanceModel } from './relevance-training.js';
import { sectionMatcher } from './section-match.js';

export const REPLAY_REGIMES = ['forward: no learning', 'forward: from decisions', 'forward: offline retrain'] as const;

export function evaluateForwardReplay(inputs: EvaluationInputs, training: DayIndependentTraining): EvaluationReport[] {
  const days = [...inputs.days].sort((a, b) => (a.date < b.date ? -1 : 1));
  if (days.length < 2) return [];
  const before = (date: string) => inputs.labels.filter((l) => l.date < date);
  const later = days.slice(1);
  const prior = trainRelevanceModel({ ...training, labelled: before(later[0]!.date) });
  const replayed: EvaluationInputs = { ...inputs, days: later };

  // Day by day: score with what was learned so far, then the maintainers decide the candidates.
  const tables = tableSections(inputs.catalogue);
  const matches = sectionMatcher(inputs.catalogue, prior.sections);
  const models = new Map<string, RelevanceModel>();
  const decidedBefore = new Map<string, Feedback[]>();
  const decisions: Feedback[] = [];
  for (const day of later) {
    const model = decisions.length ? applyUpdate(prior, learnFromDecisions(prior, decisions)) : prior;
    models.set(day.date, model);
    decidedBefore.set(day.date, [...decisions]);
    for (const s of scoreDay(inputs, day, model, decisions)) {
      if (!s.result.candidate) continue;
      const approved = s.label.label === 1;
      const section = approved && s.label.section ? tables.find((t) => matches(s.label.section!, t.path))?.path : undefined;
      decisions.push({ arxivId: s.label.arxivId, title: s.label.title, abstract: s.label.abstract, decision: approved ? 'approved' : 'rejected', ...(section && { section: [...section] }) });
    }
  }

  const offline = new Map(later.map((day) => [day.date, day === later[0] ? prior : trainRelevanceModel({ ...training, labelled: before(day.date) })]));
  return [
    evaluate(replayed, REPLAY_REGIMES[0], () => prior),
    evaluate(replayed, REPLAY_REGIMES[1], (date) => models.get(date)!, (date) => decidedBefore.get(date)!),
    evaluate(replayed, REPLAY_REGIMES[2], (date) => offline.get(date)!),
  ];
}

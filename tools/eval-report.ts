/** Renders an {@link EvaluationRun} as the plain-text tables `npm run eval` prints. */
import { basename } from 'node:path';
import type { EvaluationRun } from './eval-run.js';
import type { ClassificationMetrics, EvaluationReport } from './evaluate.js';

const f2 = (v: number): string => v.toFixed(2);

function row(label: string, cells: readonly string[]): string {
  return `${label.padEnd(38)}${cells.map((c) => c.padStart(20)).join('')}`;
}

function classificationRows(name: string, pick: (r: EvaluationReport) => ClassificationMetrics, reports: readonly EvaluationReport[]): string[] {
  return [
    row(`precision (${name})`, reports.map((r) => f2(pick(r).precision))),
    row(`recall (${name})`, reports.map((r) => f2(pick(r).recall))),
    row(`F1 (${name})`, reports.map((r) => f2(pick(r).f1))),
  ];
}

/** The rows every regime has, one column per report. */
function reportRows(reports: readonly EvaluationReport[], perDay: boolean): string[] {
  const dates = reports[0]?.top10.map((d) => d.date) ?? [];
  return [
    row('', reports.map((r) => r.regime.replace(/^forward: /, ''))),
    ...classificationRows('all labels', (r) => r.all, reports),
    ...classificationRows('high confidence', (r) => r.highConfidence, reports),
    ...(perDay ? dates.map((day, i) => row(`top-10 precision ${day}`, reports.map((r) => f2(r.top10[i]?.precision ?? 0)))) : []),
    row('top-10 precision, mean', reports.map((r) => f2(r.top10Mean))),
    row(`digest (≤ ${reports[0]?.digest.max ?? 0} best), shown per day`, reports.map((r) => r.digest.shownPerDay.toFixed(1))),
    row('digest precision / recall', reports.map((r) => `${f2(r.digest.precision)} / ${f2(r.digest.recall)}`)),
    row('digest recall, high confidence', reports.map((r) => f2(r.digest.highConfidenceRecall))),
    row('section top-1', reports.map((r) => f2(r.sections.top1))),
    row('section top-3', reports.map((r) => f2(r.sections.top3))),
    row('section top-3, exact heading only', reports.map((r) => f2(r.sections.top3Strict))),
  ];
}

export function formatEvaluation(run: EvaluationRun): string {
  const reports = [run.inSample, ...(run.leaveOneDayOut ? [run.leaveOneDayOut] : [])];
  const high = run.inSample.highConfidence;
  const lines = [
    `Relevance on ${run.days.length} labelled days (${run.papers} papers, ${run.positives} relevant; ${high.papers} high-confidence labels, ${high.positives} of them relevant), threshold ${run.inSample.threshold}, list ${basename(run.survey)}`,
    '',
    ...reportRows(reports, true),
    '',
    'Threshold sweep (all labels): precision / recall / candidates per day',
    ...run.inSample.sweep.map((s, i) =>
      row(`  score >= ${s.threshold.toFixed(1)}`, reports.map((r) => {
        const x = r.sweep[i]!;
        return `${f2(x.precision)}/${f2(x.recall)}/${x.candidatesPerDay.toFixed(0)}`;
      })),
    ),
  ];
  if (run.otherList) {
    const other = [run.otherList.inSample, ...(run.otherList.leaveOneDayOut ? [run.otherList.leaveOneDayOut] : [])];
    lines.push(
      '',
      `Sections suggested from another list: ${basename(run.otherList.survey)} (a checkout of the real list), same models`,
      row('section top-1', other.map((m) => f2(m.top1))),
      row('section top-3', other.map((m) => f2(m.top3))),
    );
  }
  if (run.forwardReplay?.length) {
    const replay = run.forwardReplay;
    lines.push(
      '',
      `Forward replay: days ${replay[0]!.top10.map((d) => d.date).join(', ')} in date order, each scored by what existed before it (the first day trains the starting model)`,
      ...reportRows(replay, false),
    );
  }
  lines.push(
    '',
    'in-sample: the shipped model on the days it was trained on (an upper bound, not evidence).',
    ...(run.leaveOneDayOut
      ? ['leave-one-day-out: each day scored by a model trained without it (what to expect on a new day).']
      : ['leave-one-day-out and forward replay: skipped (--no-cv).']),
    ...(run.forwardReplay?.length
      ? [
          'forward replay — no learning: the first day\'s model as it is; from decisions: retrained from the maintainers\' decisions of the days before',
          '  (their candidates, decided by their labels: `curator relevance retrain`), and those decisions in the neighbourhood; offline retrain: trained on every earlier day.',
        ]
      : []),
    `sections: ${run.inSample.sections.absentFromList} of ${run.inSample.sections.positives} relevant papers are labelled with a section the list does not have yet; a suggestion in that section's family counts.`,
  );
  if (reports.some((r) => r.unlabelled > 0 || r.missing > 0)) {
    lines.push(`warning: ${run.inSample.unlabelled} scored papers had no label and ${run.inSample.missing} labels had no paper in the feeds.`);
  }
  return `${lines.join('\n')}\n`;
}

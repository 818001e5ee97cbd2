/** Renders an {@link EvaluationRun} as the plain-text table `npm run eval` prints. */
import type { ClassificationMetrics, EvaluationReport, EvaluationRun } from './evaluate.js';

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

export function formatEvaluation(run: EvaluationRun): string {
  const reports = [run.inSample, ...(run.leaveOneDayOut ? [run.leaveOneDayOut] : [])];
  const high = run.inSample.highConfidence;
  const lines = [
    `Relevance on ${run.days.length} labelled days (${run.papers} papers, ${run.positives} relevant; ${high.papers} high-confidence labels, ${high.positives} of them relevant), threshold ${run.inSample.threshold}`,
    '',
    row('', reports.map((r) => r.regime)),
    ...classificationRows('all labels', (r) => r.all, reports),
    ...classificationRows('high confidence', (r) => r.highConfidence, reports),
    ...run.days.map((day, i) => row(`top-10 precision ${day}`, reports.map((r) => f2(r.top10[i]?.precision ?? 0)))),
    row('top-10 precision, mean', reports.map((r) => f2(r.top10Mean))),
    row('section top-1', reports.map((r) => f2(r.sections.top1))),
    row('section top-3', reports.map((r) => f2(r.sections.top3))),
    row('section top-3, exact heading only', reports.map((r) => f2(r.sections.top3Strict))),
    '',
    'Threshold sweep (all labels): precision / recall / candidates per day',
    ...run.inSample.sweep.map((s, i) =>
      row(`  score >= ${s.threshold.toFixed(1)}`, reports.map((r) => {
        const x = r.sweep[i]!;
        return `${f2(x.precision)}/${f2(x.recall)}/${x.candidatesPerDay.toFixed(0)}`;
      })),
    ),
    '',
    'in-sample: the shipped model on the days it was trained on (an upper bound, not evidence).',
    ...(run.leaveOneDayOut
      ? ['leave-one-day-out: each day scored by a model trained without it (what to expect on a new day).']
      : ['leave-one-day-out: skipped (--no-cv).']),
    `sections: ${run.inSample.sections.absentFromList} of ${run.inSample.sections.positives} relevant papers are labelled with a section the list does not have yet; a suggestion in that section's family counts.`,
  ];
  if (reports.some((r) => r.unlabelled > 0 || r.missing > 0)) {
    lines.push(`warning: ${run.inSample.unlabelled} scored papers had no label and ${run.inSample.missing} labels had no paper in the feeds.`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `npm run eval`: relevance, digest and section quality on the labelled days — in-sample,
 * leave-one-day-out, and the days replayed in date order with and without learning from decisions
 * (see eval-run.ts). `--survey` is the list scored against (default the bundled one; models the
 * eval trains always learn with the bundled list, as the shipped one did).
 *
 *   npm run eval [-- --json] [--no-cv] [--fixtures DIR] [--survey FILE] [--model FILE]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatEvaluation } from './eval-report.js';
import { runRelevanceEvaluation } from './eval-run.js';
import { DEFAULT_RELEVANCE_MODEL_PATH, loadRelevanceModel } from '../src/relevance/model.js';
import { DEFAULT_RELEVANCE_DIR, REPO_ROOT } from './training-data.js';
import { errorMessage } from '../src/core/errors.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    'no-cv': { type: 'boolean', default: false },
    fixtures: { type: 'string', default: DEFAULT_RELEVANCE_DIR },
    survey: { type: 'string', default: resolve(REPO_ROOT, 'data/survey.md') },
    model: { type: 'string', default: DEFAULT_RELEVANCE_MODEL_PATH },
  },
});

try {
  const run = await runRelevanceEvaluation({
    fixturesDir: resolve(values.fixtures),
    surveyPath: resolve(values.survey),
    model: loadRelevanceModel(resolve(values.model)),
    crossValidate: !values['no-cv'],
  });
  process.stdout.write(values.json ? `${JSON.stringify(run, null, 2)}\n` : formatEvaluation(run));
} catch (err) {
  process.stderr.write(`eval: ${errorMessage(err)}\n`);
  process.exitCode = 1;
}

/**
 * Trains the relevance model and writes it to `data/relevance-model.json`.
 *
 *   npx tsx tools/train-relevance.ts   (npm run train:relevance) [--fixtures DIR] [--survey FILE] [--out FILE]
 *
 * Inputs: the labelled days and weak titles in `../shared/fixtures/relevance/` (dev.jsonl,
 * weak/list-membership-titles.jsonl, RUBRIC.md), the list itself (`data/survey.md`) and the newest
 * later version of it (`../shared/fixtures/survey/history/`, for the section ranker).
 * Deterministic: no randomness anywhere, so the same inputs give a byte-identical file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSurvey } from '../src/catalogue/catalogue.js';
import { DEFAULT_RELEVANCE_MODEL_PATH } from '../src/relevance/model.js';
import { trainRelevanceModel } from './relevance-training.js';
import { DEFAULT_RELEVANCE_DIR, loadLabelledPapers, loadLatestListVersion, loadRubricConcepts, loadSectionDescriptions, loadWeakTitles, REPO_ROOT } from './training-data.js';

const { values } = parseArgs({
  options: {
    fixtures: { type: 'string', default: DEFAULT_RELEVANCE_DIR },
    survey: { type: 'string', default: resolve(REPO_ROOT, 'data/survey.md') },
    out: { type: 'string', default: DEFAULT_RELEVANCE_MODEL_PATH },
  },
});
const fixtures = resolve(values.fixtures);
const started = Date.now();
const model = trainRelevanceModel({
  labelled: loadLabelledPapers(resolve(fixtures, 'dev.jsonl')),
  weak: loadWeakTitles(resolve(fixtures, 'weak/list-membership-titles.jsonl')),
  sectionDescriptions: loadSectionDescriptions(resolve(fixtures, 'RUBRIC.md')),
  rubricConcepts: loadRubricConcepts(resolve(fixtures, 'RUBRIC.md')),
  catalogue: parseSurvey(readFileSync(values.survey, 'utf8')),
  otherLists: loadLatestListVersion().map(parseSurvey),
});
const json = `${JSON.stringify(model)}\n`;
writeFileSync(values.out, json);

const t = model.trainedOn;
const combiner = model.combiner.features.map((f, i) => `${f} ${model.combiner.weights[i]}`).join(', ');
process.stdout.write(
  [
    `relevance model written to ${values.out} (${(json.length / 1024).toFixed(0)} KiB, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  trained on ${t.labelledPapers} labelled papers (${t.labelledDays.join(', ')}), ${t.weakTitles} weak titles, ${t.catalogueEntries} list entries`,
    `  vocabulary ${model.vocabulary.terms.length} terms; text classifiers: ${Object.keys(model.text).join(', ')}; ${model.sections.length} section prototypes`,
    `  combiner: ${combiner}, bias ${model.combiner.bias}`,
    '',
  ].join('\n'),
);

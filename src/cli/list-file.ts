import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.js';
import { Catalogue } from '../catalogue/catalogue.js';
import type { CliCommand } from './types.js';

/** The least a file must have to be served as the list: headings and at least one entry. */
export function validateSurvey(text: string, file: string): Catalogue {
  if (text.includes('\u0000')) throw new Error(`${file} is not a text file`);
  const catalogue = Catalogue.parse(text);
  if (!catalogue.sections.length) throw new Error(`${file} is not a survey list: it has no markdown headings`);
  if (!catalogue.entries.length) {
    throw new Error(`${file} is not a survey list: no paper or dataset rows were found (tables like |[Title](url)|Venue|[Code](url)|, or bullets like * [CVPR 2023] Title [[Paper](url)])`);
  }
  return catalogue;
}

export const importCommand: CliCommand = {
  usage: 'import FILE',
  summary: 'Validate a survey README and make it the list (atomically); prints counts and warnings.',
  async run({ config, positionals, stdout }) {
    const file = positionals[0];
    if (!file) throw new Error('which file? Usage: curator import FILE');
    const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new Error(`cannot read ${file}: ${err.code ?? err.message}`);
    });
    const catalogue = validateSurvey(text, file);
    await fs.mkdir(path.dirname(config.surveyPath), { recursive: true });
    await writeFileAtomic(config.surveyPath, text);
    const papers = catalogue.entries.filter((e) => e.kind === 'paper').length;
    stdout.write(`Imported ${file} → ${config.surveyPath}: ${catalogue.entries.length} entries (${papers} papers, ${catalogue.entries.length - papers} datasets) in ${catalogue.sections.length} sections.\n`);
    for (const w of catalogue.warnings) stdout.write(`warning: line ${w.line}: ${w.message}\n`);
    return 0;
  },
};

export const exportCommand: CliCommand = {
  usage: 'export [--out FILE]',
  summary: 'Write the list back (to stdout, or atomically to FILE).',
  flags: { out: { type: 'string', short: 'o' } },
  async run({ config, values, stdout }) {
    const text = await fs.readFile(config.surveyPath, 'utf8');
    const rendered = Catalogue.parse(text).render();
    const out = values.out as string | undefined;
    if (out) {
      await writeFileAtomic(path.resolve(out), rendered);
      stdout.write(`Wrote ${out}\n`);
    } else stdout.write(rendered);
    return 0;
  },
};

export const catalogueCommand: CliCommand = {
  usage: 'catalogue [--json]',
  summary: 'Print the parsed list: entries and sections (--json for scripts).',
  flags: { json: { type: 'boolean' } },
  async run({ config, values, stdout }) {
    const catalogue = Catalogue.parse(await fs.readFile(config.surveyPath, 'utf8'));
    if (values.json) {
      const sections = catalogue.sections.map(({ table, ...s }) => ({ ...s, table: table ? { kind: table.kind, headers: table.headers } : undefined }));
      stdout.write(JSON.stringify({ entries: catalogue.entries, sections, warnings: catalogue.warnings }) + '\n');
    } else {
      for (const s of catalogue.sections) stdout.write(`${'  '.repeat(s.level - 1)}${s.title} (${s.entryCount})\n`);
      stdout.write(`${catalogue.entries.length} entries, ${catalogue.warnings.length} warnings\n`);
    }
    return 0;
  },
};

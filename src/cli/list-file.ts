import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.js';
import { Catalogue } from '../catalogue/catalogue.js';
import { ListFile } from '../catalogue/list-file.js';
import { checkList } from '../catalogue/validate.js';
import type { CliCommand } from './types.js';

export const importCommand: CliCommand = {
  usage: 'import FILE',
  summary: 'Validate a survey README and make it the list (atomically, under the list lock); prints counts and warnings.',
  async run({ config, positionals, stdout }) {
    const file = positionals[0];
    if (!file) throw new Error('which file? Usage: curator import FILE');
    const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new Error(`cannot read ${file}: ${err.code ?? err.message}`);
    });
    const catalogue = checkList(text, file);
    // Under the lock the running bot and other curator processes take: no approval lands between our read and our write.
    await new ListFile(config.surveyPath, { staleMs: config.list.lockStaleMs }).change((list) => list.replace(text));
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

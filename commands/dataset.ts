import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import type { ReplyField } from '../src/core/reply.js';
import { itemLinks } from './helpers/present.js';
import { plainText, wholeLink } from '../src/core/markdown.js';

export default defineCommand({
  name: 'dataset',
  description: 'Show one dataset with the columns of its table.',
  options: z.object({
    name: z.string().min(1).max(100).describe('Dataset name, e.g. LAION5B or ImageNet-1k'),
  }),
  positional: ['name'],
  complete: { name: 'dataset' },
  examples: ['dataset LAION5B', 'dataset "Visual Genome"'],
  run({ name }, ctx) {
    const item = ctx.catalogue.index.find(name, 'dataset');
    if (!item) throw new UserError('not-found', `No dataset in the list matches “${name}”. Try \`search ${name} --kind dataset\`.`);
    const fields: ReplyField[] = [];
    const seen = new Set<string>();
    for (const entry of item.entries) {
      for (const [column, value] of Object.entries(entry.fields ?? {})) {
        if (seen.has(column) || !value) continue;
        seen.add(column);
        // A cell that is only a link (`[Project](url)`) is worth its URL, not its label.
        fields.push({ name: column, value: wholeLink(value)?.url ?? (plainText(value) || value), inline: true });
      }
    }
    if (!fields.length && item.year) fields.push({ name: 'Year', value: String(item.year), inline: true });
    fields.push({ name: item.sections.length > 1 ? 'Sections' : 'Section', value: item.sections.map((p) => p.join(' › ')).join('\n') });
    return { title: item.title, fields, links: itemLinks(item) };
  },
});

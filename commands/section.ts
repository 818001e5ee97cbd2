import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { findSections } from '../src/core/find-section.js';
import { itemToReplyItem } from './helpers/present.js';

export default defineCommand({
  name: 'section',
  description: 'List the entries of one section (paged).',
  options: z.object({
    name: z.string().min(1).max(100).describe('Section name or part of it, e.g. "text prompt tuning"'),
  }),
  positional: ['name'],
  complete: { name: 'section' },
  examples: ['section Transfer with Text Prompt Tuning', 'section detection'],
  run({ name }, ctx) {
    const { catalogue, index } = ctx.catalogue;
    const matches = findSections(catalogue.sections, name).filter((s) => s.totalCount > 0);
    if (!matches.length) throw new UserError('not-found', `No section matches “${name}”. See \`sections\` for the list.`);
    const section = matches[0]!;
    const seen = new Set<number>();
    const items = catalogue
      .entriesUnder(section.path)
      .map((e) => index.itemOf(e))
      .filter((i): i is NonNullable<typeof i> => i !== undefined && !seen.has(i.id) && Boolean(seen.add(i.id)));
    const others = matches.slice(1, 4).map((s) => s.path.join(' › '));
    return {
      title: `${section.path.join(' › ')} (${items.length})`,
      text: others.length ? `Also matching: ${others.join('; ')}` : undefined,
      items: items.map(itemToReplyItem),
    };
  },
});

import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import type { ReplyField } from '../src/core/reply.js';
import { venueLabel } from '../src/core/list.js';
import { itemLinks } from './helpers/present.js';
import { MAX_QUERY_LENGTH } from '../src/core/query-text.js';

export default defineCommand({
  name: 'paper',
  description: 'Show one paper: by title, acronym, arXiv id or URL.',
  options: z.object({
    ref: z.string().min(1).max(MAX_QUERY_LENGTH).describe('Title, acronym, arXiv id or URL, e.g. CoOp or 2109.01134'),
  }),
  positional: ['ref'],
  complete: { ref: 'paper' },
  examples: ['paper CoOp', 'paper 2109.01134', 'paper https://arxiv.org/abs/2103.00020'],
  run({ ref }, ctx) {
    const item = ctx.catalogue.index.find(ref, 'paper');
    if (!item) throw new UserError('not-found', `No paper in the list matches “${ref}”. Try \`search ${ref}\`.`);
    const fields: ReplyField[] = [];
    if (item.acronym) fields.push({ name: 'Acronym', value: item.acronym, inline: true });
    const venue = venueLabel(item);
    if (venue) fields.push({ name: 'Published in', value: venue, inline: true });
    if (item.arxivId) fields.push({ name: 'arXiv', value: item.arxivId, inline: true });
    // A code link is shown once, with the other links; a missing one is worth saying.
    if (!item.links.code) fields.push({ name: 'Code', value: 'none listed', inline: true });
    fields.push({
      name: item.sections.length > 1 ? `Sections (${item.sections.length})` : 'Section',
      value: item.sections.map((p) => p.join(' › ')).join('\n'),
    });
    fields.push({ name: 'Line', value: item.entries.map((e) => String(e.line)).join(', '), inline: true });
    if (item.authors?.length) fields.push({ name: 'Authors', value: item.authors.join(', ') });
    return { title: item.title, text: item.abstract, fields, links: itemLinks(item) };
  },
});

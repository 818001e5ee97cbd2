import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { MAX_QUERY_LENGTH } from '../src/core/query-text.js';
import { itemToReplyItem } from './helpers/present.js';
import { parseYearRange } from './helpers/year-range.js';

export default defineCommand({
  name: 'search',
  description: 'Search the list: titles, acronyms, venues and sections.',
  options: z.object({
    query: z.string().max(MAX_QUERY_LENGTH).optional().describe('Words to look for, e.g. open vocabulary detection'),
    section: z.string().max(100).optional().describe('Only entries in sections whose name contains this'),
    year: z.string().max(20).optional().describe('A year (2022) or a range (2021-2023)'),
    venue: z.string().max(40).optional().describe('Venue, e.g. CVPR or arXiv'),
    code: z.boolean().optional().describe('Only entries with (true) or without (false) a code link'),
    kind: z.enum(['paper', 'dataset']).optional().describe('Papers or datasets only'),
    limit: z.number().int().min(1).max(100).default(50).describe('Most results to return (1-100)'),
  }),
  positional: ['query'],
  // Discord offers the list's headings as the user types the section filter.
  complete: { section: 'section' },
  examples: ['search open vocabulary detection --year 2022', 'search CLIP kind:paper', 'search --section "prompt tuning" --code'],
  run({ query = '', section, year, venue, code, kind, limit }, ctx) {
    const range = year ? parseYearRange(year) : {};
    if (!query.trim() && !section && !year && !venue && code === undefined && !kind) {
      throw new UserError('empty-query', 'Search for what? Give some words, e.g. `search open vocabulary detection`, or a filter like `--section "prompt tuning"`.');
    }
    const hits = ctx.catalogue.index.search(query, { section, venue, hasCode: code, kind, ...range }, limit);
    const filters = [section && `section “${section}”`, year && `year ${year}`, venue && `venue ${venue}`, code !== undefined && (code ? 'with code' : 'without code'), kind && `${kind}s`].filter(Boolean);
    const what = [query.trim() && `“${query.trim()}”`, filters.length ? filters.join(', ') : ''].filter(Boolean).join(' — ');
    if (!hits.length) return { title: 'No matches', text: `Nothing in the list matches ${what}. Try fewer or different words.` };
    return { title: `${hits.length} result${hits.length === 1 ? '' : 's'} for ${what}`, items: hits.map((h) => itemToReplyItem(h.item)) };
  },
});

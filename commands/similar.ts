import { z } from 'zod';
import { arxivIdFromText } from '../src/core/arxiv-id.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import type { PaperText, Watch } from '../src/core/services.js';
import { itemToReplyItem } from './helpers/present.js';
import { MAX_QUERY_LENGTH } from '../src/core/query-text.js';

export default defineCommand({
  name: 'similar',
  description: 'Entries of the list nearest to a paper (arXiv id, URL or title).',
  options: z.object({
    ref: z.string().min(1).max(MAX_QUERY_LENGTH).describe('arXiv id, arXiv URL, or a title'),
    limit: z.number().int().min(1).max(25).default(5).describe('How many to show (1-25)'),
  }),
  positional: ['ref'],
  complete: { ref: 'paper' },
  examples: ['similar 2109.01134', 'similar Learning to prompt vision-language models for detection'],
  async run({ ref, limit }, ctx) {
    const index = ctx.catalogue.index;
    const id = arxivIdFromText(ref);
    const listed = id ? index.byArxivId(id)[0] : index.find(ref);
    const exact = listed && (id || listed.title.toLowerCase() === ref.trim().toLowerCase() || listed.acronym?.toLowerCase() === ref.trim().toLowerCase());
    const basis = exact ? listed! : undefined;
    let text = basis ? [basis.title, basis.acronym, ...basis.sections.flat()].filter(Boolean).join(' ') : ref;
    let label = basis ? (basis.acronym ?? basis.title) : `“${ref}”`;
    if (id && !listed) {
      // Not in the list: compare the paper itself, read from arXiv when the watch runs.
      const paper = await unlistedPaper(id, ctx.watch);
      text = `${paper.title} ${paper.title} ${paper.abstract.split(/\s+/).slice(0, 60).join(' ')}`;
      label = paper.title;
    }
    const hits = index.similar(text, limit, basis);
    if (!hits.length) return { title: 'Nothing similar', text: `No entry of the list shares words with ${label}.` };
    return {
      title: `Nearest to ${label}`,
      items: hits.map((h) => itemToReplyItem(h.item)),
    };
  },
});

async function unlistedPaper(id: string, watch: Watch | undefined): Promise<PaperText> {
  if (!watch) throw new UserError('not-listed', `arXiv ${id} is not in the list, and the arXiv watch is not running to read it. Try its title: \`similar <title>\`.`);
  return watch.fetchPaper(id);
}

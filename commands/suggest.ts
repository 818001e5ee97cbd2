import { z } from 'zod';
import { arxivIdFromText } from '../src/catalogue/arxiv-id.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import type { Reply } from '../src/core/reply.js';
import { getWatch } from '../src/watch/watch-service.js';
import type { CatalogueItem } from '../src/search/catalogue-item.js';
import { getTriage } from '../src/triage/triage-service.js';
import { voterId } from '../src/triage/votes.js';

export default defineCommand({
  name: 'suggest',
  description: 'Suggest an arXiv paper for the list: it is scored and posted for the maintainers.',
  options: z.object({
    paper: z.string().min(1).max(300).describe('arXiv id or URL, e.g. 2109.01134'),
  }),
  positional: ['paper'],
  examples: ['suggest 2109.01134', 'suggest https://arxiv.org/abs/2604.01234v2'],
  async run({ paper }, ctx) {
    const triage = getTriage(ctx.services);
    const watch = getWatch(ctx.services);
    const id = arxivIdFromText(paper);
    if (!id) throw new UserError('arxiv-id-invalid', `“${paper}” is not an arXiv id or link; use one like 2109.01134.`);
    const listed = ctx.catalogue.index.byArxivId(id)[0];
    if (listed) return alreadyListed(listed);
    const known = triage.store.candidateByArxivId(id);
    if (known) return { title: `Already a candidate: #${known.id}`, text: `${known.title} — ${known.status}.` };

    const fetched = await watch.fetchPaper(id);
    // Entries linked through a venue PDF have no arXiv id: the title finds them.
    const byTitle = ctx.catalogue.index.byTitle(fetched.title)[0];
    if (byTitle) return alreadyListed(byTitle);

    const assessment = watch.scorer().score(fetched);
    const by = voterId({ platform: ctx.caller.platform, userId: ctx.caller.id });
    const { candidate, posted } = await triage.suggest(fetched, assessment, by);
    return {
      title: `Suggested: ${candidate.title}`,
      text:
        `Candidate #${candidate.id}, score ${candidate.score.toFixed(2)}. ` +
        (posted.length ? `Posted to the News channel (${posted.join(', ')}) for the maintainers.` : 'Maintainers will see it in `pending`.'),
      fields: candidate.sections.length ? [{ name: 'Suggested sections', value: candidate.sections.map((s, i) => `${i + 1}: ${s.path.join(' › ')}`).join('\n') }] : [],
      links: [{ label: 'arXiv', url: candidate.link }],
    };
  },
});

function alreadyListed(item: CatalogueItem): Reply {
  return { title: 'Already listed', text: `${item.title} is on the list, in ${item.sections.map((s) => s.join(' › ')).join('; ')}.` };
}

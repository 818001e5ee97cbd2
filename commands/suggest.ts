import { z } from 'zod';
import { arxivIdFromText } from '../src/core/arxiv-id.js';
import { voterId } from '../src/core/caller.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { scoreLabel } from '../src/core/reply.js';
import { need, OFF } from '../src/core/services.js';

export default defineCommand({
  name: 'suggest',
  description: 'Suggest an arXiv paper for the list: it is scored and posted for the maintainers.',
  options: z.object({
    paper: z.string().min(1).max(300).describe('arXiv id or URL, e.g. 2109.01134'),
  }),
  positional: ['paper'],
  examples: ['suggest 2109.01134', 'suggest https://arxiv.org/abs/2604.01234v2'],
  async run({ paper }, ctx) {
    const triage = need(ctx.triage, OFF.triage);
    // Triage reads and scores the paper through the watch.
    need(ctx.watch, OFF.watch);
    const id = arxivIdFromText(paper);
    if (!id) throw new UserError('arxiv-id-invalid', `“${paper}” is not an arXiv id or link; use one like 2109.01134.`);
    const r = await triage.suggest(id, voterId({ platform: ctx.caller.platform, userId: ctx.caller.id }));
    if (r.status === 'listed') return { title: 'Already listed', text: `${r.title} is on the list, in ${r.sections.map((s) => s.join(' › ')).join('; ')}.` };
    if (r.status === 'known') return { title: `Already a candidate: #${r.candidate.id}`, text: `${r.candidate.title} — ${r.candidate.status}.` };
    const { candidate, posted } = r;
    return {
      title: `Suggested: ${candidate.title}`,
      text:
        `Candidate #${candidate.id}, score ${scoreLabel(candidate.score)}. ` +
        (posted.length ? `Posted to the News channel (${posted.join(', ')}) for the maintainers.` : 'Maintainers will see it in `pending`.'),
      fields: candidate.sections.length ? [{ name: 'Suggested sections', value: candidate.sections.map((s, i) => `${i + 1}: ${s.path.join(' › ')}`).join('\n') }] : [],
      links: [{ label: 'arXiv', url: candidate.link }],
    };
  },
});

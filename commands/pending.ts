import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import type { ReplyItem } from '../src/core/reply.js';
import { type Candidate, MAX_RANK, need, OFF } from '../src/core/services.js';

export default defineCommand({
  name: 'pending',
  description: 'Candidate papers waiting for a maintainer’s decision, best first (paged).',
  options: z.object({}),
  examples: ['pending'],
  run(_args, ctx) {
    const candidates = need(ctx.triage, OFF.triage).pending();
    if (!candidates.length) return { title: 'Nothing pending', text: 'No candidate paper is waiting for a decision.' };
    return {
      title: `${candidates.length} pending candidate${candidates.length === 1 ? '' : 's'}`,
      text: 'Best first. Maintainers decide with `triage approve <#> [section 1-3 or name]` or `triage reject <#>`.',
      items: candidates.map(toItem),
    };
  },
});

/** `#12 · arXiv 2604.01234 · score 0.87`, then the suggested sections numbered as `triage approve` takes them. */
function toItem(c: Candidate): ReplyItem {
  return {
    title: c.title,
    url: c.link,
    subtitle: [`#${c.id}`, `arXiv ${c.arxivId}`, `score ${c.score.toFixed(2)}`].join(' · '),
    details: c.sections.slice(0, MAX_RANK).map((s, i) => `${i + 1}: ${s.path.join(' › ')}`),
  };
}

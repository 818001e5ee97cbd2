import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { type ReplyItem, scoreLabel, sectionLabel } from '../src/core/reply.js';
import { type Candidate, need, OFF } from '../src/core/services.js';

export default defineCommand({
  name: 'news',
  description: 'Candidate papers the arXiv watch found recently, with their score and status.',
  options: z.object({
    days: z.number().int().min(1).max(90).default(7).describe('How many days back to look (1-90)'),
  }),
  positional: ['days'],
  examples: ['news', 'news 30'],
  run({ days }, ctx) {
    const watch = need(ctx.watch, OFF.watch);
    const candidates = watch.recentCandidates(days);
    const span = days === 1 ? 'the last day' : `the last ${days} days`;
    if (!candidates.length) {
      return { title: 'No candidates', text: `The arXiv watch found no candidate papers in ${span}.` };
    }
    const counts = tally(candidates);
    return {
      title: `${candidates.length} candidate${candidates.length === 1 ? '' : 's'} in ${span}`,
      text: `${counts}. Newest first, each by its number (the one \`triage\` takes).`,
      items: candidates.map(toItem),
    };
  },
});

/** One candidate as a result line: title, then `#id · score · status · day`, then its top section. */
function toItem(c: Candidate): ReplyItem {
  const status = c.status === 'pending' ? (c.digestRank !== undefined ? 'pending (posted)' : 'pending') : c.status;
  const subtitle = [`score ${scoreLabel(c.score)}`, status, new Date(c.createdAt).toISOString().slice(0, 10)].join(' · ');
  const section = c.decidedSection ?? c.sections[0]?.path;
  return {
    marker: `#${c.id}`,
    title: c.title,
    url: c.link,
    subtitle,
    ...(section && { details: [`${c.decidedSection ? 'section' : 'suggested'}: ${sectionLabel(section)}`] }),
  };
}

function tally(candidates: readonly Candidate[]): string {
  const by = { pending: 0, approved: 0, rejected: 0 } as Record<string, number>;
  for (const c of candidates) by[c.status] = (by[c.status] ?? 0) + 1;
  return Object.entries(by)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

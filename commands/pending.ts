import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { VOTE_EMOJI } from '../src/core/publisher.js';
import { type ReplyItem, scoreLabel } from '../src/core/reply.js';
import { type Candidate, MAX_RANK, need, OFF } from '../src/core/services.js';

export default defineCommand({
  name: 'pending',
  description: 'Candidate papers waiting for a maintainer’s decision, best first (paged).',
  options: z.object({}),
  examples: ['pending'],
  run(_args, ctx) {
    const candidates = need(ctx.triage, OFF.triage).pending();
    if (!candidates.length) return { title: 'Nothing pending', text: 'No candidate paper is waiting for a decision.' };
    const example = candidates[0]!.id;
    return {
      title: `${candidates.length} pending candidate${candidates.length === 1 ? '' : 's'}`,
      text: `Best first, each by its number: \`triage approve ${example}\` adds #${example} to its first suggested section, \`triage approve ${example} 2\` to the one marked ${VOTE_EMOJI.pick2.unicode}, \`triage reject ${example}\` drops it.`,
      items: candidates.map(toItem),
    };
  },
});

/**
 * One number per candidate — its `#id`, the one `triage` takes — in place of the list position; the
 * suggested sections carry the 1️⃣ 2️⃣ 3️⃣ marks of the News channel's reactions.
 */
function toItem(c: Candidate): ReplyItem {
  return {
    marker: `#${c.id}`,
    title: c.title,
    url: c.link,
    subtitle: [`arXiv ${c.arxivId}`, `score ${scoreLabel(c.score)}`].join(' · '),
    details: c.sections.slice(0, MAX_RANK).map((s, i) => `${SECTION_MARKS[i]} ${s.path.join(' › ')}`),
  };
}

const SECTION_MARKS = [VOTE_EMOJI.pick1.unicode, VOTE_EMOJI.pick2.unicode, VOTE_EMOJI.pick3.unicode];

import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { voterId } from '../src/core/caller.js';
import type { Reply } from '../src/core/reply.js';
import { type Candidate, need, OFF, type Triage } from '../src/core/services.js';

export default defineCommand({
  name: 'triage',
  description: 'Maintainers: approve, reject or undo a candidate (by its number or arXiv id).',
  options: z.object({
    action: z.enum(['approve', 'reject', 'undo']).describe('approve, reject or undo'),
    id: z.string().min(1).max(100).describe('Candidate number (see pending) or its arXiv id'),
    section: z.string().min(1).max(300).optional().describe('approve: suggested section 1-3, or a section name (default: 1)'),
  }),
  positional: ['action', 'id', 'section'],
  maintainersOnly: true,
  examples: ['triage approve 12', 'triage approve 12 2', 'triage approve 2604.01234 text prompt tuning', 'triage reject 13', 'triage undo 12'],
  async run({ action, id, section }, ctx) {
    const triage = need(ctx.triage, OFF.triage);
    const by = voterId({ platform: ctx.caller.platform, userId: ctx.caller.id });
    if (action !== 'approve' && section) throw new UserError('bad-option', `\`triage ${action}\` takes no section.`);
    if (action === 'approve') {
      const r = await triage.approve(id, section, by);
      if (r.status === 'not-pending') throw await alreadyDecided(r.candidate, triage);
      return {
        title: `Approved #${r.candidate.id}: ${r.candidate.title}`,
        text: r.alreadyListed ? `The list already had it, in ${r.section.join(' › ')}; recorded as approved.` : `Added to ${r.section.join(' › ')}.`,
        fields: [{ name: r.alreadyListed ? 'In the list' : 'Line added', value: r.line }],
      };
    }
    if (action === 'reject') {
      const r = await triage.reject(id, by);
      if (r.status === 'not-pending') throw await alreadyDecided(r.candidate, triage);
      return { title: `Rejected #${r.candidate.id}: ${r.candidate.title}`, text: 'Not added to the list. `triage undo` reopens it.' };
    }
    const r = await triage.undo(id, by);
    if (r.status === 'not-decided') {
      throw new UserError('not-decided', `#${r.candidate.id} is ${r.candidate.status}: there is no decision to undo.`);
    }
    const reply: Reply = { title: `Undone: #${r.candidate.id} is pending again`, text: r.candidate.title };
    if (r.removedLine) reply.fields = [{ name: 'Line removed', value: r.removedLine }];
    return reply;
  },
});

async function alreadyDecided(c: Candidate, triage: Triage): Promise<UserError> {
  if (c.status === 'approving' || c.status === 'undoing') return new UserError('being-decided', `#${c.id} is being decided right now; try again in a moment.`);
  const who = c.decidedBy?.length ? ` by ${(await triage.displayNames(c.decidedBy)).join(', ')}` : '';
  const where = c.status === 'approved' && c.decidedSection ? ` into ${c.decidedSection.join(' › ')}` : '';
  return new UserError('already-decided', `#${c.id} is already ${c.status}${who}${where}. \`triage undo ${c.id}\` reopens it.`);
}

import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { type ReplyField, sectionLabel } from '../src/core/reply.js';
import type { RelevanceLearning } from '../src/core/services.js';

export default defineCommand({
  name: 'stats',
  description: 'Counts: by kind, section, year and venue, and the share with code.',
  options: z.object({}),
  run(_args, ctx) {
    const items = ctx.catalogue.index.items;
    const papers = items.filter((i) => i.kind === 'paper');
    const withCode = papers.filter((i) => i.hasCode).length;
    const fields: ReplyField[] = [
      { name: 'Papers', value: String(papers.length), inline: true },
      { name: 'Datasets', value: String(items.length - papers.length), inline: true },
      { name: 'Papers with code', value: papers.length ? `${withCode} (${Math.round((100 * withCode) / papers.length)}%)` : '0', inline: true },
    ];
    const bySection = count(ctx.catalogue.catalogue.sections.filter((s) => s.entryCount > 0).map((s) => [s.path.join(' › '), s.entryCount] as const));
    fields.push({ name: 'Largest sections', value: top(bySection, 8, (k) => sectionLabel(k.split(' › '))) });
    fields.push({ name: 'By year', value: top(tally(items.map((i) => (i.year ? String(i.year) : undefined))), 12, String, true) });
    fields.push({ name: 'By venue', value: top(tally(papers.map((i) => i.venue)), 10) });
    const triage = ctx.stats?.candidateCounts();
    if (triage) fields.push({ name: 'Triage', value: `${triage.approved} approved · ${triage.rejected} rejected · ${triage.pending} pending` });
    const { reloadError, loadedAt } = ctx.catalogue.status;
    if (reloadError) {
      fields.unshift({
        name: 'List file',
        value: `Serving the last good version (read ${new Date(loadedAt).toISOString()}): since ${new Date(reloadError.since).toISOString()} the file on disk cannot be served — ${reloadError.message}`,
      });
    }
    const relevance = ctx.stats?.relevanceLearning?.();
    if (relevance) fields.push({ name: 'Relevance model', value: relevanceLine(relevance) });
    return { title: `The list: ${items.length} entries`, fields };
  },
});

function relevanceLine(r: RelevanceLearning): string {
  const learned = r.learnedFrom > 0 ? `learned from ${r.learnedFrom} decision${r.learnedFrom === 1 ? '' : 's'}${r.learnedAt ? ` (${new Date(r.learnedAt).toISOString().slice(0, 10)})` : ''}` : 'as shipped (no decisions learned yet)';
  const waiting = r.decided - r.learnedFrom;
  return waiting > 0 ? `${learned}; ${waiting} newer to learn` : learned;
}

function tally(values: (string | undefined)[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

function count(pairs: readonly (readonly [string, number])[]): Map<string, number> {
  return new Map(pairs);
}

function top(m: Map<string, number>, n: number, label: (k: string) => string = String, byKey = false): string {
  const rows = [...m.entries()].sort(byKey ? (a, b) => b[0].localeCompare(a[0]) : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return rows.slice(0, n).map(([k, v]) => `${label(k)}: ${v}`).join('\n') || '—';
}

/**
 * The pull request's title and body: a checklist of the papers its branch adds (and removes), one
 * item per paper — title, arXiv link, section, who approved — rewritten after every change so it
 * always says what the branch does. Boxes a maintainer ticked stay ticked.
 */
import { arxivAbsUrl } from '../core/arxiv-id.js';
import { cleanText, TITLE_MAX } from '../triage/row-format.js';
import type { Publication } from './publication-store.js';

export interface ChecklistItem {
  action: 'add' | 'remove';
  arxivId: string;
  title: string;
  section: string[];
  by: string[];
}

/**
 * What a branch generation changes, one item per paper, from the publications that changed it (in
 * order): an addition undone on the same branch cancels out, and so does a removal re-added.
 */
export function netChanges(published: readonly Publication[]): ChecklistItem[] {
  const items = new Map<number, ChecklistItem>();
  for (const p of published) {
    if (!p.effective) continue;
    const before = items.get(p.candidateId);
    if (before && before.action !== p.action) {
      items.delete(p.candidateId);
      continue;
    }
    items.set(p.candidateId, { action: p.action, arxivId: p.arxivId, title: p.title, section: p.section, by: p.by });
  }
  return [...items.values()];
}

export function pullTitle(items: readonly ChecklistItem[]): string {
  const adds = items.filter((i) => i.action === 'add').length;
  const removes = items.length - adds;
  if (!items.length) return 'vlm-curator: no changes left (every approval here was undone)';
  const parts = [adds && `add ${adds} paper${adds === 1 ? '' : 's'} approved in chat`, removes && `remove ${removes} undone approval${removes === 1 ? '' : 's'}`].filter(Boolean) as string[];
  const text = parts.join('; ');
  return `vlm-curator: ${text}`;
}

/** The body; `previous` is the body on GitHub now, whose ticked boxes are kept. */
export function pullBody(items: readonly ChecklistItem[], options: { listPath: string; previous?: string }): string {
  const ticked = tickedPapers(options.previous ?? '');
  const lines = items.map((i) => {
    const box = ticked.has(i.arxivId) ? '[x]' : '[ ]';
    const what = i.action === 'add' ? '' : 'Remove ';
    const who = `${i.action === 'add' ? 'approved by' : 'approval undone by'} ${i.by.map((b) => `\`${b.replace(/`/g, "'")}\``).join(', ') || 'a maintainer'}`;
    return `- ${box} ${what}**${escapeMarkdown(i.title)}** · [arXiv ${i.arxivId}](${arxivAbsUrl(i.arxivId)}) · ${escapeMarkdown(i.section.join(' › '))} · ${who}`;
  });
  return [
    `Papers the maintainers approved in chat, proposed by vlm-curator: one commit per change, each exactly one line of \`${options.listPath}\`. This description is kept current as approvals come in and are undone.`,
    '',
    ...(lines.length ? lines : ['Nothing left to change: every approval on this branch was undone.']),
    '',
    '<sub>Tick a box once you have checked its row. After this is merged or closed, the next approval starts a fresh branch from the base branch.</sub>',
    '',
  ].join('\n');
}

/** arXiv ids of the checklist items a maintainer ticked. */
function tickedPapers(body: string): Set<string> {
  const ids = new Set<string>();
  for (const line of body.split('\n')) {
    const m = /^\s*[-*] \[[xX]\] .*?arxiv\.org\/abs\/([^)\s]+)\)/.exec(line);
    if (m) ids.add(m[1]!);
  }
  return ids;
}

/** Text from arXiv is from strangers: no markdown of its own, and no @mentions that would ping people. */
function escapeMarkdown(text: string): string {
  return cleanText(text, TITLE_MAX)
    .replace(/[\\`*_[\]<>#|~]/g, '\\$&')
    .replace(/@(?=\w)/g, '@\u200b');
}

import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';

export default defineCommand({
  name: 'sections',
  description: 'The sections of the list as a tree, with how many entries each holds.',
  options: z.object({}),
  run(_args, ctx) {
    const { sections } = ctx.catalogue.catalogue;
    const items = ctx.catalogue.index.items;
    // Distinct papers and datasets under each heading: a paper listed in two sub-sections counts once, as `section` shows it.
    const under = (path: readonly string[]) => items.filter((i) => i.sections.some((p) => path.every((h, k) => p[k] === h))).length;
    // Only headings that hold entries (directly or below): the README's prose headings are noise here.
    const lines = sections
      .filter((s) => s.totalCount > 0)
      .map((s) => `${'  '.repeat(Math.max(0, s.path.length - 1))}• ${s.title} (${under(s.path)})`);
    if (!lines.length) return { title: 'Sections', text: 'The list has no entries yet.' };
    return { title: `Sections (${lines.length})`, text: lines.join('\n') };
  },
});

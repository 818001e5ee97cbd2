import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';

export default defineCommand({
  name: 'sections',
  description: 'The sections of the list as a tree, with how many entries each holds.',
  options: z.object({}),
  run(_args, ctx) {
    const { sections } = ctx.catalogue.catalogue;
    // Only headings that hold entries (directly or below): the README's prose headings are noise here.
    const lines = sections
      .filter((s) => s.totalCount > 0)
      .map((s) => `${'  '.repeat(Math.max(0, s.path.length - 1))}• ${s.title} (${s.totalCount})`);
    if (!lines.length) return { title: 'Sections', text: 'The list has no entries yet.' };
    return { title: `Sections (${lines.length})`, text: lines.join('\n') };
  },
});

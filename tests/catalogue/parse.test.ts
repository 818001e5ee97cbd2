import { describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import { arxivIdFromUrl, parseArxivId } from '../../src/core/arxiv-id.js';
import { historyFiles, readShared } from '../helpers/fixtures.js';

const seed = Catalogue.parse(readShared('survey/seed-2023.md'));
const byTitle = (c: Catalogue, prefix: string) => c.entries.find((e) => e.title.startsWith(prefix));

describe('parsing the list without loss', () => {
  it.each(['survey/seed-2023.md', 'survey/skeleton.md', ...historyFiles().map((f) => `survey/history/${f}`)])(
    'renders %s back byte for byte',
    (file) => {
      const text = readShared(file);
      expect(Catalogue.parse(text).render()).toBe(text);
    },
  );

  it('round-trips CRLF files, files without a final newline, and the empty file', () => {
    for (const text of ['# A\r\n|Paper|Published in|Code|\r\n|---|---|---|\r\n|[X](https://arxiv.org/abs/2101.00001)|CVPR 2021||\r\n', '## A\n* [CVPR 2023] T [[Paper](https://x.y)]', '']) {
      expect(Catalogue.parse(text).render()).toBe(text);
    }
  });

  it('reads every history version with no warnings and a growing number of entries', () => {
    const counts = historyFiles().map((f) => {
      const c = Catalogue.parse(readShared(`survey/history/${f}`));
      expect(c.warnings).toEqual([]);
      return c.entries.length;
    });
    expect(counts[0]).toBe(16);
    expect(Math.max(...counts)).toBeGreaterThan(280);
  });

  it('accepts the skeleton: all sections, zero entries', () => {
    const c = Catalogue.parse(readShared('survey/skeleton.md'));
    expect(c.entries).toHaveLength(0);
    expect(c.sections.map((s) => s.title)).toContain('Datasets');
  });
});

describe('sections', () => {
  it('builds the heading tree with counts, including skipped levels', () => {
    const text = '## Top\n#### Deep\n* [CVPR 2023] T [[Paper](https://arxiv.org/abs/2301.00001)]\n## Next\n';
    const c = Catalogue.parse(text);
    expect(c.sections.map((s) => s.path)).toEqual([['Top'], ['Top', 'Deep'], ['Next']]);
    expect(c.sections[0]!.totalCount).toBe(1);
    expect(c.sections[1]!.entryCount).toBe(1);
  });

  it('counts the seed per section', () => {
    const count = (title: string) => seed.sections.find((s) => s.title === title)?.entryCount;
    expect(count('Pre-training with Contrastive Objective')).toBe(25);
    expect(count('Transfer with Text Prompt Tuning')).toBe(18);
    expect(count('Knowledge Distillation for Object Detection')).toBe(15);
    expect(count('Image Classification')).toBe(27);
    expect(seed.entries).toHaveLength(180);
    expect(seed.warnings).toEqual([]);
  });

  it('knows which sections hold paper tables (the places an approval may write to)', () => {
    const titles = seed.paperSections().map((s) => s.title);
    expect(titles).toContain('Transfer with Text Prompt Tuning');
    expect(titles).not.toContain('VLM Pre-training Methods'); // News block
    expect(titles).not.toContain('Image Classification'); // dataset table
  });
});

describe('entries', () => {
  it('reads a paper-table row: acronym, links, venue, year, arXiv id, section, line', () => {
    const coop = byTitle(seed, 'CoOp:')!;
    expect(coop).toMatchObject({
      kind: 'paper',
      shape: 'paper-table',
      title: 'CoOp: Learning to Prompt for Vision-Language Models',
      acronym: 'CoOp',
      venue: 'IJCV',
      year: 2022,
      arxivId: '2109.01134',
      links: { paper: 'https://arxiv.org/abs/2109.01134', code: 'https://github.com/KaiyangZhou/CoOp' },
      section: ['Vision-Language Model Transfer Learning Methods', 'Transfer with Prompt Tuning', 'Transfer with Text Prompt Tuning'],
    });
    expect(readShared('survey/seed-2023.md').split('\n')[coop.line - 1]).toContain('[CoOp:');
  });

  it('reads an empty code cell (`-`) as no code, and a Project link as a project', () => {
    expect(byTitle(seed, 'ALIGN:')!.links.code).toBeUndefined();
    expect(byTitle(seed, 'PaLI:')!.links).toMatchObject({ project: expect.stringContaining('googleblog') });
  });

  it('reads dataset rows of both schemas, keyed by their own headers, linked or plain first cell', () => {
    const laion = byTitle(seed, 'LAION5B')!;
    expect(laion).toMatchObject({ kind: 'dataset', shape: 'dataset-table', year: 2022, arxivId: '2210.08402' });
    expect(laion.fields).toMatchObject({ 'Num of Image-Text Paris': '5B', Language: 'Over 100 Languages' });
    const mnist = byTitle(seed, 'MNIST')!;
    expect(mnist.fields).toMatchObject({ Classes: '10', Training: '60,000', 'Evaluation Metric': 'Accuracy' });
    const old = Catalogue.parse(readShared('survey/history/2023-06-05-efa88b9.md'));
    expect(old.entries.find((e) => e.title === 'MNIST')!.fields!['Evaluation Task']).toBe('Image Classification');
  });

  it('reads News bullets: venue tag, title, paper and code links', () => {
    const e = byTitle(seed, 'Improving CLIP Training')!;
    expect(e).toMatchObject({ shape: 'news-bullet', venue: 'arXiv', year: 2023, arxivId: '2305.20088', links: { code: 'https://github.com/LijieFan/LaCLIP' } });
    expect(e.section).toEqual(['News', 'VLM Pre-training Methods']);
  });

  it('reads numbered lists, with the acronym in parentheses', () => {
    const c = Catalogue.parse(readShared('survey/history/2023-04-18-e225ddd.md'));
    const yfcc = c.entries.find((e) => e.title.startsWith('Yahoo'))!;
    expect(yfcc).toMatchObject({ shape: 'numbered', kind: 'dataset', acronym: 'YFCC100M', arxivId: '1503.01817' });
    const later = Catalogue.parse(readShared('survey/history/2023-06-05-efa88b9.md'));
    expect(later.entries.find((e) => e.acronym === 'CLIP' && e.shape === 'numbered')).toMatchObject({ kind: 'paper' });
  });

  it('finds the versionless arXiv id in abs, pdf and html links, with or without vN and .pdf', () => {
    for (const url of ['https://arxiv.org/abs/2303.13076v1', 'https://arxiv.org/pdf/2303.13076v2.pdf', 'https://arxiv.org/pdf/2303.13076', 'http://arxiv.org/html/2303.13076v1']) {
      expect(arxivIdFromUrl(url)).toBe('2303.13076');
    }
    expect(arxivIdFromUrl('https://openaccess.thecvf.com/content/CVPR2023/papers/X.pdf')).toBeUndefined();
    expect(parseArxivId('hep-ex/0601001v2')).toEqual({ id: 'hep-ex/0601001', version: 2 });
  });

  it('keeps a row of an unknown shape as a generic entry with a warning', () => {
    const c = Catalogue.parse('## Odd\n| Thing | Stuff |\n|---|---|\n| a | b |\n');
    expect(c.entries).toHaveLength(1);
    expect(c.entries[0]).toMatchObject({ shape: 'generic', title: 'a', fields: { Thing: 'a', Stuff: 'b' } });
    expect(c.warnings[0]!.line).toBe(4);
  });

  it('ignores menu links, prose bullets and rows inside code fences', () => {
    const c = Catalogue.parse(readShared('survey/history/2025-05-24-5af1687.md'));
    expect(c.entries.some((e) => e.title.includes('Title') && e.title.includes('Conference'))).toBe(false);
    expect(c.entries.some((e) => e.links.paper?.startsWith('#'))).toBe(false);
  });
});

describe('one-line edits', () => {
  const text = readShared('survey/seed-2023.md');
  const row = '|[NewThing: A Test Paper](https://arxiv.org/abs/2601.00001)|arXiv 2026||';

  it('inserting a row changes exactly one line and the row parses into its section', () => {
    const section = seed.sections.find((s) => s.title === 'Transfer with Visual Prompt Tuning')!;
    const edited = seed.insertLine(section.table!.lastLine, row);
    const before = text.split('\n');
    const after = edited.render().split('\n');
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((l, i) => l !== before[i - (i > section.table!.lastLine ? 1 : 0)])).toEqual([row]);
    expect(edited.entries.find((e) => e.arxivId === '2601.00001')!.section).toEqual(section.path);
  });

  it('removing that line restores the file byte for byte', () => {
    const section = seed.sections.find((s) => s.title === 'Transfer with Feature Adapter')!;
    const edited = seed.insertLine(section.table!.lastLine, row);
    expect(edited.removeLine(section.table!.lastLine + 1).render()).toBe(text);
  });

  it('refuses multi-line insertions and lines out of range', () => {
    expect(() => seed.insertLine(3, 'a\nb')).toThrow(/line break/);
    expect(() => seed.removeLine(10_000)).toThrow(/no line/);
  });
});

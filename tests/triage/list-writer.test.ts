import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../src/search/live-catalogue.js';
import { commitFile, inGitWorkTree } from '../../src/triage/git-commit.js';
import { addPaperToList, removeLineFromList } from '../../src/triage/list-writer.js';
import { codeLinkFor, venueFor } from '../../src/triage/paper-metadata.js';
import { TITLE_MAX } from '../../src/triage/row-format.js';
import { readShared, tempDir } from '../helpers/fixtures.js';
import { lineDiff } from '../helpers/line-diff.js';

const TEXT_PROMPT = ['Vision-Language Model Transfer Learning Methods', 'Transfer with Prompt Tuning', 'Transfer with Text Prompt Tuning'];
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function seedStore() {
  const t = tempDir({ 'survey.md': readShared('survey/seed-2023.md') });
  cleanups.push(t.cleanup);
  return { t, store: await openCatalogue(t.path('survey.md')) };
}

describe('writing an approved paper into the list', () => {
  const paper = { arxivId: '2604.01234', title: 'PromptX: Better Prompts for CLIP', url: 'https://arxiv.org/abs/2604.01234', venue: 'CVPR 2026', code: 'https://github.com/a/promptx' };

  it('adds exactly one line, last in the section’s table, in the table’s own format', async () => {
    const { t, store } = await seedStore();
    const before = readFileSync(t.path('survey.md'), 'utf8');
    const result = await addPaperToList(store, TEXT_PROMPT, paper);
    const after = readFileSync(t.path('survey.md'), 'utf8');
    const diff = lineDiff(before, after);
    expect(diff.removed).toEqual([]);
    expect(diff.added).toEqual(['|[PromptX: Better Prompts for CLIP](https://arxiv.org/abs/2604.01234)|CVPR 2026|[Code](https://github.com/a/promptx)|']);
    expect(result).toMatchObject({ status: 'added', line: diff.at, section: TEXT_PROMPT });
    // The row directly above is the table's former last row.
    expect(before.split('\n')[diff.at - 2]).toContain('Texts as Images in Prompt Tuning');
  });

  it('updates the catalogue and the search index at once', async () => {
    const { store } = await seedStore();
    await addPaperToList(store, TEXT_PROMPT, paper);
    const item = store.index.find('2604.01234');
    expect(item).toMatchObject({ acronym: 'PromptX', venue: 'CVPR', year: 2026, sections: [TEXT_PROMPT] });
  });

  it('writes an empty code cell when there is no code', async () => {
    const { store } = await seedStore();
    const r = await addPaperToList(store, TEXT_PROMPT, { ...paper, code: undefined });
    expect(r.text).toBe('|[PromptX: Better Prompts for CLIP](https://arxiv.org/abs/2604.01234)|CVPR 2026||');
  });

  it('does not write a paper twice', async () => {
    const { t, store } = await seedStore();
    await addPaperToList(store, TEXT_PROMPT, paper);
    const once = readFileSync(t.path('survey.md'), 'utf8');
    const again = await addPaperToList(store, TEXT_PROMPT, paper);
    expect(again.status).toBe('already-listed');
    expect(readFileSync(t.path('survey.md'), 'utf8')).toBe(once);
  });

  it('writes a dataset row in a dataset table: linked title, year, project, `-` for the unknown', async () => {
    const { store } = await seedStore();
    const r = await addPaperToList(store, ['Datasets', 'Datasets for VLM Evaluation', 'Object Detection'], { ...paper, title: 'OV-Bench: A Benchmark' });
    expect(r.text).toBe('|[OV-Bench: A Benchmark](https://arxiv.org/abs/2604.01234)|2026|-|-|-|-|[Project](https://github.com/a/promptx)|');
    expect(store.index.find('2604.01234', 'dataset')).toMatchObject({ title: 'OV-Bench: A Benchmark', year: 2026 });
  });

  it('refuses the News block and headings without a table, changing nothing', async () => {
    const { t, store } = await seedStore();
    await expect(addPaperToList(store, ['News', 'VLM Pre-training Methods'], paper)).rejects.toThrow(/not a section with a table of its own/);
    await expect(addPaperToList(store, ['Datasets', 'Datasets for VLM Evaluation'], paper)).rejects.toThrow(/not a section with a table/);
    expect(readFileSync(t.path('survey.md'), 'utf8')).toBe(readShared('survey/seed-2023.md'));
  });

  it('keeps hostile titles inside their cell', async () => {
    const { store } = await seedStore();
    const r = await addPaperToList(store, TEXT_PROMPT, { ...paper, title: 'A | B [x](javascript:alert(1))\nC' });
    expect(r.text.startsWith('|[A \\| B \\[x\\](javascript:alert(1)) C](https://arxiv.org/abs/2604.01234)|')).toBe(true);
    expect(store.catalogue.entries.find((e) => e.arxivId === '2604.01234')).toMatchObject({ shape: 'paper-table', venue: 'CVPR' });
  });

  it('cleans what strangers wrote: invisible and control characters, mention syntax, HTML, endless titles', async () => {
    const { store } = await seedStore();
    const title = `Zero\u200bWidth \u202Eevil\u202C <!channel> <@U123> @everyone <img src=x> a\\ ${'word '.repeat(2000)}`;
    const r = await addPaperToList(store, TEXT_PROMPT, { ...paper, title });
    const label = /^\|\[(.*)\]\(https:\/\/arxiv\.org\/abs\/2604\.01234\)\|/.exec(r.text)![1]!;
    expect(label.startsWith('ZeroWidth evil \\<!channel> \\<@U123> \\@everyone \\<img src=x> a\\\\ word word')).toBe(true);
    expect(label.endsWith('word…')).toBe(true);
    expect(Array.from(label.replace(/\\(.)/g, '$1')).length).toBeLessThanOrEqual(TITLE_MAX);
    expect(r.text).not.toMatch(/[\u200b\u202a-\u202e]/);
    // Still one row of the table, one entry with the cleaned title.
    const entry = store.catalogue.entries.find((e) => e.arxivId === '2604.01234')!;
    expect(entry).toMatchObject({ shape: 'paper-table', section: TEXT_PROMPT });
    expect(store.catalogue.lineText(entry.line)).toBe(r.text);
  });

  it('undo removes exactly that line: the file is restored byte for byte', async () => {
    const { t, store } = await seedStore();
    const added = await addPaperToList(store, TEXT_PROMPT, paper);
    expect(await removeLineFromList(store, added)).toBe(true);
    expect(readFileSync(t.path('survey.md'), 'utf8')).toBe(readShared('survey/seed-2023.md'));
    expect(store.index.find('2604.01234')).toBeUndefined();
    expect(await removeLineFromList(store, added)).toBe(false);
  });
});

describe('venue and code from arXiv metadata', () => {
  it('finds the venue in the journal reference or comment, else arXiv and the id’s year', () => {
    expect(venueFor({ arxivId: '2604.00001', comment: 'Accepted to CVPR 2026. 12 pages' })).toBe('CVPR 2026');
    expect(venueFor({ arxivId: '2604.00001', comment: 'NeurIPS 2025 (Spotlight)' })).toBe('NeurIPS 2025');
    expect(venueFor({ arxivId: '2604.00001', journalRef: 'IEEE TPAMI, vol. 47, 2025' })).toBe('TPAMI 2025');
    expect(venueFor({ arxivId: '2604.00001', comment: 'accepted at ICLR’26' })).toBe('ICLR 2026');
    expect(venueFor({ arxivId: '2604.00001', comment: '10 pages, 5 figures' })).toBe('arXiv 2026');
    expect(venueFor({ arxivId: '2512.00001' })).toBe('arXiv 2025');
  });

  it('finds a code link in the comment or abstract', () => {
    expect(codeLinkFor({ abstract: 'We release code at https://github.com/org/repo.' })).toBe('https://github.com/org/repo');
    expect(codeLinkFor({ comment: 'Project page: https://org.github.io/x/', abstract: '' })).toBe('https://org.github.io/x/');
    expect(codeLinkFor({ abstract: 'See https://arxiv.org/abs/2101.00001 for details.' })).toBeUndefined();
  });
});

describe('committing the list', () => {
  it('commits only the list file with the given message', async () => {
    const t = tempDir({ 'survey.md': 'a\n', 'other.txt': 'x\n' });
    cleanups.push(t.cleanup);
    const git = (...args: string[]) => execFileSync('git', ['-C', t.dir, ...args], { encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    expect(await inGitWorkTree(t.path('survey.md'))).toBe(true);
    execFileSync('sh', ['-c', `echo b >> ${t.path('survey.md')}; echo y >> ${t.path('other.txt')}`]);
    await commitFile(t.path('survey.md'), 'Add "X; rm -rf /" to Section');
    expect(git('log', '-1', '--format=%s')).toBe('Add "X; rm -rf /" to Section\n');
    expect(git('status', '--porcelain')).toBe(' M other.txt\n');
  });
});

import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/adapters/console/adapter.js';
import { testBot } from '../helpers/bot.js';

let t: Awaited<ReturnType<typeof testBot>>;
beforeAll(async () => {
  t = await testBot();
});
afterAll(() => t.tmp.cleanup());

describe('every command through the console', () => {
  it('search: `/vlm search` and `search` both work, best match first', async () => {
    const a = await t.ask('/vlm search CoOp');
    expect(a).toMatch(/^1 result for “CoOp”/);
    expect(a).toContain('1. CoOp: Learning to Prompt for Vision-Language Models');
    expect(await t.ask('search CoOp')).toBe(a);
    expect(await t.ask('search open vocabulary detection --year 2022 --limit 3')).toMatch(/^3 results for “open vocabulary detection” — year 2022/);
  });

  it('search with filters only, and a helpful answer when nothing matches or nothing was asked', async () => {
    expect(await t.ask('search --section "visual prompt tuning"')).toContain('Exploring Visual Prompts for Adapting Large-Scale Models');
    expect(await t.ask('search qwertyuiop')).toMatch(/No matches/);
    expect(await t.ask('search')).toMatch(/Search for what\?/);
  });

  it('more pages forward, back pages back, and says when there is nothing more', async () => {
    const first = await t.ask('search clip');
    expect(first).toMatch(/Page 1\/\d+ of \d+ results/);
    const second = await t.ask('more');
    expect(second).toMatch(/^6\. /m);
    expect(second).toMatch(/Page 2\//);
    expect(await t.ask('back')).toBe(first.replace(/^.*\n\n/, (m) => m));
    await t.ask('search CoOp');
    expect(await t.ask('more')).toBe('Nothing more to show.\n');
  });

  it('paper: by acronym, arXiv id and URL, with every section it appears in', async () => {
    const byAcronym = await t.ask('paper CoOp');
    expect(byAcronym).toContain('Published in: IJCV 2022');
    expect(byAcronym).toContain('Transfer with Text Prompt Tuning');
    expect(await t.ask('paper 2109.01134')).toBe(byAcronym);
    expect(await t.ask('paper https://arxiv.org/abs/2109.01134v2')).toBe(byAcronym);
    const twice = await t.ask('paper 2211.12739');
    expect(twice).toMatch(/Line: \d+, \d+/);
    expect(await t.ask('paper not-a-real-paper-title-zz')).toMatch(/^! No paper in the list matches/);
  });

  it('dataset: the columns of its table', async () => {
    const d = await t.ask('dataset ImageNet-1k');
    expect(d).toContain('Classes: 1000');
    expect(d).toContain('Training: 1,281,167');
    expect(d).toContain('Project: https://www.image-net.org/');
  });

  it('sections: the tree with counts; section: its entries, paged', async () => {
    expect(await t.ask('sections')).toContain('  • Pre-training with Contrastive Objective (25)');
    const s = await t.ask('section text prompt tuning');
    expect(s).toMatch(/^Vision-Language Model Transfer Learning Methods › Transfer with Prompt Tuning › Transfer with Text Prompt Tuning \(17\)/);
    expect(s).toMatch(/Page 1\/4/);
    expect(await t.ask('section nonexistent-heading')).toMatch(/No section matches/);
  });

  it('stats: by kind, section, year and venue, and the share with code', async () => {
    const s = await t.ask('stats');
    expect(s).toContain('Papers: 123');
    expect(s).toContain('Datasets: 56');
    expect(s).toMatch(/Papers with code: \d+ \(\d+%\)/);
    expect(s).toContain('CVPR: 37');
  });

  it('similar: nearest entries to a listed paper or a free title', async () => {
    expect(await t.ask('similar 2109.01134')).toMatch(/Nearest to CoOp[\s\S]*CoCoOp/);
    expect(await t.ask('similar open vocabulary object detection with CLIP')).toMatch(/Open-Vocabulary/);
    expect(await t.ask('similar 2601.00042')).toMatch(/not in the list/);
  });

  it('help lists the commands; help <command> shows its options', async () => {
    const h = await t.ask('help');
    for (const name of ['search', 'paper', 'dataset', 'sections', 'section', 'stats', 'similar']) expect(h).toContain(`/vlm ${name} — `);
    expect(await t.ask('help search')).toContain('--year');
  });

  it('unknown commands and bad options get one clear line', async () => {
    expect(await t.ask('frobnicate')).toMatch(/There is no command "frobnicate"/);
    expect(await t.ask('search clip --year twenty')).toMatch(/not a year or a range/);
    expect(await t.ask(`search ${'x'.repeat(250)}`)).toMatch(/--query is too long: at most 200 characters/);
    expect(await t.ask('search clip --kind video')).toMatch(/--kind must be one of: paper, dataset/);
  });

  it('sections counts a paper listed in two sub-sections once, as section shows it', async () => {
    const tree = await t.ask('sections');
    const listed = /• Vision-Language Model Transfer Learning Methods \((\d+)\)/.exec(tree)![1];
    expect(await t.ask('section Vision-Language Model Transfer Learning Methods')).toContain(`of ${listed} results`);
    // The list itself has one more row there: the same paper in two of its sub-sections.
    expect(t.bot.catalogue.catalogue.sectionByPath(['Vision-Language Model Transfer Learning Methods'])!.totalCount).toBe(Number(listed) + 1);
  });

  it('paper shows its code link once', async () => {
    const coop = await t.ask('paper CoOp');
    expect(coop.match(/https:\/\/github\.com\/KaiyangZhou\/CoOp/g)).toHaveLength(1);
    expect(await t.ask('paper CLIP')).toMatch(/Code/);
  });

  it('a missing argument is one sentence: what is needed, how the command is typed, an example', async () => {
    expect(await t.ask('dataset')).toBe('! dataset needs <name>: Dataset name, e.g. LAION5B or ImageNet-1k. Usage: dataset <name>, e.g. dataset LAION5B.\n');
    const triage = await t.ask('triage');
    expect(triage).toContain('triage needs <action>: approve, reject or undo.');
    expect(triage).toContain('triage needs <id>: Candidate number (see pending) or its arXiv id.');
    expect(triage).toContain('Usage: triage <action> <id> [section], e.g. triage approve 12.');
    expect(triage).not.toMatch(/expected string|received undefined|Invalid/);
  });

  it('suggests the command or option that was meant', async () => {
    expect(await t.ask('serch clip')).toMatch(/There is no command "serch"\. Did you mean search\?/);
    expect(await t.ask('sectoins')).toMatch(/Did you mean sections\?/);
    expect(await t.ask('search clip --yeer 2022')).toMatch(/has no option --yeer\. Did you mean --year\?/);
    expect(await t.ask('help serch')).toMatch(/Did you mean search\?/);
    expect(await t.ask('frobnicate')).not.toMatch(/Did you mean/);
  });
});

describe('the console adapter on streams', () => {
  it('reads lines from its input and writes answers to its output until the input ends', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += d));
    const done = new ConsoleAdapter(t.bot, { input, output }).run();
    input.end('search CoOp\nhelp\nquit\nsearch never-reached\n');
    await done;
    expect(text).toMatch(/^vlm-curator — 179 entries/);
    expect(text).toContain('1. CoOp: Learning to Prompt');
    expect(text).toContain('/vlm stats');
    expect(text).not.toContain('never-reached');
  });

  it('strips terminal control sequences from list text', async () => {
    const hostile = '## A\n|Paper|Published in|Code|\n|---|---|---|\n|[Evil \u001b[2J\u001b]0;pwned\u0007Title](https://arxiv.org/abs/2301.00001)|CVPR 2023||\n';
    const h = await testBot({ survey: hostile });
    try {
      const out = await h.ask('search evil');
      expect(out).not.toMatch(/\u001b|\u0007/);
    } finally {
      h.tmp.cleanup();
    }
  });
});

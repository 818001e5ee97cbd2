import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import { UserError } from '../../src/core/errors.js';
import { groupEntries } from '../../src/search/catalogue-item.js';
import { fieldsWithText, toDocument } from '../../src/search/search-document.js';
import { MINISEARCH_OPTIONS, SearchIndex } from '../../src/search/search-index.js';
import { syntheticEntries } from '../bench/synthetic.js';
import { readShared } from '../helpers/fixtures.js';

const index = SearchIndex.build(Catalogue.parse(readShared('survey/seed-2023.md')).entries);
const titles = (q: string, f = {}, n = 5) => index.search(q, f, n).map((h) => h.item.acronym ?? h.item.title);

describe('searching the list', () => {
  it('ranks the exact acronym first: CLIP before CLIPSeg and Clip-Adapter', () => {
    const hits = titles('CLIP', {}, 20);
    expect(hits[0]).toBe('CLIP');
    expect(hits.indexOf('CLIPSeg')).toBeGreaterThan(0);
    expect(titles('CoOp')[0]).toBe('CoOp');
  });

  it('matches hyphenated acronyms typed exactly', () => {
    expect(titles('RA-CLIP')[0]).toBe('RA-CLIP');
    expect(titles('Tip-Adapte')[0]).toBe('Tip-Adapte');
  });

  it('finds every word of a multi-word query', () => {
    const hits = index.search('open vocabulary detection', {}, 10);
    expect(hits.length).toBeGreaterThan(5);
    for (const h of hits) expect(h.item.title.toLowerCase()).toMatch(/open.vocabulary/);
  });

  it('forgives a typo in a long word, but not in a short one', () => {
    expect(titles('promt tuning').length).toBeGreaterThan(0);
    expect(titles('Detic')[0]).toBe('Detic');
    // `SAMX` is one edit from several short acronyms; short words are matched exactly (or as a prefix).
    expect(titles('samx')).toEqual([]);
  });

  it('matches a hyphenated word still being typed, written apart, or misspelt', () => {
    expect(titles('context-awar', {}, 20).some((t) => /context-aware/i.test(index.items.find((i) => (i.acronym ?? i.title) === t)!.title))).toBe(true);
    const apart = index.search('zero shot', {}, 100).map((h) => h.item.id);
    const joined = index.search('zero-shot', {}, 100).map((h) => h.item.id);
    expect(joined.length).toBeGreaterThan(0);
    expect(apart).toEqual(expect.arrayContaining(joined));
    expect(index.search('open-vocabulery detection', {}, 5).every((h) => /open.vocabulary/i.test(h.item.title))).toBe(true);
  });

  it('prefers exact words over prefixes over typos', () => {
    const [exact] = index.search('segmentation', {}, 1);
    expect(exact!.terms).toContain('segmentation');
  });

  it('filters by section (any part of the path, any case), year range, venue, code and kind', () => {
    const prompt = index.search('', { section: 'PROMPT tuning' }, 100);
    expect(prompt.length).toBe(22);
    expect(prompt.every((h) => h.item.sections.some((p) => p.some((s) => /prompt tuning/i.test(s))))).toBe(true);
    const y = index.search('clip', { yearFrom: 2021, yearTo: 2021 }, 100);
    expect(y.length).toBeGreaterThan(0);
    expect(y.every((h) => h.item.year === 2021)).toBe(true);
    expect(index.search('', { venue: 'cvpr' }, 200).every((h) => h.item.venue === 'CVPR')).toBe(true);
    expect(index.search('', { hasCode: false, kind: 'paper' }, 200).every((h) => !h.item.links.code && h.item.kind === 'paper')).toBe(true);
    expect(index.search('LAION', { kind: 'dataset' }).map((h) => h.item.title)).toEqual(expect.arrayContaining(['LAION5B', 'LAION400M']));
  });

  it('returns a paper listed twice as one hit naming all its sections', () => {
    const list = Catalogue.parse(
      '## A\n|Paper|Published in|Code|\n|---|---|---|\n|[X-Net: A Thing](https://arxiv.org/abs/2301.00001)|CVPR 2023||\n## B\n* [CVPR 2023] X-Net: A Thing [[Paper](https://arxiv.org/pdf/2301.00001v2.pdf)][[Code](https://github.com/x/y)]\n',
    );
    const hits = SearchIndex.build(list.entries).search('X-Net');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.item.sections).toEqual([['A'], ['B']]);
    expect(hits[0]!.item.hasCode).toBe(true);
  });

  it('normalises hostile input: full-width letters, zero-width and bidi characters, regex characters', () => {
    expect(titles('ＣＬＩＰ')[0]).toBe('CLIP');
    expect(titles('Co\u200bO\u202ep')[0]).toBe('CoOp');
    expect(() => index.search('.*(a+)+$ [[[ \\')).not.toThrow();
  });

  it('refuses a query over 200 characters with a clear user error', () => {
    const q = 'clip '.repeat(41);
    expect(() => index.search(q)).toThrow(UserError);
    expect(() => index.search(q)).toThrow(/limit is 200/);
  });
});

describe('searching a large list', () => {
  // 3,000 entries: large enough that an AND with a rare word runs in two steps (that word first).
  const entries = syntheticEntries(3000);
  const big = SearchIndex.build(entries);
  const docs = groupEntries(entries).map(toDocument);
  const plain = new MiniSearch({ ...MINISEARCH_OPTIONS, fields: fieldsWithText(docs, MINISEARCH_OPTIONS.fields) });
  plain.addAll(docs);

  it('finds exactly what one MiniSearch query finds: same entries, same scores, same order', () => {
    const lastWordPrefix = (t: string, i: number, terms: string[]) => i === terms.length - 1 && t.length >= 3;
    for (const q of ['Unified lea', 'contrastive pre', 'Semantic Segmentation open', 'prompt tuning', 'CLIP vis', 'learning det']) {
      const expected = plain.search(q, { combineWith: 'AND', prefix: lastWordPrefix }).slice(0, 50);
      expect(expected.length, q).toBeGreaterThan(0);
      const hits = big.search(q);
      expect(hits.map((h) => [h.item.id, h.score]), q).toEqual(expected.map((r) => [r.id, r.score]));
    }
  });
});

describe('suggestions and completion', () => {
  it('autosuggests from titles and acronyms while the words are still being typed', () => {
    const names = index.complete('open voc det', 'paper').map((c) => c.name);
    expect(names.length).toBeGreaterThan(3);
    expect(names.every((n) => /open.vocabulary/i.test(n))).toBe(true);
    // `det` is a prefix (DETR, Detection, Detector); section names count too (XPM is listed under
    // detection), but titles that say it come first.
    expect(names.slice(0, 10).every((n) => /\bdet/i.test(n))).toBe(true);
  });

  it('completes a paper name within Discord limits: ≤ 25 choices of ≤ 100 characters', () => {
    const choices = index.complete('c', 'paper');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(index.complete('coo', 'paper')[0]).toMatchObject({ value: '2109.01134' });
    expect(index.complete('', 'dataset')).toHaveLength(25);
    expect(index.complete('x'.repeat(300))).toEqual([]);
  });

  it('finds one item by arXiv id, URL, acronym or exact title', () => {
    for (const ref of ['2109.01134', 'arXiv:2109.01134v3', 'https://arxiv.org/pdf/2109.01134v2.pdf', 'coop', 'CoOp: Learning to Prompt for Vision-Language Models']) {
      expect(index.find(ref, 'paper')?.acronym).toBe('CoOp');
    }
    expect(index.find('zzzzqqq')).toBeUndefined();
  });

  it('finds similar entries, excluding the paper itself', () => {
    const coop = index.find('CoOp')!;
    const near = index.similar(coop.title, 5, coop);
    expect(near.map((h) => h.item.acronym)).toContain('CoCoOp');
    expect(near.some((h) => h.item === coop)).toBe(false);
  });
});

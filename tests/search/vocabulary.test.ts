import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../src/search/vocabulary.js';

// Each term and the entries (ids 0..5) it was indexed in.
const vocab = new Vocabulary(
  new Map([
    ['clip', [0, 1, 2, 4, 5]],
    ['clip-adapter', [1]],
    ['clipseg', [2, 3]],
    ['coop', [0, 3, 5]],
    ['détection', [0, 1, 2, 3]],
  ]),
  6,
);
const ids = (terms: [string, boolean][]) => {
  const set = vocab.entriesWithAll(terms.map(([term, prefix]) => ({ term, prefix })));
  return { size: set.size, ids: [0, 1, 2, 3, 4, 5].filter((id) => set.has(id)) };
};

describe('the vocabulary of an index', () => {
  it('knows which terms are indexed, exactly and as prefixes', () => {
    expect(vocab.size).toBe(5);
    expect(vocab.has('clip')).toBe(true);
    expect(vocab.has('cli')).toBe(false);
    expect(vocab.has('zzz')).toBe(false);
    expect(vocab.hasPrefix('cli')).toBe(true);
    expect(vocab.hasPrefix('clip')).toBe(true);
    expect(vocab.hasPrefix('clipx')).toBe(false);
    expect(vocab.hasPrefix('dé')).toBe(true);
    expect(vocab.hasPrefix('')).toBe(true);
    expect(vocab.extends('clip')).toBe(true);
    expect(vocab.extends('clipseg')).toBe(false);
    expect(vocab.extends('cli')).toBe(true);
    expect(vocab.extends('coop')).toBe(false);
  });

  it('finds the entries that hold every term, a prefix term through any term it starts', () => {
    expect(ids([['clip', false]])).toEqual({ size: 5, ids: [0, 1, 2, 4, 5] });
    expect(ids([['clip', false], ['coop', false]])).toEqual({ size: 2, ids: [0, 5] });
    // `clip*` covers clip, clip-adapter and clipseg: entry 3 holds clipseg only, and counts once.
    expect(ids([['clip', true], ['coop', false]])).toEqual({ size: 3, ids: [0, 3, 5] });
    expect(ids([['clip', true], ['coop', false], ['dé', true]])).toEqual({ size: 2, ids: [0, 3] });
    expect(ids([['clip-adapter', false], ['coop', false]])).toEqual({ size: 0, ids: [] });
    expect(ids([['cli', false], ['coop', false]])).toEqual({ size: 0, ids: [] });
    expect(ids([])).toEqual({ size: 6, ids: [0, 1, 2, 3, 4, 5] });
  });

  it('finds the terms within a number of edits, as MiniSearch counts them', () => {
    const near = (t: string, d: number) => vocab.withinEdits(t, d).map((n) => `${n.term}:${n.distance}`).sort();
    expect(near('clip', 0)).toEqual(['clip:0']);
    expect(near('clpi', 1)).toEqual([]);
    expect(near('clpi', 2)).toEqual(['clip:2']);
    expect(near('cloop', 2)).toEqual(['clip:2', 'coop:1']);
    expect(near('detection', 1)).toEqual(['détection:1']);
    expect(near('clipsegs', 1)).toEqual(['clipseg:1']);
    expect(vocab.withinEdits('coop', 1).map((n) => n.index)).toEqual([vocab.indexOf('coop')]);
    expect(vocab.indexOf('coo')).toBe(-1);
  });

  it('is empty without terms', () => {
    const none = new Vocabulary(new Map(), 0);
    expect(none.has('a')).toBe(false);
    expect(none.hasPrefix('a')).toBe(false);
    expect(none.withinEdits('abc', 2)).toEqual([]);
    expect(none.entriesWithAll([{ term: 'a', prefix: true }]).size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { completionTerms, queryWords, searchPasses, selectiveTerm } from '../../src/search/query-plan.js';
import { Vocabulary } from '../../src/search/vocabulary.js';

const vocab = new Vocabulary(
  new Map(
    Object.entries({ prompt: 40, prompts: 5, tuning: 30, 'tuning-free': 1, learning: 300, open: 20, vocabulary: 20, 'open-vocabulary': 15, zero: 10, shot: 10, 'zero-shot': 9, detection: 200, detections: 2, ra: 1, clip: 50, clipseg: 2, 'ra-clip': 1 }),
  ),
);
const passes = (q: string) => [...searchPasses(queryWords(q), vocab)].map((p) => `${p.combineWith} ${p.terms.map((t) => t.term + (t.prefix ? '*' : '') + (t.fuzzy ? '~' : '')).join(' ')}`);

describe('planning a search from the vocabulary', () => {
  it('folds the words like the index and keeps compounds whole beside their parts', () => {
    expect(queryWords('Learning to Prompt for RA-CLIP')).toEqual([
      { whole: 'learning', parts: ['learning'] },
      { whole: 'prompt', parts: ['prompt'] },
      { whole: 'ra-clip', parts: ['ra', 'clip'] },
    ]);
  });

  it('never forgives a typo in a word the index has, on the first pass', () => {
    expect(passes('prompt tuning')).toEqual(['AND prompt tuning*', 'AND prompt~ tuning*~', 'OR prompt tuning*']);
  });

  it('forgives a typo in a long word the index lacks on the first pass, and never tries a short one', () => {
    expect(passes('promt tuning')[0]).toBe('AND promt~ tuning*');
    // `samx` is unknown, too short for typo tolerance, and no indexed term starts with it: nothing can match.
    expect(passes('samx')).toEqual([]);
    expect(passes('samx prompt')).toEqual(['OR prompt*']);
    // A prefix search only when some other term starts with the word.
    expect(passes('tuning-free')[0]).toBe('AND tuning-free');
  });

  it('matches a compound the index has as one term, else its parts, and a compound being typed as a prefix', () => {
    expect(passes('RA-CLIP')[0]).toBe('AND ra-clip');
    expect(passes('zero-shot detection')[0]).toBe('AND zero-shot detection*');
    // Written apart in the list, or a compound the list does not have: its parts.
    expect(passes('open-vocabulery')[0]).toBe('AND open vocabulery~');
    expect(passes('zero-sh')[0]).toBe('AND zero-sh*');
  });

  it('runs the loosened pass only when it differs from the first, and the any-word pass only when it does', () => {
    expect(passes('detection')).toEqual(['AND detection*', 'AND detection*~']);
    expect(passes('clip')).toEqual(['AND clip*']);
  });

  it('completes every word as a prefix, and gives up when a word starts no indexed term', () => {
    expect(completionTerms(queryWords('open voc det'), vocab)?.map((t) => t.term)).toEqual(['open', 'voc', 'det']);
    expect(completionTerms(queryWords('zero-sh'), vocab)?.map((t) => t.term)).toEqual(['zero-sh']);
    expect(completionTerms(queryWords('open xq'), vocab)).toBeUndefined();
  });

  it('evaluates a much rarer term of an AND first, when the rest would visit many postings', () => {
    const [first] = searchPasses(queryWords('zero lea'), vocab);
    expect(selectiveTerm(first!, vocab)?.term).toBe('zero');
    const [balanced] = searchPasses(queryWords('prompt tuning'), vocab);
    expect(selectiveTerm(balanced!, vocab)).toBeUndefined();
    expect(selectiveTerm({ combineWith: 'OR', terms: first!.terms }, vocab)).toBeUndefined();
    // A typo-tolerant term's cost is unknown: it is never the one evaluated first.
    expect(selectiveTerm({ combineWith: 'AND', terms: [{ term: 'promt', prefix: false, fuzzy: true }, { term: 'learning', prefix: false, fuzzy: false }] }, vocab)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { boundingTerms, completionTerms, queryWords, searchPasses } from '../../src/search/query-plan.js';
import { Vocabulary } from '../../src/search/vocabulary.js';

const terms = 'prompt prompts tuning tuning-free learning open vocabulary open-vocabulary zero shot zero-shot detection detections ra clip clipseg ra-clip'.split(' ');
// The planner asks only which terms exist: every term is in entry 0.
const vocab = new Vocabulary(new Map(terms.map((t) => [t, [0]])), 1);
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

  it('bounds an AND by its exactly known terms, and nothing else', () => {
    const [first] = searchPasses(queryWords('zero lea'), vocab);
    expect(boundingTerms(first!)?.map((t) => t.term)).toEqual(['zero', 'lea']);
    expect(boundingTerms({ combineWith: 'OR', terms: first!.terms })).toBeUndefined();
    // One term has nothing to intersect with; a typo-tolerant term's matches are unknown until searched.
    expect(boundingTerms({ combineWith: 'AND', terms: [first!.terms[0]!] })).toBeUndefined();
    const typo = { term: 'promt', prefix: false, fuzzy: true };
    expect(boundingTerms({ combineWith: 'AND', terms: [typo, { term: 'learning', prefix: false, fuzzy: false }] })?.map((t) => t.term)).toEqual(['learning']);
    expect(boundingTerms({ combineWith: 'AND', terms: [typo, typo] })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../src/search/vocabulary.js';

const vocab = new Vocabulary(
  new Map([
    ['clip', 5],
    ['clip-adapter', 1],
    ['clipseg', 2],
    ['coop', 3],
    ['détection', 4],
  ]),
);

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

  it('counts the postings a term, or every term with a prefix, would visit', () => {
    expect(vocab.postings('clip')).toBe(5);
    expect(vocab.postings('cli')).toBe(0);
    expect(vocab.prefixPostings('clip')).toBe(8);
    expect(vocab.prefixPostings('c')).toBe(11);
    expect(vocab.prefixPostings('d')).toBe(4);
    expect(vocab.prefixPostings('x')).toBe(0);
  });

  it('is empty without terms', () => {
    const none = new Vocabulary(new Map());
    expect(none.has('a')).toBe(false);
    expect(none.hasPrefix('a')).toBe(false);
    expect(none.prefixPostings('a')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { compileKeywords, matchKeywords } from '../../src/relevance/keyword-rules.js';
import { NeighbourIndex } from '../../src/relevance/neighbour-index.js';
import { TermMatrix } from '../../src/relevance/term-matrix.js';
import { docTerms, stem, stemSequence, surfaceOf } from '../../src/relevance/text-features.js';
import { dot, TfIdfSpace } from '../../src/relevance/tfidf.js';

describe('text features', () => {
  it('merges plurals without mangling acronyms', () => {
    expect(['models', 'VLMs', 'queries', 'CLIP', 'classes', 'analysis', 'corpus'].map(stem)).toEqual(['model', 'vlm', 'query', 'clip', 'class', 'analysis', 'corpus']);
  });

  it('makes bigrams within a clause, skipping stop words, never across punctuation', () => {
    const t = docTerms({ title: 'Prompting the CLIP model. Detection', abstract: 'open-vocabulary, segmentation' });
    expect(t.tf.has('prompting clip')).toBe(true);
    expect(t.tf.has('model detection')).toBe(false);
    expect(t.tf.has('vocabulary segmentation')).toBe(false);
    expect(t.tf.get('clip')).toBe(2); // title words count double
    expect(t.tf.get('open vocabulary')).toBe(1);
  });

  it('quotes a term the way the paper wrote it', () => {
    const t = docTerms({ title: 'Open-Vocabulary Detection with VLMs', abstract: '' });
    expect(surfaceOf(t, 'open vocabulary')).toBe('Open-Vocabulary');
    expect(surfaceOf(t, 'vlm')).toBe('VLMs');
  });

  it('vectorises to unit length over the known vocabulary only', () => {
    const space = TfIdfSpace.fit([{ title: 'clip prompt' }, { title: 'clip prompt tuning' }, { title: 'super resolution' }, { title: 'super resolution network' }]);
    const v = space.vectorise({ title: 'CLIP prompt for something unseen' });
    expect(dot(v, v)).toBeCloseTo(1, 12);
    expect([...v.indices].map((i) => space.terms[i])).toEqual(['clip', 'clip prompt', 'prompt']);
  });
});

describe('keywords', () => {
  it('match phrases of whole words', () => {
    const rules = compileKeywords(['open vocabulary', 'VLM', '  ', 'the']);
    expect(rules.map((r) => r.keyword)).toEqual(['open vocabulary', 'VLM']);
    expect(matchKeywords(rules, stemSequence('Open-Vocabulary detection with VLMs'))).toEqual(['open vocabulary', 'VLM']);
    expect(matchKeywords(rules, stemSequence('open the vocabulary'))).toEqual(['open vocabulary']);
    expect(matchKeywords(rules, stemSequence('vocabulary open; VLMX'))).toEqual([]);
  });
});

describe('neighbour index', () => {
  const v = (pairs: [number, number][]) => ({ indices: Int32Array.from(pairs, (p) => p[0]), values: Float64Array.from(pairs, (p) => p[1]) });

  it('returns the k most similar live items, best first, skipping what it is told to', () => {
    const ix = new NeighbourIndex<string>();
    ix.add('a', v([[0, 1]]));
    const b = ix.add('b', v([[0, 0.6], [1, 0.8]]));
    ix.add('c', v([[1, 1]]));
    ix.add('d', v([[2, 1]]));
    const q = v([[0, 0.8], [1, 0.6]]);
    expect(ix.nearest(q, 2).map((n) => n.item)).toEqual(['b', 'a']);
    expect(ix.nearest(q, 5).map((n) => n.item)).toEqual(['b', 'a', 'c']);
    expect(ix.nearest(q, 2, (item) => item === 'b').map((n) => n.item)).toEqual(['a', 'c']);
    ix.retire(b);
    expect(ix.nearest(q, 1)[0]).toEqual({ item: 'a', similarity: 0.8 });
    // Scratch scores are reset between queries.
    expect(ix.nearest(q, 1)[0]!.similarity).toBe(0.8);
  });

  it('collects one list per role in one pass, leaving out the items of a key', () => {
    const ix = new NeighbourIndex<string>();
    ix.add('entry', v([[0, 1]]), { roles: 1, key: '2401.00001' });
    ix.add('decision', v([[0, 0.9], [1, 0.1]]), { roles: 2, key: '2401.00002' });
    ix.add('both', v([[0, 0.5], [1, 0.5]]), { roles: 3, key: '2401.00003' });
    const q = v([[0, 1]]);
    const [entries, decisions, none] = ix.nearestMany(q, [{ k: 2, roles: 1 }, { k: 5, roles: 2 }, { k: 0, roles: 3 }]);
    expect(entries!.map((n) => n.item)).toEqual(['entry', 'both']);
    expect(decisions!.map((n) => n.item)).toEqual(['decision', 'both']);
    expect(none).toEqual([]);
    const [withoutSelf] = ix.nearestMany(q, [{ k: 3, roles: 3 }], '2401.00002');
    expect(withoutSelf!.map((n) => n.item)).toEqual(['entry', 'both']);
    // The key is left out of that query only.
    expect(ix.nearest(q, 3).map((n) => n.item)).toEqual(['entry', 'decision', 'both']);
  });
});

describe('term matrix', () => {
  it('scores a query against every column and lets a column be replaced', () => {
    const m = new TermMatrix(2);
    m.set(0, { indices: Int32Array.of(0, 3), values: Float64Array.of(0.5, 0.5) });
    m.set(1, { indices: Int32Array.of(3), values: Float64Array.of(1) });
    const q = { indices: Int32Array.of(0, 3), values: Float64Array.of(1, 2) };
    expect([...m.products(q)]).toEqual([1.5, 2]);
    m.set(1, { indices: Int32Array.of(0), values: Float64Array.of(1) });
    expect([...m.products(q)]).toEqual([1.5, 1]);
  });
});

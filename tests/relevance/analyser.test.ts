import { describe, expect, it } from 'vitest';
import { PaperAnalyser } from '../../src/relevance/analyser.js';
import { compileKeywords, matchKeywords } from '../../src/relevance/keyword-rules.js';
import { loadRelevanceModel } from '../../src/relevance/model.js';
import { docTerms, stemSequence, surfaceOf } from '../../src/relevance/text-features.js';
import { TfIdfSpace } from '../../src/relevance/tfidf.js';
import { readShared } from '../helpers/fixtures.js';

const model = loadRelevanceModel();
const { terms, idf } = model.vocabulary;
const labelled = readShared('relevance/dev.jsonl')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { title: string; abstract: string });
const ODD = {
  title: "CLIP's don't 3D-2D x2024s 12b3 naïve open-vocabulary, VLMs' (test) “q” ’s O’Neil",
  abstract: 'Open-Vocabulary detection--with VLMs. 123.5 2D-3D; the CLIP’s text-encoder: open vocabulary',
};

describe('paper analyser (one compiled pass)', () => {
  it('gives bit for bit the vector of docTerms + TfIdfSpace on every labelled paper', () => {
    const space = new TfIdfSpace(terms, idf);
    const analyser = new PaperAnalyser(terms, idf);
    for (const doc of [...labelled, ODD]) {
      const slow = space.vectoriseTerms(docTerms(doc));
      const fast = analyser.analyse(doc).vector;
      expect(fast.indices).toEqual(slow.indices);
      expect(fast.values).toEqual(slow.values);
    }
  });

  it('quotes each term as the paper wrote it, like surfaceOf', () => {
    const analyser = new PaperAnalyser(terms, idf);
    for (const doc of [...labelled.slice(0, 60), ODD]) {
      const t = docTerms(doc);
      const { vector } = analyser.analyse(doc);
      for (const i of vector.indices) expect(analyser.surfaceOf(i)).toBe(surfaceOf(t, terms[i]!));
    }
    analyser.analyse({ title: 'Open-Vocabulary Detection with VLMs' });
    expect(analyser.surfaceOf(terms.indexOf('open vocabulary'))).toBe('Open-Vocabulary');
    expect(analyser.surfaceOf(terms.indexOf('vlm'))).toBe('VLMs');
  });

  it('counts phrase groups in the title and the abstract, matching keyword rules', () => {
    const keywords = ['open vocabulary', 'VLM', 'text encoder', 'zebra crossing', 'the'];
    const rules = compileKeywords(keywords);
    const analyser = new PaperAnalyser(terms, idf, rules.map((r) => [r.stems]));
    const a = analyser.analyse(ODD);
    expect(Array.from(a.titleHits)).toEqual([1, 1, 0, 0]);
    expect(Array.from(a.abstractHits)).toEqual([2, 1, 1, 0]);
    for (const doc of labelled.slice(0, 100)) {
      const hits = analyser.analyse(doc);
      const matched = rules.filter((_, g) => hits.titleHits[g]! + hits.abstractHits[g]! > 0).map((r) => r.keyword);
      expect(matched).toEqual(matchKeywords(rules, docTerms(doc).words));
    }
  });

  it('a phrase group may use words the vocabulary does not have', () => {
    const analyser = new PaperAnalyser(['clip'], [1], [[stemSequence('zzyzx quux')]]);
    const a = analyser.analyse({ title: 'CLIP meets Zzyzx Quux', abstract: 'zzyzx, quux' });
    expect(Array.from(a.titleHits)).toEqual([1]);
    expect(Array.from(a.abstractHits)).toEqual([1]); // phrases ignore clause breaks, like keyword rules
    expect(Array.from(a.vector.indices)).toEqual([0]);
  });
});

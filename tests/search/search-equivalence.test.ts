import { describe, expect, it } from 'vitest';
import { normaliseQuery } from '../../src/core/query-text.js';
import { completionTerms, passOptions, queryWords } from '../../src/search/query-plan.js';
import { clip, SearchIndex } from '../../src/search/search-index.js';
import { generatePartials, generateQueries } from '../bench/queries.js';
import { inside, SEARCH_CORPORA, plainSearch } from '../helpers/search-inside.js';

describe.each(SEARCH_CORPORA)('search on %s gives exactly what MiniSearch alone gives (see plainSearch)', (_name, entries) => {
  const index = SearchIndex.build(entries);
  const { mini, vocabulary } = inside(index);

  it('for every generated query (words, acronyms, phrases, prefixes, typos), with and without filters', () => {
    const paperOnly = (id: number) => index.items[id]!.kind === 'paper';
    generateQueries(entries, 1000, 5).forEach((q, k) => {
      const filtered = k % 3 === 0;
      const ours = index.search(q.text, filtered ? { kind: 'paper' } : {}).map((h) => ({ id: h.item.id, score: h.score, terms: h.terms }));
      expect(ours, `${q.cls}: ${q.text}`).toEqual(plainSearch(index, q.text, filtered ? paperOnly : undefined));
    });
  });

  it('for every generated partial title, completed', () => {
    for (const p of generatePartials(entries, 300, 5)) {
      const terms = completionTerms(queryWords(normaliseQuery(p)), vocabulary);
      const plain = terms ? mini.search(terms.map((t) => t.term).join(' '), passOptions({ combineWith: 'AND', terms })) : [];
      const expected = plain.slice(0, 25).map((r) => index.items[r.id as number]!).map((item) => item.arxivId ?? clip(item.title, 100));
      expect(index.complete(p).map((c) => c.value), p).toEqual(expected);
    }
  });
});

import type MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import { normaliseQuery } from '../../src/core/query-text.js';
import { completionTerms, passOptions, queryWords, searchPasses } from '../../src/search/query-plan.js';
import { clip, SearchIndex } from '../../src/search/search-index.js';
import type { Vocabulary } from '../../src/search/vocabulary.js';
import { generatePartials, generateQueries } from '../bench/queries.js';
import { syntheticEntries } from '../bench/synthetic.js';
import { readShared } from '../helpers/fixtures.js';

/** What a SearchIndex keeps inside, reached into to compare its shortcuts with MiniSearch alone. */
interface Inside {
  mini: Pick<MiniSearch, 'search'>;
  vocabulary: Vocabulary;
}

const corpora = [
  ['the seed list', Catalogue.parse(readShared('survey/seed-2023.md')).entries],
  ['the latest list', Catalogue.parse(readShared('survey/history/2025-05-24-5af1687.md')).entries],
  ['3,000 synthetic entries', syntheticEntries(3000)],
] as const;

/**
 * The search as MiniSearch alone answers it: the same planned passes, the first that finds
 * something, each run over every entry (no AND bounded from the vocabulary). SearchIndex's
 * shortcuts must give exactly this: the same entries, scores, matched terms and order.
 */
function plainSearch(index: SearchIndex, query: string, allowed?: (id: number) => boolean) {
  const { mini, vocabulary } = index as unknown as Inside;
  for (const pass of searchPasses(queryWords(normaliseQuery(query)), vocabulary)) {
    const options = passOptions(pass);
    if (allowed) options.boostDocument = (id: number) => (allowed(id) ? 1 : 0);
    const results = mini.search(pass.terms.map((t) => t.term).join(' '), options);
    if (results.length) return results.slice(0, 50).map((r) => ({ id: r.id as number, score: r.score, terms: r.terms }));
  }
  return [];
}

describe.each(corpora)('search on %s gives exactly what MiniSearch alone gives', (_name, entries) => {
  const index = SearchIndex.build(entries);
  const { mini, vocabulary } = index as unknown as Inside;

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

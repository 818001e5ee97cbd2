import type MiniSearch from 'minisearch';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import { normaliseQuery } from '../../src/core/query-text.js';
import { passOptions, queryWords, searchPasses } from '../../src/search/query-plan.js';
import type { SearchIndex } from '../../src/search/search-index.js';
import type { Vocabulary } from '../../src/search/vocabulary.js';
import { syntheticEntries } from '../bench/synthetic.js';
import { readShared } from './fixtures.js';

/** Lists the search shortcuts are checked on: both real lists, and a synthetic one with a larger vocabulary. */
export const SEARCH_CORPORA = [
  ['the seed list', Catalogue.parse(readShared('survey/seed-2023.md')).entries],
  ['the latest list', Catalogue.parse(readShared('survey/history/2025-05-24-5af1687.md')).entries],
  ['3,000 synthetic entries', syntheticEntries(3000)],
] as const;

type FuzzyGet = (term: string, maxDistance: number) => Map<string, [unknown, number]>;

/** What a SearchIndex keeps inside, reached into by tests that compare its shortcuts with MiniSearch alone. */
export interface SearchInside {
  mini: Pick<MiniSearch, 'search'> & { _index: { fuzzyGet: FuzzyGet } };
  vocabulary: Vocabulary;
}

export const inside = (index: SearchIndex) => index as unknown as SearchInside;

/** MiniSearch's own typo walk on its term tree, whatever the instance has been handed instead. */
export function miniSearchOwnWalk(tree: SearchInside['mini']['_index'], term: string, maxDistance: number) {
  return (Object.getPrototypeOf(tree) as { fuzzyGet: FuzzyGet }).fuzzyGet.call(tree, term, maxDistance);
}

/**
 * A search as MiniSearch alone answers it: the same planned passes, the first that finds
 * something, each run over every entry (no AND bounded from the vocabulary) with MiniSearch's own
 * typo walk. SearchIndex's shortcuts must give exactly this: the same entries, scores, matched
 * terms and order.
 */
export function plainSearch(index: SearchIndex, query: string, allowed?: (id: number) => boolean) {
  const { mini, vocabulary } = inside(index);
  const tree = mini._index;
  const handed = tree.fuzzyGet;
  tree.fuzzyGet = (term, d) => miniSearchOwnWalk(tree, term, d);
  try {
    for (const pass of searchPasses(queryWords(normaliseQuery(query)), vocabulary)) {
      const options = passOptions(pass);
      if (allowed) options.boostDocument = (id: number) => (allowed(id) ? 1 : 0);
      const results = mini.search(pass.terms.map((t) => t.term).join(' '), options);
      if (results.length) return results.slice(0, 50).map((r) => ({ id: r.id as number, score: r.score, terms: r.terms }));
    }
    return [];
  } finally {
    tree.fuzzyGet = handed;
  }
}

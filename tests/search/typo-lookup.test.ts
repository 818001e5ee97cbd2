import { describe, expect, it } from 'vitest';
import { queryWords } from '../../src/search/query-plan.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { generateQueries } from '../bench/queries.js';
import { inside, SEARCH_CORPORA, miniSearchOwnWalk } from '../helpers/search-inside.js';

describe.each(SEARCH_CORPORA)('the typo lookup on %s', (_name, entries) => {
  const index = SearchIndex.build(entries);
  const tree = inside(index).mini._index;

  it('replaces MiniSearch\'s walk on this index only', () => {
    expect(tree.fuzzyGet).not.toBe((Object.getPrototypeOf(tree) as typeof tree).fuzzyGet);
  });

  it('finds the same terms near a typo, at the same distances, in the same order as MiniSearch\'s walk', () => {
    const words = generateQueries(entries, 600).flatMap((q) => queryWords(q.text).flatMap((w) => [w.whole, ...w.parts]));
    // Words as typed, with a letter dropped, one added, a vowel replaced; short ones and long ones.
    const typed = [...new Set(words)].flatMap((w) => [w, w.slice(1), `${w}s`, w.replace(/[aeiou]/, 'x')]);
    for (const term of typed) {
      for (const d of [1, 2, 3]) expect([...tree.fuzzyGet(term, d)], `${term} within ${d}`).toEqual([...miniSearchOwnWalk(tree, term, d)]);
    }
  });
});

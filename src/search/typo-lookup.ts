import type MiniSearch from 'minisearch';
import type { Vocabulary } from './vocabulary.js';

/** The part of MiniSearch's term tree (its private `_index`, a `SearchableMap`) a typo lookup touches. */
interface TermTree {
  fuzzyGet(term: string, maxDistance: number): Map<string, [unknown, number]>;
  get(term: string): unknown;
  keys(): Iterable<string>;
}

/**
 * Hands MiniSearch's index a faster way to find the terms near a typo-tolerant query term.
 *
 * MiniSearch finds them (`SearchableMap.fuzzyGet`) by walking its whole term tree with an
 * edit-distance matrix: 20–30 µs a term at a few hundred entries, most of a typo query's cost. The
 * vocabulary finds the same terms with the same distances in 2–3 µs (`withinEdits`). They are
 * handed back in the order MiniSearch's walk yields them — that order decides the order in which
 * a result's score is summed and equal scores are ranked — so every result, score and rank is
 * exactly what MiniSearch's own walk gives. MiniSearch offers no hook for this, so this reaches
 * into the private `_index` of a MiniSearch 7 instance; when that is not there, MiniSearch keeps
 * its own walk (slower, same results) and this returns false. tests/search/typo-lookup.test.ts
 * pins both the shape and the equality against MiniSearch's own walk.
 */
export function lookUpTyposInVocabulary(mini: MiniSearch<never>, vocab: Vocabulary): boolean {
  const tree = (mini as unknown as { _index?: Partial<TermTree> })._index;
  if (!tree || typeof tree.fuzzyGet !== 'function' || typeof tree.get !== 'function' || typeof tree.keys !== 'function') return false;
  const index = tree as TermTree;
  let walkRank: Int32Array | undefined;
  index.fuzzyGet = (term, maxDistance) => {
    const near = vocab.withinEdits(term, maxDistance);
    if (near.length > 1) {
      const rank = (walkRank ??= rankInWalkOrder(index, vocab));
      near.sort((a, b) => rank[a.index]! - rank[b.index]!);
    }
    return new Map(near.map((n) => [n.term, [index.get(n.term), n.distance]]));
  };
  return true;
}

/**
 * Each vocabulary term's place in the order MiniSearch's typo walk visits terms. The walk takes
 * each node's children first to last; the map's iterator takes them last to first — so the
 * iterator yields the terms in exactly the reverse order. Computed once, at the first typo.
 */
function rankInWalkOrder(index: TermTree, vocab: Vocabulary): Int32Array {
  const rank = new Int32Array(vocab.size);
  let position = vocab.size;
  for (const term of index.keys()) {
    const i = vocab.indexOf(term);
    if (i >= 0) rank[i] = --position;
  }
  return rank;
}

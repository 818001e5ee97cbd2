/**
 * Nearest neighbours by cosine similarity over sparse TF-IDF vectors, through an inverted index so a
 * query touches only the documents that share a term with it. Items can be added at any time (triage
 * decisions join the neighbourhood as they happen) and retired when a newer one replaces them.
 */
import type { SparseVector } from './tfidf.js';

export interface Neighbour<T> {
  item: T;
  similarity: number;
}

export class NeighbourIndex<T> {
  private readonly items: T[] = [];
  private readonly retired: boolean[] = [];
  private readonly postings = new Map<number, { docs: number[]; values: number[] }>();
  private scores = new Float64Array(64);

  get size(): number {
    return this.items.length;
  }

  /** Adds an item; the returned handle can retire it later. */
  add(item: T, vector: SparseVector): number {
    const doc = this.items.push(item) - 1;
    this.retired.push(false);
    for (let k = 0; k < vector.indices.length; k++) {
      const term = vector.indices[k]!;
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = { docs: [], values: [] }));
      list.docs.push(doc);
      list.values.push(vector.values[k]!);
    }
    if (this.scores.length < this.items.length) this.scores = new Float64Array(this.items.length * 2);
    return doc;
  }

  /** The item no longer appears in results. */
  retire(handle: number): void {
    this.retired[handle] = true;
  }

  /** The `k` most similar live items, best first; `skip` drops items that must not count (the paper itself). */
  nearest(query: SparseVector, k: number, skip?: (item: T) => boolean): Neighbour<T>[] {
    return this.nearestMany(query, [{ k, accept: skip ? (item) => !skip(item) : () => true }])[0]!;
  }

  /**
   * Several nearest-neighbour lists from one pass over the index: for each want, the `k` most
   * similar live items it accepts, best first.
   */
  nearestMany(query: SparseVector, wants: readonly { k: number; accept: (item: T) => boolean }[]): Neighbour<T>[][] {
    const scores = this.scores;
    const touched: number[] = [];
    for (let q = 0; q < query.indices.length; q++) {
      const list = this.postings.get(query.indices[q]!);
      if (!list) continue;
      const w = query.values[q]!;
      const { docs, values } = list;
      for (let p = 0; p < docs.length; p++) {
        const doc = docs[p]!;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += w * values[p]!;
      }
    }
    // Keep the best k of each want in a small sorted array: k is tiny, the touched set is not.
    const lists = wants.map(() => [] as Neighbour<T>[]);
    for (const doc of touched) {
      const similarity = scores[doc]!;
      scores[doc] = 0;
      if (this.retired[doc]) continue;
      const item = this.items[doc]!;
      for (let w = 0; w < wants.length; w++) {
        const { k, accept } = wants[w]!;
        const best = lists[w]!;
        if ((best.length === k && similarity <= best[k - 1]!.similarity) || !accept(item)) continue;
        let at = best.length;
        while (at > 0 && best[at - 1]!.similarity < similarity) at--;
        best.splice(at, 0, { item, similarity });
        if (best.length > k) best.pop();
      }
    }
    return lists;
  }
}

/**
 * Nearest neighbours by cosine similarity over sparse TF-IDF vectors, through an inverted index so a
 * query touches only the documents that share a term with it. Items can be added at any time (triage
 * decisions join the neighbourhood as they happen).
 */
import type { SparseVector } from './tfidf.js';

export interface Neighbour<T> {
  item: T;
  similarity: number;
}

export class NeighbourIndex<T> {
  private readonly items: T[] = [];
  private readonly postings = new Map<number, { doc: number; value: number }[]>();

  get size(): number {
    return this.items.length;
  }

  add(item: T, vector: SparseVector): void {
    const doc = this.items.push(item) - 1;
    for (let k = 0; k < vector.indices.length; k++) {
      const term = vector.indices[k]!;
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      list.push({ doc, value: vector.values[k]! });
    }
  }

  /** Similarity of the query to every item it shares a term with (others are 0). */
  similarities(query: SparseVector): Map<number, number> {
    const sims = new Map<number, number>();
    for (let k = 0; k < query.indices.length; k++) {
      const list = this.postings.get(query.indices[k]!);
      if (!list) continue;
      const q = query.values[k]!;
      for (const p of list) sims.set(p.doc, (sims.get(p.doc) ?? 0) + q * p.value);
    }
    return sims;
  }

  /** The `k` most similar items, best first; `skip` drops items that must not count (the paper itself). */
  nearest(query: SparseVector, k: number, skip?: (item: T) => boolean): Neighbour<T>[] {
    const out: Neighbour<T>[] = [];
    for (const [doc, similarity] of this.similarities(query)) {
      const item = this.items[doc]!;
      if (skip?.(item)) continue;
      out.push({ item, similarity });
    }
    out.sort((a, b) => b.similarity - a.similarity);
    return out.slice(0, k);
  }
}

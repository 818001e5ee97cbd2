/**
 * Nearest neighbours by cosine similarity over sparse TF-IDF vectors, through an inverted index so a
 * query touches only the documents that share a term with it. Items can be added at any time (triage
 * decisions join the neighbourhood as they happen) and retired when a newer one replaces them.
 *
 * Postings are typed arrays indexed by term, and what an item is (a list entry, a decision…) is a
 * bit mask, so a query is multiply-adds into one reused score array and a pass over the touched
 * items — no closures or property reads per item.
 */
import type { SparseVector } from './tfidf.js';

export interface Neighbour<T> {
  item: T;
  similarity: number;
}

/** One nearest-neighbour list to collect: the `k` best items having any of the `roles` bits. */
export interface NeighbourWant {
  k: number;
  roles: number;
}

interface Postings {
  docs: Int32Array;
  values: Float64Array;
  length: number;
}

/** Every role bit: what {@link NeighbourIndex.add} gives an item unless told otherwise. */
const ALL_ROLES = 0xff;

export class NeighbourIndex<T> {
  private readonly items: T[] = [];
  /** Role bits per item; 0 once retired. */
  private roles = new Uint8Array(64);
  private readonly postings: (Postings | undefined)[] = [];
  /** Handles of the items added under a key (an arXiv id), to leave a paper out of its own neighbours. */
  private readonly byKey = new Map<string, number[]>();
  private scores = new Float64Array(64);
  private touched = new Int32Array(64);

  get size(): number {
    return this.items.length;
  }

  /** Adds an item with its role bits (default: all) and optional key; the returned handle can retire it later. */
  add(item: T, vector: SparseVector, options: { roles?: number; key?: string } = {}): number {
    const doc = this.items.push(item) - 1;
    if (doc >= this.roles.length) {
      const grown = new Uint8Array(this.roles.length * 2);
      grown.set(this.roles);
      this.roles = grown;
      this.scores = new Float64Array(this.roles.length);
      this.touched = new Int32Array(this.roles.length);
    }
    this.roles[doc] = options.roles ?? ALL_ROLES;
    if (options.key !== undefined) {
      const handles = this.byKey.get(options.key);
      if (handles) handles.push(doc);
      else this.byKey.set(options.key, [doc]);
    }
    for (let k = 0; k < vector.indices.length; k++) {
      const term = vector.indices[k]!;
      let list = this.postings[term];
      if (!list) {
        while (this.postings.length < term) this.postings.push(undefined);
        this.postings[term] = list = { docs: new Int32Array(4), values: new Float64Array(4), length: 0 };
      }
      if (list.length === list.docs.length) {
        const docs = new Int32Array(list.length * 2);
        docs.set(list.docs);
        const values = new Float64Array(list.length * 2);
        values.set(list.values);
        list.docs = docs;
        list.values = values;
      }
      list.docs[list.length] = doc;
      list.values[list.length++] = vector.values[k]!;
    }
    return doc;
  }

  /** The item no longer appears in results. */
  retire(handle: number): void {
    this.roles[handle] = 0;
  }

  /** The `k` most similar live items, best first; `skip` drops items that must not count (the paper itself). */
  nearest(query: SparseVector, k: number, skip?: (item: T) => boolean): Neighbour<T>[] {
    if (!skip) return this.nearestMany(query, [{ k, roles: ALL_ROLES }])[0]!;
    // Rare path (tests, tools): collect everything, then filter.
    return this.nearestMany(query, [{ k: this.items.length, roles: ALL_ROLES }])[0]!.filter((n) => !skip(n.item)).slice(0, k);
  }

  /**
   * Several nearest-neighbour lists from one pass over the index: for each want, the `k` most
   * similar live items with one of its role bits, best first (ties: the earlier-touched first).
   * Items added under `skipKey` are left out of every list.
   */
  nearestMany(query: SparseVector, wants: readonly NeighbourWant[], skipKey?: string): Neighbour<T>[][] {
    const { scores, touched, roles } = this;
    let count = 0;
    for (let q = 0; q < query.indices.length; q++) {
      const list = this.postings[query.indices[q]!];
      if (!list) continue;
      const w = query.values[q]!;
      const { docs, values, length } = list;
      for (let p = 0; p < length; p++) {
        const doc = docs[p]!;
        if (scores[doc] === 0) touched[count++] = doc;
        scores[doc]! += w * values[p]!;
      }
    }
    const skipped = skipKey === undefined ? undefined : this.byKey.get(skipKey);
    const saved = skipped?.map((h) => roles[h]!);
    if (skipped) for (const h of skipped) roles[h] = 0;

    // Keep the best k of each want in small sorted typed arrays: k is tiny, the touched set is not.
    const lists = wants.map((w) => ({ docs: new Int32Array(w.k), sims: new Float64Array(w.k), n: 0 }));
    for (let t = 0; t < count; t++) {
      const doc = touched[t]!;
      const similarity = scores[doc]!;
      scores[doc] = 0;
      const r = roles[doc]!;
      if (r === 0) continue;
      for (let w = 0; w < wants.length; w++) {
        const want = wants[w]!;
        if ((r & want.roles) === 0 || want.k === 0) continue;
        const best = lists[w]!;
        const { sims, docs } = best;
        if (best.n === want.k && similarity <= sims[best.n - 1]!) continue;
        // Insert after every equal or better one (ties: the earlier-touched first), dropping the last when full.
        let at = best.n < want.k ? best.n++ : want.k - 1;
        while (at > 0 && sims[at - 1]! < similarity) {
          sims[at] = sims[at - 1]!;
          docs[at] = docs[at - 1]!;
          at--;
        }
        sims[at] = similarity;
        docs[at] = doc;
      }
    }
    if (skipped) skipped.forEach((h, i) => (roles[h] = saved![i]!));
    return lists.map((l) => Array.from(l.docs.subarray(0, l.n), (doc, i) => ({ item: this.items[doc]!, similarity: l.sims[i]! })));
  }
}

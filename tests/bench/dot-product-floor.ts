import type { Entry } from '../../src/core/list.js';

/**
 * The floor scoring is measured against: the least a scorer over the same list can do — lower-case
 * words of title and abstract, term counts in a Map, one inverted-index dot product with the list's
 * titles, the best similarity. No stemming, no bigrams, no model, no sections, no why.
 */
export class DotProductFloor {
  private readonly postings = new Map<string, { doc: number; weight: number }[]>();
  private readonly docs: number;

  constructor(entries: readonly Entry[]) {
    this.docs = entries.length;
    entries.forEach((e, doc) => {
      const titleWords = new Set(words(e.title));
      for (const w of titleWords) {
        let list = this.postings.get(w);
        if (!list) this.postings.set(w, (list = []));
        list.push({ doc, weight: 1 / Math.sqrt(titleWords.size) });
      }
    });
  }

  /** The best dot product of the paper's term counts with a list title. */
  score(paper: { title: string; abstract: string }): number {
    const tf = new Map<string, number>();
    for (const w of words(`${paper.title} ${paper.abstract}`)) tf.set(w, (tf.get(w) ?? 0) + 1);
    const scores = new Float64Array(this.docs);
    for (const [w, n] of tf) for (const p of this.postings.get(w) ?? []) scores[p.doc]! += n * p.weight;
    let best = 0;
    for (const s of scores) if (s > best) best = s;
    return best;
  }
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

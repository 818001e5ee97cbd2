import MiniSearch, { type Options } from 'minisearch';
import { arxivIdFromText } from '../core/arxiv-id.js';
import { type CatalogueItem, type Completion, type Entry, type EntryKind, type ListIndex, type SearchFilters, type SearchHit, venueLabel } from '../core/list.js';
import { groupEntries } from './catalogue-item.js';
import { MultiMap } from './multi-map.js';
import { fieldsWithText, type IndexedDoc, toDocument } from './search-document.js';
import { foldText, normaliseQuery, titleKey } from '../core/query-text.js';
import { boundingTerms, completionTerms, type Pass, passOptions, queryWords, searchPasses } from './query-plan.js';
import { processTerm, tokenize } from './tokenize.js';
import { lookUpTyposInVocabulary } from './typo-lookup.js';
import { Vocabulary } from './vocabulary.js';

/**
 * The one place MiniSearch options live (`loadJSON` and any second index must use the same ones).
 * Acronyms weigh most so `CLIP` ranks CLIP above papers that merely mention it, and prefix/fuzzy
 * matches weigh less than exact ones: exact beats prefix beats fuzzy.
 */
export const MINISEARCH_OPTIONS: Options<IndexedDoc> = {
  fields: ['title', 'acronym', 'venue', 'sections', 'abstract', 'authors'],
  storeFields: [],
  // An acronym is one name: `Clip-Adapter` must not match `CLIP` exactly through its acronym.
  tokenize: (text, field) => (field === 'acronym' ? (text ? [text] : []) : tokenize(text)),
  processTerm,
  searchOptions: {
    boost: { acronym: 4, title: 2, venue: 1, authors: 1, sections: 0.5, abstract: 0.3 },
    weights: { prefix: 0.35, fuzzy: 0.15 },
  },
};

/**
 * Full-text search over the catalogue (MiniSearch). Built from parsed entries in a few ms; rebuild
 * it when the list changes (approvals do). Queries are normalised and capped (see `normaliseQuery`);
 * a query over the cap throws a UserError, never a slow scan.
 *
 * Search runs in passes and stops at the first that finds something: all words as typed (the last
 * one also as a prefix, from 3 characters; typo tolerance for long words the index lacks), then all
 * words loosened, then any word — see `searchPasses`, which plans them from the index's vocabulary
 * so that no pass is run that cannot match, and a correctly spelled word is not fuzzy-matched
 * until the first pass has found nothing.
 */
export class SearchIndex implements ListIndex {
  readonly items: readonly CatalogueItem[];
  private readonly mini: MiniSearch<IndexedDoc>;
  private readonly vocabulary: Vocabulary;
  private readonly byArxiv = new MultiMap<string, CatalogueItem>();
  /** Items by a hash of their normalised title and of their acronym (see `named`). */
  private readonly byName = new MultiMap<number, CatalogueItem>();

  private constructor(items: CatalogueItem[]) {
    this.items = items;
    // MINISEARCH_OPTIONS, plus what this index knows once built: the fields with text, a processTerm
    // that also notes each term's entries for the vocabulary (same results), and queries arriving
    // pre-tokenised.
    let entriesOf: Map<string, number[]> | undefined = new Map();
    let current = 0;
    const indexTerm = MINISEARCH_OPTIONS.processTerm!;
    const docs = items.map(toDocument);
    // Only the fields some item has text in: every query pays for each field it looks in, and a
    // plain list has no abstracts or authors.
    const fields = fieldsWithText(docs, MINISEARCH_OPTIONS.fields);
    this.mini = new MiniSearch<IndexedDoc>({
      ...MINISEARCH_OPTIONS,
      fields,
      processTerm: (term, field) => {
        const t = indexTerm(term, field);
        if (typeof t === 'string' && t && entriesOf) {
          const ids = entriesOf.get(t);
          // Entries are added in id order, so an id already noted is the last one.
          if (!ids) entriesOf.set(t, [current]);
          else if (ids[ids.length - 1] !== current) ids.push(current);
        }
        return t;
      },
      // Queries reach MiniSearch already tokenised and folded by the planner, joined by spaces.
      searchOptions: { ...MINISEARCH_OPTIONS.searchOptions, tokenize: splitOnSpaces, processTerm: asIs },
    });
    // What addAll does, noting which entry the terms come from.
    for (const doc of docs) {
      current = doc.id;
      this.mini.add(doc);
    }
    this.vocabulary = new Vocabulary(entriesOf, items.length);
    entriesOf = undefined;
    lookUpTyposInVocabulary(this.mini, this.vocabulary);
    for (const item of items) {
      if (item.arxivId) this.byArxiv.add(item.arxivId, item);
      this.byName.add(hashKey(titleKey(item.title)), item);
      if (item.acronym) this.byName.add(hashKey(titleKey(item.acronym)), item);
    }
  }

  static build(entries: readonly Entry[]): SearchIndex {
    return new SearchIndex(groupEntries(entries));
  }

  get size(): number {
    return this.items.length;
  }

  /** Ranked hits for a query (may be empty when filters are given: then all items that pass). */
  search(query: string, filters: SearchFilters = {}, limit = 50): SearchHit[] {
    const q = normaliseQuery(query);
    const filter = makeFilter(this.items, filters);
    if (!q) return this.items.filter((i) => !filter || filter(i.id)).slice(0, limit).map((item) => ({ item, score: 0, terms: [] }));
    for (const pass of searchPasses(queryWords(q), this.vocabulary)) {
      const results = this.run(pass, filter);
      if (results.length) {
        return results.slice(0, limit).map((r) => ({ item: this.items[r.id as number]!, score: r.score, terms: r.terms }));
      }
    }
    return [];
  }

  /**
   * Autosuggest on titles and acronyms, for options that name a paper/dataset (Discord
   * autocomplete): ≤ 25 choices, each name and value within 100 characters. Every word matches as
   * a prefix. Empty input lists the first items of the list.
   */
  complete(partial: string, kind?: EntryKind, limit = 25): Completion[] {
    let q: string;
    try {
      q = normaliseQuery(partial);
    } catch {
      return [];
    }
    const ofKind = kind ? (id: number) => this.items[id]!.kind === kind : undefined;
    let hits: CatalogueItem[];
    if (q) {
      const terms = completionTerms(queryWords(q), this.vocabulary);
      hits = terms ? this.run({ combineWith: 'AND', terms }, ofKind).map((r) => this.items[r.id as number]!) : [];
    } else {
      hits = this.items.filter((i) => !kind || i.kind === kind);
    }
    return hits.slice(0, Math.min(limit, 25)).map((item) => ({
      name: clip(item.acronym && !item.title.startsWith(item.acronym) ? `${item.acronym}: ${item.title}` : item.title, 100),
      value: item.arxivId ?? clip(item.title, 100),
    }));
  }

  /**
   * One planned query. An AND runs only over the entries that hold all its bounding terms (see
   * `boundingTerms`), and not at all when none does: the entries it skips could not be in its
   * result, so the result is the same, and MiniSearch scores only entries that can be.
   */
  private run(pass: Pass, allowed?: (id: number) => boolean) {
    const bounding = boundingTerms(pass);
    if (!bounding) return this.runOnce(pass, allowed && ((id) => (allowed(id) ? 1 : 0)));
    const within = this.vocabulary.entriesWithAll(bounding);
    if (!within.size) return [];
    return this.runOnce(pass, allowed ? (id) => (within.has(id) && allowed(id) ? 1 : 0) : within.boost);
  }

  /**
   * `boost` is MiniSearch's document boost, called for every posting of every term: 0 for an entry
   * that cannot or may not be returned (it costs no scoring), 1 for the rest (scores stay as they are).
   */
  private runOnce(pass: Pass, boost?: (id: number) => number) {
    const options = passOptions(pass);
    if (boost) options.boostDocument = boost;
    return this.mini.search(pass.terms.map((t) => t.term).join(' '), options);
  }

  /**
   * Finds one item by reference: an arXiv id or URL, an exact title or acronym (case-insensitive),
   * else the best search hit whose title/acronym starts with the text. Undefined when nothing fits.
   */
  find(ref: string, kind?: EntryKind): CatalogueItem | undefined {
    const q = normaliseQuery(ref);
    if (!q) return undefined;
    const ok = (i: CatalogueItem) => !kind || i.kind === kind;
    const id = arxivIdFromText(q);
    if (id) {
      const hit = this.byArxiv.get(id).find(ok);
      if (hit) return hit;
    }
    const exact = this.named(q).find(ok);
    if (exact) return exact;
    const top = this.search(q, kind ? { kind } : {}, 5)[0];
    return top?.item;
  }

  /**
   * The item a parsed row belongs to: rows are grouped by arXiv id, else by normalised title, so
   * it is among the items under that key (no map from every row to its item is kept).
   */
  itemOf(entry: Entry): CatalogueItem | undefined {
    const near = entry.arxivId ? this.byArxiv.get(entry.arxivId) : this.named(entry.title);
    return near.find((item) => item.entries.includes(entry));
  }

  /** All items with this arXiv id (a paper and a dataset row may share one). */
  byArxivId(id: string): readonly CatalogueItem[] {
    return this.byArxiv.get(id);
  }

  /** Items whose normalised title equals this one (dedupe of papers linked through a venue PDF). */
  byTitle(title: string): readonly CatalogueItem[] {
    return this.named(title);
  }

  /**
   * Items whose normalised title or acronym equals that of `text`. The map is keyed by a hash so
   * it keeps no second copy of every title; candidates are checked against the text itself.
   */
  private named(text: string): CatalogueItem[] {
    const key = titleKey(text);
    return this.byName.get(hashKey(key)).filter((i) => titleKey(i.title) === key || (i.acronym !== undefined && titleKey(i.acronym) === key));
  }

  /**
   * Nearest items to a text (a title or title + abstract): the words of the text, any-word matching,
   * ranked by MiniSearch's BM25, excluding `exclude`.
   */
  similar(text: string, limit = 5, exclude?: CatalogueItem): SearchHit[] {
    const words = tokenize(text.normalize('NFKC'))
      .map((t) => processTerm(t))
      .filter((t): t is string => Boolean(t) && t!.length > 2);
    const query = [...new Set(words)].slice(0, 40).join(' ');
    if (!query) return [];
    return this.mini
      .search(query, {
        // Tokenised again the way the index is (compounds split once more): its ranking stays as it was.
        tokenize: MINISEARCH_OPTIONS.tokenize,
        processTerm: MINISEARCH_OPTIONS.processTerm,
        combineWith: 'OR',
        prefix: false,
        fuzzy: false,
        boost: { title: 2, acronym: 1, sections: 1, abstract: 0.5 },
        filter: (r) => r.id !== exclude?.id,
      })
      .slice(0, limit)
      .map((r) => ({ item: this.items[r.id as number]!, score: r.score, terms: r.terms }));
  }
}

/** The filters as one predicate on item ids, or undefined when there are none. */
function makeFilter(items: readonly CatalogueItem[], f: SearchFilters): ((id: number) => boolean) | undefined {
  const section = f.section ? foldText(f.section.trim()) : undefined;
  const venue = f.venue ? foldText(f.venue.trim()) : undefined;
  if (!section && !venue && f.kind === undefined && f.hasCode === undefined && f.yearFrom === undefined && f.yearTo === undefined) {
    return undefined;
  }
  return (id) => {
    const item = items[id]!;
    if (f.kind && item.kind !== f.kind) return false;
    if (f.hasCode !== undefined && item.hasCode !== f.hasCode) return false;
    if (f.yearFrom !== undefined && (item.year === undefined || item.year < f.yearFrom)) return false;
    if (f.yearTo !== undefined && (item.year === undefined || item.year > f.yearTo)) return false;
    if (venue && !foldText(venueLabel(item)).startsWith(venue)) return false;
    if (section && !item.sections.some((path) => path.some((h) => foldText(h).includes(section)))) return false;
    return true;
  };
}

const splitOnSpaces = (query: string) => query.split(' ');
const asIs = (term: string) => term;

/** 32-bit FNV-1a: a compact key for a string kept elsewhere. */
function hashKey(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Cuts at a word boundary within `max` characters, adding an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

import type { Catalogue } from '../catalogue/catalogue.js';
import { CatalogueStore, type CatalogueStoreOptions } from '../catalogue/store.js';
import { SearchIndex } from './search-index.js';

/** The live list with its search index: what the bot serves. */
export type LiveCatalogue = CatalogueStore<SearchIndex>;

/** Opens the list at `file` with a search index that is rebuilt whenever the list changes. */
export function openCatalogue(file: string, options: Omit<CatalogueStoreOptions<SearchIndex>, 'buildIndex'> = {}): Promise<LiveCatalogue> {
  return CatalogueStore.open(file, { ...options, buildIndex: (c: Catalogue) => SearchIndex.build(c.entries) });
}

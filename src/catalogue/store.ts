import { promises as fs } from 'node:fs';
import { SearchIndex } from '../search/search-index.js';
import { writeFileAtomic } from './atomic-write.js';
import { Catalogue } from './catalogue.js';

/** The list file could not be read or is not a survey list. */
export class SurveyFileError extends Error {
  override name = 'SurveyFileError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`catalogue: ${message}: ${file}`);
  }
}

/**
 * The live list: the parsed file plus its search index, swapped together when the file changes.
 * Writes are serialised (one at a time, in call order) and atomic, so readers always see a
 * complete list and the file on disk is always either the old or the new version.
 */
export class CatalogueStore {
  private current: Catalogue;
  private currentIndex: SearchIndex;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(c: Catalogue) => void>();

  constructor(
    readonly file: string,
    catalogue: Catalogue,
  ) {
    this.current = catalogue;
    this.currentIndex = SearchIndex.build(catalogue.entries);
  }

  /** Reads and parses the list file. Throws SurveyFileError naming the file when it cannot be read. */
  static async open(file: string): Promise<CatalogueStore> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new SurveyFileError(file, code === 'ENOENT' ? 'the list file does not exist (set SURVEY_PATH)' : `cannot read the list file (${code ?? String(err)})`);
    }
    return new CatalogueStore(file, Catalogue.parse(text));
  }

  get catalogue(): Catalogue {
    return this.current;
  }

  get index(): SearchIndex {
    return this.currentIndex;
  }

  /** Called after every successful write with the new catalogue. Returns an unsubscribe function. */
  onChange(listener: (c: Catalogue) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies `edit` to the current list, writes the result atomically and swaps it in.
   * Edits run one at a time; if `edit` or the write throws, nothing changes.
   */
  update<T extends { catalogue: Catalogue }>(edit: (current: Catalogue) => T | Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const result = await edit(this.current);
      if (result.catalogue !== this.current) {
        await writeFileAtomic(this.file, result.catalogue.render());
        this.swap(result.catalogue);
      }
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private swap(next: Catalogue) {
    this.current = next;
    this.currentIndex = SearchIndex.build(next.entries);
    for (const l of this.listeners) l(next);
  }
}

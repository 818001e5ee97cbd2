import { Catalogue } from './catalogue.js';
import { ListFile, type ListSession } from './list-file.js';
import type { ListLockOptions } from './list-lock.js';
import { followFile, type FollowOptions } from './follow-file.js';
import { checkList, entryChanges } from './validate.js';
import { errorMessage } from '../core/errors.js';

export { SurveyFileError } from './list-file.js';

/** The logging the store needs (core's Logger fits). */
interface StoreLog {
  info(msg: string, extra?: Record<string, unknown>): void;
  warn(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

export interface CatalogueStoreOptions<I> {
  /** Builds the search index of a version of the list (rebuilt whenever the list changes). */
  buildIndex: (catalogue: Catalogue) => I;
  log?: StoreLog;
  lock?: ListLockOptions;
}

/** What the store is serving, for `stats` and the logs. */
export interface CatalogueStatus {
  /** SURVEY_PATH as configured. */
  file: string;
  /** When the version being served was read (ms since the epoch). */
  loadedAt: number;
  /**
   * Set while the file on disk cannot be served (it no longer parses as a list, or cannot be
   * read): the store keeps serving the last good version.
   */
  reloadError?: { message: string; since: number };
}

const SILENT: StoreLog = { info() {}, warn() {}, error() {} };

/**
 * The live list: the parsed file plus its search index, swapped together, so readers always see a
 * complete version.
 *
 * The file is the source of truth and it is shared: {@link edit} and {@link modify} change it
 * under the cross-process lock, from the file as it is on disk at that moment (never from the copy
 * held here), and {@link follow} picks up what others wrote — a maintainer's edit, a `git pull`,
 * another curator process — re-parsing and re-indexing it. A version that does not parse as a list
 * is not loaded: the last good one keeps being served and {@link status} says why.
 */
export class CatalogueStore<I = unknown> {
  private current: Catalogue;
  private currentIndex: I;
  private currentStatus: CatalogueStatus;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(c: Catalogue) => void>();
  private readonly listFile: ListFile;
  private readonly log: StoreLog;
  private stopFollowing?: () => void;
  private reloading?: Promise<void>;
  private reloadAgain = false;

  private constructor(
    readonly file: string,
    catalogue: Catalogue,
    private readonly options: CatalogueStoreOptions<I>,
  ) {
    this.listFile = new ListFile(file, options.lock);
    this.log = options.log ?? SILENT;
    this.current = catalogue;
    this.currentIndex = options.buildIndex(catalogue);
    this.currentStatus = { file, loadedAt: Date.now() };
  }

  /**
   * Reads and parses the list file, and removes temp files that killed writes left beside it.
   * Throws SurveyFileError naming the file when it cannot be read.
   */
  static async open<I>(file: string, options: CatalogueStoreOptions<I>): Promise<CatalogueStore<I>> {
    const listFile = new ListFile(file, options.lock);
    const store = new CatalogueStore(file, Catalogue.parse(await listFile.read()), options);
    try {
      const removed = await listFile.removeLeftovers();
      if (removed.length) store.log.info('catalogue: removed temp files an interrupted write left beside the list', { files: removed });
    } catch (err) {
      store.log.warn('catalogue: could not remove stale temp files beside the list', { error: errorMessage(err) });
    }
    return store;
  }

  get catalogue(): Catalogue {
    return this.current;
  }

  get index(): I {
    return this.currentIndex;
  }

  get status(): CatalogueStatus {
    return this.currentStatus;
  }

  /** Called with the new catalogue whenever the served list changes (our writes and reloads). Returns an unsubscribe function. */
  onChange(listener: (c: Catalogue) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs `fn` holding the list's cross-process lock; whatever it writes through the session is
   * served at once. Edits of this process run one at a time, in call order.
   */
  edit<T>(fn: (session: ListSession) => Promise<T>): Promise<T> {
    const run = this.queue.then(() =>
      this.listFile.change((session) =>
        fn({
          ...session,
          modify: async (plan, hooks) => {
            const result = await session.modify(plan, hooks);
            if (result.written) this.swap(result.catalogue);
            return result;
          },
          replace: async (text) => {
            await session.replace(text);
            this.swap(Catalogue.parse(text));
          },
        }),
      ),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Applies `plan` to the list as it is on disk now, under the lock, and writes the result (see
   * {@link ListSession.modify}); if `plan` or the write throws, nothing changes.
   */
  modify: ListSession['modify'] = (plan, hooks) => this.edit((session) => session.modify(plan, hooks));

  /**
   * Reads the file again and serves it if it changed: re-parsed, re-indexed, the change logged. A
   * version that is not a list is not served (see {@link status}). Concurrent calls share one read.
   */
  reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        await this.reloadOnce();
      } while (this.reloadAgain);
    })().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  /**
   * Follows the file: reloads when it changes on disk, in place or by rename (a watcher on its
   * directory, and a stat poll every `pollMs` for file systems where watching misses events).
   * Returns a function that stops following; {@link close} does too.
   */
  follow(options: FollowOptions = {}): () => void {
    this.stopFollowing?.();
    const stop = followFile(this.file, () => void this.reload(), options);
    this.stopFollowing = () => {
      stop();
      this.stopFollowing = undefined;
    };
    return this.stopFollowing;
  }

  /** Stops following the file; resolves when a reload under way has finished. */
  async close(): Promise<void> {
    this.stopFollowing?.();
    await this.reloading;
    await this.queue;
  }

  private async reloadOnce() {
    let text: string;
    try {
      text = await this.listFile.read();
    } catch (err) {
      this.failReload(errorMessage(err));
      return;
    }
    if (text === this.current.render()) {
      this.recovered();
      return;
    }
    let next: Catalogue;
    try {
      next = checkList(text, this.file);
    } catch (err) {
      this.failReload(errorMessage(err));
      return;
    }
    const { added, removed } = entryChanges(this.current, next);
    this.recovered();
    this.swap(next);
    this.log.info('catalogue: the list changed on disk; reloaded', {
      file: this.file,
      entries: next.entries.length,
      added: added.length,
      removed: removed.length,
      ...(added.length && { addedTitles: added.slice(0, 5).map((e) => e.title) }),
      ...(removed.length && { removedTitles: removed.slice(0, 5).map((e) => e.title) }),
    });
  }

  private failReload(message: string) {
    if (this.currentStatus.reloadError?.message === message) return;
    this.currentStatus = { ...this.currentStatus, reloadError: { message, since: Date.now() } };
    this.log.error('catalogue: the list file on disk cannot be served; still serving the last good version', { file: this.file, error: message, entries: this.current.entries.length });
  }

  private recovered() {
    if (!this.currentStatus.reloadError) return;
    this.currentStatus = { file: this.file, loadedAt: this.currentStatus.loadedAt };
    this.log.info('catalogue: the list file on disk is a list again', { file: this.file });
  }

  private swap(next: Catalogue) {
    this.current = next;
    this.currentIndex = this.options.buildIndex(next);
    this.currentStatus = { file: this.file, loadedAt: Date.now() };
    for (const l of this.listeners) l(next);
  }
}

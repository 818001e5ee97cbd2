/**
 * The list file as a shared resource. Maintainers edit it by hand and `git pull` into it, and
 * several curator processes (the bot, `curator ask`, `curator import`) may change it at the same
 * moment, so every change is: take the cross-process lock, read the file as it is on disk now,
 * apply one change to that text, write it atomically, release. Nothing is ever written from a
 * copy held in memory.
 */
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isOurTempFile, writeFileAtomic, writeTarget } from './atomic-write.js';
import type { Catalogue } from './catalogue.js';
import { type HeldLock, isListLocked, type ListLockOptions, lockPathFor, withListLock } from './list-lock.js';
import { checkList, NotAListError } from './validate.js';

/** The list file could not be read, or is not a list we may write over. */
export class SurveyFileError extends Error {
  override name = 'SurveyFileError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`catalogue: ${message}: ${file}`);
  }
}

/** The file as read at one moment: its text and the stat that identifies that version. */
export interface ListSnapshot {
  text: string;
  /** Undefined when the file does not exist. */
  stat?: Stats;
}

/** A change whose plan returned the catalogue unchanged writes nothing. */
export type Planned<R> = R & { catalogue: Catalogue };

export interface ModifyHooks<R> {
  /**
   * Called with the plan's result right before it is written (again if the file changed
   * underfoot and the plan was made again): where a caller records what it is about to write, so
   * that a crash during the write can be settled afterwards. Must be idempotent.
   */
  beforeWrite?(result: Planned<R>): void | Promise<void>;
}

/** What a change may do while it holds the lock. */
export interface ListSession {
  /** The file written (symlinks followed). */
  readonly target: string;
  /**
   * Reads the list as it is on disk now and applies `plan` to it; writes the result atomically
   * unless the plan returns the catalogue it was given. If someone who does not take our lock (an
   * editor, git) changes the file between the read and the rename, it is read and planned again,
   * so their edit is kept. Throws a {@link SurveyFileError} (writing nothing) when the file on
   * disk is not a list or not valid UTF-8.
   */
  modify<R>(plan: (current: Catalogue) => Planned<R>, hooks?: ModifyHooks<R>): Promise<Planned<R> & { written: boolean }>;
  /** The list as it is on disk now (strict, like {@link modify}). */
  read(): Promise<Catalogue>;
  /** Replaces the whole file (import): the text must be a list. */
  replace(text: string): Promise<void>;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LENIENT_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
/** Re-reads when the file changes during a read; tries again when it changes before our rename. */
const MAX_READS = 8;
/**
 * A change made again each time someone who does not take the lock writes in between: people and
 * git write seconds apart, so a few tries always do; the bound only stops a writer that never
 * pauses (a jittered pause between tries keeps two such writers from locking step).
 */
const MAX_WRITE_ATTEMPTS = 50;

/**
 * The file changed between our read and our rename (someone who does not take our lock wrote it).
 * `lostVersion`: what they wrote into the file our rename had already replaced.
 */
class ChangedUnderfoot extends Error {
  constructor(readonly lostVersion?: Buffer) {
    super('catalogue: the list changed while it was being written');
  }
}

export class ListFile {
  constructor(
    /** SURVEY_PATH as configured (it may be a symlink). */
    readonly file: string,
    private readonly lockOptions: ListLockOptions = {},
  ) {}

  /**
   * Reads the list for serving: a consistent version (the read is repeated if the file changed
   * during it). Undecodable bytes become U+FFFD here; writes use {@link change}, which refuses them.
   */
  async read(): Promise<string> {
    return LENIENT_UTF8.decode((await this.readStable(await writeTarget(this.file))).bytes);
  }

  /** Runs `fn` holding the list's cross-process lock (see the module comment). */
  async change<T>(fn: (session: ListSession) => Promise<T>): Promise<T> {
    const target = await writeTarget(this.file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    return withListLock(target, (lock) => fn(this.session(target, lock)), this.lockOptions);
  }

  /**
   * Removes what killed writers left beside the list: our temp files, and a lock that went stale.
   * Under the lock, so a temp file of a live writer (which holds the lock while its temp file
   * exists) is never touched; taking a stale lock removes it. Resolves to the temp files removed.
   */
  async removeLeftovers(): Promise<string[]> {
    const target = await writeTarget(this.file);
    const dir = path.dirname(target);
    const ours = async () => (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => isOurTempFile(path.basename(target), n));
    const staleLock = async () => (await fs.stat(lockPathFor(target)).then(() => true, () => false)) && !(await isListLocked(target, this.lockOptions));
    if (!(await ours()).length && !(await staleLock())) return [];
    return withListLock(
      target,
      async () => {
        const removed = await ours();
        await Promise.all(removed.map((n) => fs.rm(path.join(dir, n), { force: true })));
        return removed;
      },
      this.lockOptions,
    );
  }

  private session(target: string, lock: HeldLock): ListSession {
    const write = async (text: string, expected: Stats | undefined) => {
      lock.assertHeld();
      // Held open across the rename: an in-place write to the version we replace, landing after
      // our last check, shows on this handle, and the change is made again on their text.
      const replaced = expected && (await fs.open(target, 'r').catch(() => undefined));
      try {
        await writeFileAtomic(target, text, {
          beforeRename: async () => {
            lock.assertHeld();
            if (!sameVersion(expected, await statOrUndefined(target))) throw new ChangedUnderfoot();
          },
        });
        if (replaced && !sameContent(expected, await replaced.stat())) throw new ChangedUnderfoot(await replaced.readFile());
      } finally {
        await replaced?.close();
      }
    };
    return {
      target,
      read: async () => this.strictList((await this.readStable(target)).bytes, target),
      modify: async (plan, hooks) => {
        let theirs: Buffer | undefined;
        for (let attempt = 1; ; attempt++) {
          const read = await this.readStable(target);
          const current = this.strictList(theirs ?? read.bytes, target);
          const result = plan(current);
          if (result.catalogue === current && !theirs) return { ...result, written: false };
          await hooks?.beforeWrite?.(result);
          try {
            await write(result.catalogue.render(), read.stat);
            return { ...result, written: true };
          } catch (err) {
            if (!(err instanceof ChangedUnderfoot) || attempt >= MAX_WRITE_ATTEMPTS) throw err;
            // Their version, written to the file we just replaced, is the newest text there is.
            theirs = err.lostVersion;
            await sleep(Math.random() * 20);
          }
        }
      },
      replace: async (text) => {
        checkList(text, target);
        for (let attempt = 1; ; attempt++) {
          try {
            return await write(text, await statOrUndefined(target));
          } catch (err) {
            if (!(err instanceof ChangedUnderfoot) || attempt >= MAX_WRITE_ATTEMPTS) throw err;
            await sleep(Math.random() * 20);
          }
        }
      },
    };
  }

  /** The list on disk as a Catalogue we may write over: valid UTF-8, and a list. */
  private strictList(bytes: Buffer, target: string): Catalogue {
    let text: string;
    try {
      text = STRICT_UTF8.decode(bytes);
    } catch {
      throw new SurveyFileError(target, 'the list file is not valid UTF-8, so it cannot be rewritten without changing bytes; nothing was written');
    }
    try {
      return checkList(text, target);
    } catch (err) {
      if (err instanceof NotAListError) throw new SurveyFileError(target, `the list file on disk ${err.reason}; fix it first, nothing was written`);
      throw err;
    }
  }

  /** Bytes of one version of the file: read again when its stat changed while reading. */
  private async readStable(target: string): Promise<{ bytes: Buffer; stat?: Stats }> {
    for (let attempt = 1; ; attempt++) {
      const before = await statOrUndefined(target);
      const bytes = await fs.readFile(target).catch((err: NodeJS.ErrnoException) => {
        throw new SurveyFileError(this.file, err.code === 'ENOENT' ? 'the list file does not exist (set SURVEY_PATH)' : `cannot read the list file (${err.code ?? err.message})`);
      });
      const after = await statOrUndefined(target);
      if (sameVersion(before, after) || attempt >= MAX_READS) return { bytes, stat: after };
      await sleep(5 * attempt);
    }
  }
}

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  return fs.stat(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
}

/** Same inode, size and modification time: nobody wrote into it (a rename over it changes only its ctime). */
function sameContent(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** Same inode, size and modification/change times: the version we read is still the one on disk. */
function sameVersion(a: Stats | undefined, b: Stats | undefined): boolean {
  if (!a || !b) return a === b;
  return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

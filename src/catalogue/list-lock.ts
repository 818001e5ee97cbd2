import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** proper-lockfile (and the graceful-fs it patches in), loaded by the first change: reads never need it. */
const lockfile = async () => (await import('proper-lockfile')).default;

/** Another process held the list's lock for longer than we were willing to wait. */
export class ListLockTimeoutError extends Error {
  override name = 'ListLockTimeoutError';
  constructor(
    readonly lockPath: string,
    waitedMs: number,
  ) {
    super(`catalogue: the list is locked by another process (${lockPath}) and stayed locked for ${Math.round(waitedMs / 1000)} s; try again, or remove that directory if no curator process is running.`);
  }
}

/** Our hold on the lock was lost while we worked (it looked stale to another process). */
export class ListLockLostError extends Error {
  override name = 'ListLockLostError';
  constructor(readonly lockPath: string) {
    super(`catalogue: lost the list lock (${lockPath}) while changing the list; nothing was written, try again.`);
  }
}

export interface ListLockOptions {
  /**
   * A lock whose holder stopped refreshing it for this long counts as left by a crashed process
   * and is taken over (proper-lockfile's `stale`, at least 2000). Every process sharing a list
   * must use the same value. Default 10000.
   */
  staleMs?: number;
  /** How long to wait for a live holder before giving up. Default: twice the stale time plus 10 s. */
  waitMs?: number;
}

export const DEFAULT_LOCK_STALE_MS = 10_000;

/** The lock beside `target`: an empty directory, so git never shows it (it lives only while held). */
export function lockPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.lock`);
}

/** True while a live process holds the lock of `target` (a lock left by a crashed process is not held). */
export async function isListLocked(target: string, options: ListLockOptions = {}): Promise<boolean> {
  return (await lockfile()).check(target, { realpath: false, lockfilePath: lockPathFor(target), stale: staleOf(options) });
}

const staleOf = (options: ListLockOptions) => Math.max(options.staleMs ?? DEFAULT_LOCK_STALE_MS, 2000);

/** The lock being held: `lost` turns true if another process took it over meanwhile. */
export interface HeldLock {
  readonly lost: boolean;
  /** Throws {@link ListLockLostError} when the lock was lost: call right before committing a change. */
  assertHeld(): void;
}

/**
 * Runs `fn` holding the exclusive lock of `target` shared by every process (proper-lockfile's
 * atomic mkdir, safe on network file systems, refreshed while held). A holder that crashed is
 * recognised by its lock going stale and taken over; a live holder is waited for.
 */
export async function withListLock<T>(target: string, fn: (lock: HeldLock) => Promise<T>, options: ListLockOptions = {}): Promise<T> {
  const lockPath = lockPathFor(target);
  const staleMs = staleOf(options);
  const waitMs = options.waitMs ?? staleMs * 2 + 10_000;
  let lost = false;
  const held: HeldLock = {
    get lost() {
      return lost;
    },
    assertHeld() {
      if (lost) throw new ListLockLostError(lockPath);
    },
  };
  const release = await acquire(target, lockPath, staleMs, waitMs, () => (lost = true));
  try {
    return await fn(held);
  } finally {
    // A lost lock is no longer ours to remove; proper-lockfile says so with ERELEASED.
    await release().catch(() => undefined);
  }
}

async function acquire(target: string, lockPath: string, staleMs: number, waitMs: number, onLost: () => void): Promise<() => Promise<void>> {
  const start = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await (await lockfile()).lock(target, { realpath: false, lockfilePath: lockPath, stale: staleMs, onCompromised: onLost });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      if (Date.now() - start >= waitMs) throw new ListLockTimeoutError(lockPath, Date.now() - start);
      // Jittered, growing pauses: two waiters do not wake in step, and a long wait polls slowly.
      await sleep(Math.min(250, 10 * 1.5 ** attempt) * (0.5 + Math.random()));
    }
  }
}

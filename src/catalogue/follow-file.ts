import { realpathSync, type Stats, unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface FollowOptions {
  /** The stat poll's interval (ms), the fallback when watch events are missed. Default 1000. */
  pollMs?: number;
  /** Events closer together than this make one call (an editor's save is several events). Default 50. */
  debounceMs?: number;
  /** Use the directory watcher (default true); false leaves only the poll, as on file systems without events. */
  watch?: boolean;
}

/**
 * Calls `onChange` soon after `file` changes on disk, in place or replaced by a rename (as git
 * and most editors do). Two sources, because neither is enough alone: a watcher on the
 * directory of the file's real path (renames replace the inode a file watcher would follow) and a
 * stat poll of the path itself (network and container file systems can miss watch events; it also
 * sees a symlink re-pointed). The watchers never keep the process alive. Returns a stop function.
 */
export function followFile(file: string, onChange: () => void, options: FollowOptions = {}): () => void {
  const debounceMs = options.debounceMs ?? 50;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const fire = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  };

  const watcher = options.watch === false ? undefined : watchDirectoryOf(realTarget(file), fire);

  const polled = (now: Stats, before: Stats) => {
    if (now.mtimeMs !== before.mtimeMs || now.ino !== before.ino || now.size !== before.size || now.ctimeMs !== before.ctimeMs) fire();
  };
  watchFile(file, { interval: options.pollMs ?? 1000, persistent: false }, polled);

  return () => {
    stopped = true;
    clearTimeout(timer);
    watcher?.close();
    unwatchFile(file, polled);
  };
}

/** Watches the directory for events naming the file; undefined when it cannot be watched (the poll still runs). */
function watchDirectoryOf(target: string, fire: () => void): FSWatcher | undefined {
  try {
    const watcher = watch(path.dirname(target), { persistent: false }, (_event, name) => {
      if (!name || name === path.basename(target)) fire();
    });
    // Removed, or out of inotify watches: the poll carries on alone.
    watcher.on('error', () => watcher.close());
    return watcher;
  } catch {
    return undefined;
  }
}

function realTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

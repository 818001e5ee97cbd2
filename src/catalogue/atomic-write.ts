import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';

/** The file's owner could not be kept (the bot runs as another user than the file's owner). */
export class OwnerNotKeptError extends Error {
  override name = 'OwnerNotKeptError';
  constructor(readonly file: string, uid: number, gid: number) {
    super(`catalogue: cannot keep the owner (uid ${uid}, gid ${gid}) of ${file}; nothing was written. Run the bot as the file's owner.`);
  }
}

export interface AtomicWriteOptions {
  /**
   * Called once the new content is durable in the temp file, right before it replaces the target.
   * Throwing here abandons the write (the temp file is removed, the target untouched).
   */
  beforeRename?: () => void | Promise<void>;
}

/**
 * Our temp files: `.<name>.<pid>.<ms>[.<hex>].tmp` beside the target. Start-up removes the ones a
 * killed writer left (under the list lock, so never a live writer's).
 */
export function isOurTempFile(targetBase: string, name: string): boolean {
  const prefix = `.${targetBase}.`;
  return name.startsWith(prefix) && /^\d+\.\d+(\.[0-9a-f]+)?\.tmp$/.test(name.slice(prefix.length));
}

function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * The file a write to `file` must replace: symlinks are followed (a symlinked SURVEY_PATH gets
 * its target written, the link stays a link). A file that does not exist yet is its own target.
 */
export async function writeTarget(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const link = await fs.lstat(file).catch(() => undefined);
    // A dangling symlink: write where it points, so the link starts working rather than being replaced.
    if (link?.isSymbolicLink()) return writeTarget(path.resolve(path.dirname(file), await fs.readlink(file)));
    return path.resolve(file);
  }
}

/**
 * Replaces `file` with `content` so a crash at any moment leaves either the old or the new file,
 * never a mix: write a temp file beside the target, fsync it, rename over the target, fsync the
 * directory (the rename itself is only durable once the directory entry is flushed).
 *
 * Respects the file: a symlink is followed (its target is replaced), the target's mode and owner
 * are kept (a 0444 or 0640 list stays so), and the temp file is removed on every failure path.
 * Resolves to the path that was written.
 */
export async function writeFileAtomic(file: string, content: string, options: AtomicWriteOptions = {}): Promise<string> {
  const target = await writeTarget(file);
  const existing: Stats | undefined = await fs.stat(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  const tmp = tempPathFor(target);
  // 'wx': never reuse a path someone else made; a new file gets the usual umask-filtered mode.
  const handle = await fs.open(tmp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
  let renamed = false;
  try {
    try {
      await handle.writeFile(content, 'utf8');
      if (existing) await keepModeAndOwner(handle, target, existing);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    await fs.rename(tmp, target);
    renamed = true;
  } finally {
    if (!renamed) await fs.rm(tmp, { force: true });
  }
  const dirHandle = await fs.open(path.dirname(target), 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
  return target;
}

async function keepModeAndOwner(handle: fs.FileHandle, target: string, existing: Stats) {
  const mine = await handle.stat();
  if (mine.uid !== existing.uid || mine.gid !== existing.gid) {
    try {
      await handle.chown(existing.uid, existing.gid);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EPERM') throw new OwnerNotKeptError(target, existing.uid, existing.gid);
      throw err;
    }
  }
  // open() applied the umask (and chown may clear set-id bits): set the exact mode the list had.
  await handle.chmod(existing.mode & 0o7777);
}

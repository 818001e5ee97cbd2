import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Replaces `file` with `content` so a crash at any moment leaves either the old or the new file,
 * never a mix: write a temp file beside it, fsync it, rename over the target, fsync the directory
 * (the rename itself is only durable once the directory entry is flushed).
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await fs.open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  const dirHandle = await fs.open(dir, 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}

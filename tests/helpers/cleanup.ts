import type { ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import type { tempDir } from './fixtures.js';

/**
 * What a test file's processes and temp folders leave behind, cleared after each test: children
 * still running are killed (SIGKILL, like a crash) and temp folders removed. Add to the sets as
 * you make them.
 */
export function cleanUpAfterEach(): { children: Set<ChildProcess>; dirs: ReturnType<typeof tempDir>[] } {
  const children = new Set<ChildProcess>();
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => {
    for (const c of children) c.kill('SIGKILL');
    children.clear();
    dirs.splice(0).forEach((d) => d.cleanup());
  });
  return { children, dirs };
}

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { errorMessage } from '../core/errors.js';

const run = promisify(execFile);

/** Commits failed: the list file is written; only the commit is missing. */
export class GitCommitError extends Error {
  override name = 'GitCommitError';
}

/** True when `file` is inside a git work tree. */
export async function inGitWorkTree(file: string): Promise<boolean> {
  try {
    const { stdout } = await run('git', ['-C', path.dirname(file), 'rev-parse', '--is-inside-work-tree']);
    return stdout.trim() === 'true';
  } catch {
    return false;
  }
}

/**
 * Commits only `file` with `message` (no shell: arguments go to git as they are, so titles from
 * arXiv cannot inject anything). Uses the repository's identity, or `vlm-curator` when it has none.
 */
export async function commitFile(file: string, message: string): Promise<void> {
  const cwd = path.dirname(file);
  const identity = await run('git', ['-C', cwd, 'config', 'user.email']).then(
    () => [],
    () => ['-c', 'user.name=vlm-curator', '-c', 'user.email=vlm-curator@localhost'],
  );
  try {
    await run('git', ['-C', cwd, ...identity, 'commit', '--quiet', '--only', '-m', message, '--', path.basename(file)]);
  } catch (err) {
    throw new GitCommitError(`triage/git: could not commit ${file}: ${((err as { stderr?: string }).stderr || errorMessage(err)).trim()}`);
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './fixtures.js';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunNodeOptions {
  /** Set over this process's environment. */
  env?: Record<string, string>;
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Sees the child as soon as it is spawned (to track it, kill it, watch its output). */
  onSpawn?: (child: ChildProcess) => void;
}

/** Runs `node <args>` in the repository root and collects what it prints. */
export function runNode(args: string[], options: RunNodeOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    options.onSpawn?.(child);
    child.stdin.end(options.input ?? '');
  });
}

/** `curator` from its TypeScript sources (through tsx), so tests always run the code as it is now. */
export const CURATOR_FROM_SOURCE = ['--import', 'tsx', path.join(ROOT, 'src/cli.ts')];

/**
 * Runs `curator …` as a user would (through the package's bin), with extra environment. State goes
 * to a fresh temp DATA_DIR unless the caller names one, so tests never touch the repo's data/.
 */
export async function runCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<ProcessResult> {
  const ownDataDir = env.DATA_DIR === undefined ? mkdtempSync(path.join(os.tmpdir(), 'vlm-data-')) : undefined;
  try {
    return await runNode([...CURATOR_FROM_SOURCE, ...args], {
      env: { DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', ...(ownDataDir && { DATA_DIR: ownDataDir }), ...env },
      input,
    });
  } finally {
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
  }
}

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './fixtures.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `curator …` as a user would (through the package's bin), with extra environment. State goes
 * to a fresh temp DATA_DIR unless the caller names one, so tests never touch the repo's data/.
 */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'src/curator-bin.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'vlm-data-')), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

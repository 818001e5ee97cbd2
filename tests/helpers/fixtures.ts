import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and the shared fixtures beside it (`../shared/fixtures`). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED = path.resolve(ROOT, '../shared/fixtures');
export const SEED_PATH = path.join(SHARED, 'survey/seed-2023.md');

export function readShared(rel: string): string {
  return readFileSync(path.join(SHARED, rel), 'utf8');
}

/** `history/*.md` file names, oldest first. */
export function historyFiles(): string[] {
  return readdirSync(path.join(SHARED, 'survey/history')).filter((f) => f.endsWith('.md')).sort();
}

/**
 * A temp directory with the given files (fs-fixture style): `{ 'survey.md': text }`.
 * Call `cleanup()` in afterEach/afterAll.
 */
export function tempDir(files: Record<string, string> = {}): { dir: string; path(rel: string): string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vlm-curator-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return { dir, path: (rel) => path.join(dir, rel), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

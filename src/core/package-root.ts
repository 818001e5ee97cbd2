import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the package's own files are (`commands/`, `data/relevance-model.json`), whether the code
 * runs from its TypeScript sources (tests, tsx) or from the build in `dist/` (`npm start`, the
 * `curator` bin): the folder of the nearest package.json above this module, and whether this
 * module is part of the build.
 */
export function packageLayout(moduleUrl: string = import.meta.url): { root: string; built: boolean } {
  const here = fileURLToPath(moduleUrl);
  let dir = path.dirname(here);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`core/package-root: no package.json above ${here}`);
    dir = up;
  }
  return { root: dir, built: here.startsWith(path.join(dir, 'dist') + path.sep) };
}

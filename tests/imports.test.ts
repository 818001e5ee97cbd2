/**
 * The map of the code, checked: every relative import of src/, commands/ and tools/ (type-only and
 * dynamic ones too), read with the TypeScript compiler's own pre-processor. No file takes part in
 * an import cycle, and arrows between rooms run one way: adapters and commands → services → core.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

/**
 * The rooms each room may import (besides itself). A room is a folder of src/ (or a top-level file
 * of src/ such as main.ts), or commands/ or tools/. Anything not listed here is refused.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  // The bottom floor: depends on nothing above it.
  core: [],
  db: [],
  config: ['core'],
  catalogue: ['core'],
  search: ['catalogue', 'core'],
  arxiv: ['catalogue', 'core', 'db'],
  relevance: ['catalogue', 'core'],
  triage: ['arxiv', 'relevance', 'search', 'catalogue', 'core', 'db'],
  watch: ['triage', 'arxiv', 'relevance', 'search', 'catalogue', 'core', 'db', 'config'],
  // Where approvals go beyond the local file (GitHub): changes the list with triage's planners.
  publish: ['triage', 'catalogue', 'core', 'db', 'config'],
  // What the adapters plug into: the registry, the live list and the services.
  bot: ['search', 'catalogue', 'core'],
  adapters: ['bot', 'config', 'search', 'catalogue', 'core'],
  // Commands see the list and the services only through core's interfaces on their context.
  commands: ['core'],
  // GET /healthz: a small server that reports what the composition root hands it.
  health: ['core'],
  // Composition roots and entry points.
  main: ['adapters', 'bot', 'config', 'watch', 'triage', 'publish', 'health', 'db', 'core'],
  cli: ['main', 'adapters', 'bot', 'config', 'watch', 'triage', 'publish', 'arxiv', 'search', 'catalogue', 'db', 'core'],
  // Offline tools use the runtime; nothing in the runtime imports them.
  tools: ['relevance', 'arxiv', 'catalogue', 'core'],
};

/** Arrows from the bottom floor upwards that are allowed for now, each with who removes it: none left. */
const KNOWN: readonly string[] = [];

interface Arrow {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.(ts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The relative imports of a file, resolved to repository paths (`./x.js` is the source `./x.ts`). */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const info = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles
    .map((i) => i.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const source = target.replace(/\.js$/, '.ts');
      return known.has(source) ? source : target;
    });
}

function roomOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'src') return parts[0]!;
  return parts.length > 2 ? parts[1]! : parts[1]!.replace(/\.(ts|mjs)$/, '');
}

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const files = ['src', 'commands', 'tools'].flatMap(sourceFiles);
const known = new Set(files);
const graph = new Map(files.map((f) => [f, importsOf(f, known).filter((t) => known.has(t))]));
const arrows: Arrow[] = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));

describe('the import map', () => {
  it('reads every source file and finds the imports (a guard against checking nothing)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get('src/main.ts')).toContain('src/bot.ts');
  });

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('arrows between rooms run one way (see MAY_IMPORT)', () => {
    const wrong = arrows
      .filter(({ from, to }) => roomOf(from) !== roomOf(to))
      .filter(({ from, to }) => !(MAY_IMPORT[roomOf(from)] ?? []).includes(roomOf(to)))
      .map(({ from, to }) => `${from} → ${to}`);
    expect(wrong).toEqual([]);
  });

  it('the bottom floor imports nothing above it but the known arrows, and they are still there', () => {
    const up = arrows.filter(({ from, to }) => roomOf(from) === 'core' && roomOf(to) !== 'core').map(({ from, to }) => `${from} → ${to}`);
    expect(up).toEqual(KNOWN);
  });

  it('nothing at run time imports the offline tools or the commands (the registry loads commands by path)', () => {
    const runtime = arrows.filter(({ from, to }) => from.startsWith('src/') && (to.startsWith('tools/') || to.startsWith('commands/')));
    expect(runtime).toEqual([]);
  });
});

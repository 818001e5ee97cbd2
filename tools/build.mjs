// The runtime build: `npm run build` (run by `npm install` too, through `prepare`). esbuild bundles
// the bot into dist/ — one entry per command line tool and per command file, shared code split
// into chunks — so `npm start` and `curator` load a handful of files instead of ~200 modules
// (start-up is dominated by module loading). Type checking is `npm run typecheck` (tsc).
//
// Bundled: our code, zod and minisearch (every run needs them). Left as packages, loaded when a run
// needs them: the platforms' clients, the feed parser, the scheduler, the logger, the database and
// the lock — and native code, which cannot be bundled.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(root, 'dist');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const BUNDLED = new Set(['zod', 'minisearch']);
const external = Object.keys(pkg.dependencies).filter((d) => !BUNDLED.has(d)).flatMap((d) => [d, `${d}/*`]);

const entryPoints = [
  'src/cli.ts',
  'src/adapters/discord/deploy.ts',
  'src/adapters/slack/manifest-cli.ts',
  // The poll worker thread's entry (src/watch/poll-worker-client.ts starts it from here).
  'src/watch/poll-worker.ts',
  // The registry loads every file of dist/commands/ (adding a command is still adding a file).
  ...readdirSync(path.join(root, 'commands'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => `commands/${f}`),
];

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  outbase: '.',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  metafile: true,
});
const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
process.stdout.write(`build: ${files.length} files in ${path.relative(process.cwd(), outdir) || '.'}/ (${entryPoints.length} entry points)\n`);

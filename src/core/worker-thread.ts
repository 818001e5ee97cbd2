/**
 * Starts a worker thread from a module file, built (.js) or TypeScript source (.ts). A .ts entry is
 * imported through tsx's API by a small bootstrap: on Node 20 a thread does not inherit the module
 * hooks (`--import tsx`) of its parent, nor can it be given them in `execArgv`. tsx is a dev
 * dependency, as the sources are: the build runs .js entries only.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorkerThread(url: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  // The ES module build of the API (its CommonJS build resolves its own hooks wrongly from an eval'd thread).
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
  return new Worker(bootstrap, { ...options, eval: true });
}

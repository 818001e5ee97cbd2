/**
 * The bot's triage in a child process, for the crash test (crash.test.ts): opens the list and the
 * database in CRASH_DIR, starts triage (which settles interrupted decisions, then applies the
 * recorded votes), then undoes the candidate whose arXiv id is UNDO_ARXIV_ID. With CRASH_AT=n it
 * SIGKILLs itself at the n-th decision step it reaches (no cleanup of any kind, like a power cut).
 * Prints `ready` once open and `done` at the end.
 */
import path from 'node:path';
import { openCatalogue } from '../../src/search/live-catalogue.js';
import { createLogger } from '../../src/core/logger.js';
import { dbPath, openDatabase } from '../../src/db/database.js';
import { TriageService } from '../../src/triage/triage-service.js';

const dir = process.env.CRASH_DIR!;
const crashAt = Number(process.env.CRASH_AT ?? 0);
let steps = 0;

const catalogue = await openCatalogue(path.join(dir, 'survey.md'), { lock: { staleMs: Number(process.env.LIST_LOCK_STALE_MS ?? 10_000) } });
const db = openDatabase(dbPath(path.join(dir, 'data')));
const service = new TriageService({
  db,
  catalogue,
  approvalsRequired: 1,
  gitCommit: false,
  reconcileIntervalMs: 0,
  log: createLogger(),
  checkpoint: () => {
    if (++steps === crashAt) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('ready\n');
await service.start();
const undo = process.env.UNDO_ARXIV_ID;
if (undo) await service.undo(undo, 'console:console');
await service.stop();
db.close();
process.stdout.write('done\n');

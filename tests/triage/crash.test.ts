/**
 * Kill -9 during approvals and undos, restart, and check that the list file and the database agree
 * and every approved paper is in the list exactly once. The child (crash-child.ts) runs the real
 * triage code in its own process; it dies at a chosen decision step, or the test kills it after a
 * random short delay (which can land inside a file write), a bounded number of times.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import { dbPath } from '../../src/db/database.js';
import { TriageStore } from '../../src/triage/store.js';
import { openStore } from '../helpers/db.js';
import { ROOT } from '../helpers/fixtures.js';
import { lineDiff } from '../helpers/line-diff.js';
import { runNode, type ProcessResult } from '../helpers/run-cli.js';
import { SECTIONS, SEED, triageFixture } from '../helpers/triage.js';
import { cleanUpAfterEach } from '../helpers/cleanup.js';

const CHILD = path.join(ROOT, 'tests/triage/crash-child.ts');
const APPROVED = ['2604.10001', '2604.10002', '2604.10003'];
const UNDONE = '2604.10004';
/** Decision steps of one clean run: 3 approvals × 3 steps, then the undo's 2. */
const STEPS = APPROVED.length * 3 + 2;
/** What the restart logs after a crash at each kind of step (approval: intent, written, recorded; undo: intent, removed). */
const RECOVERY = [/rolling back an approval/, /finishing an approval/, /^(?![\s\S]*(rolling back|finishing))/, /finishing an undo/, /finishing an undo/];

const { children, dirs } = cleanUpAfterEach();

/** Runs the child; `killAfterReadyMs` kills it (SIGKILL) that long after it says `ready`. */
function runChild(dir: string, env: Record<string, string> = {}, killAfterReadyMs?: number): Promise<ProcessResult> {
  return runNode(['--import', 'tsx', CHILD], {
    // A kill inside the list lock leaves it held until it goes stale: the shortest stale time keeps restarts quick.
    env: { CRASH_DIR: dir, UNDO_ARXIV_ID: UNDONE, LIST_LOCK_STALE_MS: '2000', ...env },
    onSpawn(child) {
      children.add(child);
      child.on('close', () => children.delete(child));
      if (killAfterReadyMs === undefined) return;
      let stdout = '';
      const killWhenReady = (d: Buffer) => {
        stdout += d;
        if (!stdout.startsWith('ready')) return;
        child.stdout!.off('data', killWhenReady);
        setTimeout(() => child.kill('SIGKILL'), killAfterReadyMs);
      };
      child.stdout!.on('data', killWhenReady);
    },
  });
}

/**
 * A list and database as the bot left them: three candidates with a maintainer's ✅ recorded but
 * not yet applied, and one approved paper a maintainer is about to undo.
 */
async function setup() {
  const t = await triageFixture();
  dirs.push(t.dir);
  for (const [i, id] of APPROVED.entries()) {
    const c = t.candidate(id, `Paper ${i + 1}: A Vision-Language Model`);
    t.store.setVote({ candidateId: c.id, platform: 'discord', userId: `maintainer-${i}`, vote: 'approve' }, true, 1_700_000_000_000 + i);
  }
  t.candidate(UNDONE, 'Paper 4: Undo Me');
  await t.service.approve(UNDONE, undefined, 'console:console');
  await t.close();
  return { dir: t.dir.dir, before: t.text() };
}

/** The list and the database agree; every approved paper is in the list once, the undone one not at all. */
function checkConsistent(dir: string) {
  const text = listText(dir);
  const catalogue = Catalogue.parse(text);
  const store = openStore(TriageStore, dbPath(path.join(dir, 'data')));
  try {
    for (const id of APPROVED) {
      const c = store.candidateByArxivId(id)!;
      expect(c.status, id).toBe('approved');
      expect(text.split(`arxiv.org/abs/${id})`).length - 1, id).toBe(1);
      const entry = catalogue.entries.find((e) => e.arxivId === id)!;
      expect(entry.section).toEqual(SECTIONS.contrastive);
      expect(c.decidedSection).toEqual(SECTIONS.contrastive);
      expect(catalogue.lineText(entry.line)).toBe(c.decidedLine);
    }
    const undone = store.candidateByArxivId(UNDONE)!;
    expect(undone.status).toBe('pending');
    expect(text).not.toContain(UNDONE);
    expect(store.connection.prepare(`SELECT COUNT(*) FROM candidates WHERE status IN ('approving', 'undoing')`).pluck().get()).toBe(0);
    // Exactly the three rows, together at the end of the table (the undone row gone without a trace).
    const diff = lineDiff(SEED, text);
    expect(diff.removed).toEqual([]);
    expect(diff.added).toHaveLength(APPROVED.length);
    expect(diff.added.every((l) => APPROVED.some((id) => l.includes(id)))).toBe(true);
  } finally {
    store.close();
  }
}

function listText(dir: string): string {
  return readFileSync(path.join(dir, 'survey.md'), 'utf8');
}

// Each restart after a kill inside the list lock waits for the lock to go stale (2 s here); deadlines are generous for a busy machine.
describe('a crash at any point of an approval or an undo', { timeout: 300_000 }, () => {
  it('a clean run applies everything (the baseline the crash runs must match)', async () => {
    const { dir } = await setup();
    const run = await runChild(dir);
    expect(run, run.stderr).toMatchObject({ code: 0, signal: null });
    expect(run.stdout).toContain('done');
    checkConsistent(dir);
  });

  it.each(Array.from({ length: STEPS }, (_, i) => i + 1))('SIGKILL at decision step %i, then a restart: the list and the database agree', async (step) => {
    const { dir, before } = await setup();
    const crashed = await runChild(dir, { CRASH_AT: String(step) });
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    // Whatever the moment, the file is never half-written: only whole rows of these papers came or went.
    const diff = lineDiff(before, listText(dir));
    expect(diff.removed.every((l) => l.includes(UNDONE) && /^\|.*\|$/.test(l))).toBe(true);
    expect(diff.added.every((l) => APPROVED.some((id) => l.includes(id)) && /^\|.*\|$/.test(l))).toBe(true);

    const restarted = await runChild(dir);
    expect(restarted, restarted.stderr).toMatchObject({ code: 0, signal: null });
    expect(restarted.stderr).toMatch(RECOVERY[step <= APPROVED.length * 3 ? (step - 1) % 3 : step - APPROVED.length * 3 + 2]!);
    checkConsistent(dir);
  });

  it('SIGKILL after random short delays, a bounded number of times, then a restart', async () => {
    for (let round = 0; round < 6; round++) {
      const { dir } = await setup();
      await runChild(dir, {}, Math.floor(Math.random() * 40));
      const restarted = await runChild(dir);
      expect(restarted, restarted.stderr).toMatchObject({ code: 0, signal: null });
      checkConsistent(dir);
    }
  });
});

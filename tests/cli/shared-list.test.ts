/**
 * The list is shared: real `curator` processes against real files. Concurrent approvals from
 * separate processes all land, a running bot follows hand edits (in place and by rename) and never
 * writes an old copy back, and a SIGKILL at any moment is repaired by the next command of any kind.
 */
import { spawn } from 'node:child_process';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import { dbPath } from '../../src/db/database.js';
import { TriageStore } from '../../src/triage/store.js';
import { openStore } from '../helpers/db.js';
import { ROOT, type tempDir } from '../helpers/fixtures.js';
import { CURATOR_FROM_SOURCE, runCli } from '../helpers/run-cli.js';
import { SEED, triageFixture } from '../helpers/triage.js';
import { cleanUpAfterEach } from '../helpers/cleanup.js';

/** A deadline for conditions (never a speed claim): generous, for a busy CI machine. */
const EVENTUALLY = { timeout: 60_000, interval: 50 };
const HAND_ROW = '|[HandCLIP: A Row a Maintainer Typed](https://arxiv.org/abs/2611.00001)|CVPR 2027||';
const RENAMED_ROW = '|[GitCLIP: A Row That Came With a Pull](https://arxiv.org/abs/2611.00002)|ICCV 2027||';
/** The last row of the contrastive pre-training table, where a maintainer would type a new one. */
const ANCHOR = '|[FILIP: Fine-grained Interactive Language-Image Pre-Training]';

const { children, dirs } = cleanUpAfterEach();

/** A list and a database with `n` pending candidates (arXiv 2604.300NN), as a poll leaves them. */
async function withCandidates(n: number) {
  const t = await triageFixture();
  dirs.push(t.dir);
  const ids = Array.from({ length: n }, (_, i) => `2604.${30000 + i}`);
  for (const [i, id] of ids.entries()) t.candidate(id, `Shared Paper ${i}: Contrastive Vision-Language Learning`);
  await t.close();
  const env = { SURVEY_PATH: t.list, DATA_DIR: t.dir.path('data'), LIST_LOCK_STALE_MS: '2000' };
  return { dir: t.dir, list: t.list, ids, env };
}

function state(dir: ReturnType<typeof tempDir>) {
  const text = readFileSync(dir.path('survey.md'), 'utf8');
  const store = openStore(TriageStore, dbPath(dir.path('data')), { readonly: true });
  try {
    const candidates = store.connection.prepare('SELECT id FROM candidates ORDER BY id').pluck().all() as number[];
    return { text, candidates: candidates.map((id) => store.candidate(id)!) };
  } finally {
    store.close();
  }
}

/** The list and the database agree: approved ⇔ its row is in the list, exactly once; nothing half-way; no temp files. */
function expectAgreement(dir: ReturnType<typeof tempDir>) {
  const { text, candidates } = state(dir);
  for (const c of candidates) {
    const rows = text.split(`arxiv.org/abs/${c.arxivId})`).length - 1;
    expect(['pending', 'approved'], `#${c.id}`).toContain(c.status);
    expect(rows, `${c.arxivId} is ${c.status}`).toBe(c.status === 'approved' ? 1 : 0);
    if (c.status === 'approved') expect(text.split('\n')).toContain(c.decidedLine);
  }
  expect(readdirSync(dir.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  return candidates;
}

describe('approvals from separate processes at the same moment', () => {
  it('all land: rows kept / rows approved = 1 in every trial', { timeout: 600_000 }, async () => {
    for (let trial = 0; trial < 3; trial++) {
      const { dir, ids, env } = await withCandidates(4);
      const runs = await Promise.all(ids.map((id) => runCli(['ask', `triage approve ${id}`], env)));
      for (const r of runs) expect(r.stdout, r.stderr).toMatch(/Approved #\d+/);
      const candidates = expectAgreement(dir);
      expect(candidates.map((c) => c.status)).toEqual(['approved', 'approved', 'approved', 'approved']);
      // Exactly the approved rows were added to the seed, nothing else changed.
      const text = readFileSync(dir.path('survey.md'), 'utf8');
      expect(text.split('\n').length - SEED.split('\n').length).toBe(4);
    }
  });
});

/** `curator start` as the console bot, driven through its stdin (not a terminal: no prompt). */
function startBot(env: Record<string, string>) {
  const child = spawn(process.execPath, [...CURATOR_FROM_SOURCE, 'start'], { cwd: ROOT, env: { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let err = '';
  let marks = 0;
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return {
    get err() {
      return err;
    },
    ready: () => vi.waitFor(() => expect(out).toMatch(/vlm-curator — \d+ entries/), EVENTUALLY),
    /** Sends a line and resolves with what the bot printed for it: an unknown command after it marks the end. */
    async ask(line: string): Promise<string> {
      const from = out.length;
      const mark = `__end_of_reply_${++marks}`;
      child.stdin.write(`${line}\n${mark}\n`);
      await vi.waitFor(() => expect(out.slice(from)).toContain(`"${mark}"`), EVENTUALLY);
      return out.slice(from, out.indexOf(mark, from));
    },
    async quit() {
      child.stdin.end('quit\n');
      await new Promise((r) => child.once('close', r));
    },
  };
}

describe('a running bot and a maintainer editing the list', () => {
  it('finds hand-added rows (written in place, or by rename as git does) and never writes an old copy back', { timeout: 300_000 }, async () => {
    const { dir, list, ids, env } = await withCandidates(2);
    const bot = startBot(env);
    await bot.ready();

    // In place, as an editor saves.
    await fs.writeFile(list, readFileSync(list, 'utf8').replace(ANCHOR, `${HAND_ROW}\n${ANCHOR}`));
    await vi.waitFor(async () => expect(await bot.ask('search HandCLIP')).toContain('HandCLIP: A Row a Maintainer Typed'), EVENTUALLY);
    expect(await bot.ask(`triage approve ${ids[0]}`)).toMatch(/Approved #\d+/);

    // By rename, as git checks a file out.
    await fs.writeFile(dir.path('.survey.md.pull'), readFileSync(list, 'utf8').replace(ANCHOR, `${RENAMED_ROW}\n${ANCHOR}`));
    await fs.rename(dir.path('.survey.md.pull'), list);
    await vi.waitFor(async () => expect(await bot.ask('search GitCLIP')).toContain('GitCLIP: A Row That Came With a Pull'), EVENTUALLY);
    expect(await bot.ask(`triage approve ${ids[1]}`)).toMatch(/Approved #\d+/);
    await bot.quit();

    const text = readFileSync(list, 'utf8');
    for (const row of [HAND_ROW, RENAMED_ROW]) expect(text.split('\n').filter((l) => l === row)).toHaveLength(1);
    expectAgreement(dir);
    expect(Catalogue.parse(text).entries.length).toBe(Catalogue.parse(SEED).entries.length + 4);
    expect(bot.err).toMatch(/"added":1.*"msg":"catalogue: the list changed on disk; reloaded"/);
  });

  it('keeps serving the last good version when the file stops being a list, and says so in stats', { timeout: 300_000 }, async () => {
    const { list, env } = await withCandidates(1);
    const bot = startBot(env);
    await bot.ready();
    await fs.writeFile(list, 'oops, an empty README\n');
    await vi.waitFor(async () => expect(await bot.ask('stats')).toMatch(/last good version/), EVENTUALLY);
    expect(await bot.ask('paper CoOp')).toContain('CoOp: Learning to Prompt for Vision-Language Models');
    expect(bot.err).toMatch(/cannot be served; still serving the last good version/);
    await bot.quit();
  });
});

describe('a SIGKILL in the middle of an approval', () => {
  it('is repaired by the next command of any kind (no `start`): the list and the database agree, no temp files', { timeout: 900_000 }, async () => {
    // How long a whole `ask "triage approve"` takes here, so the kills land all over it.
    const probe = await withCandidates(1);
    const started = Date.now();
    await runCli(['ask', `triage approve ${probe.ids[0]}`], probe.env);
    const span = Date.now() - started;

    for (let round = 0; round < 8; round++) {
      const { dir, ids, env } = await withCandidates(2);
      const killAfter = Math.floor(span * (0.3 + (0.8 * round) / 8));
      await new Promise<void>((resolve) => {
        const child = spawn(process.execPath, [...CURATOR_FROM_SOURCE, 'ask', `triage approve ${ids[0]}`], { cwd: ROOT, env: { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', ...env }, stdio: 'ignore' });
        children.add(child);
        const timer = setTimeout(() => child.kill('SIGKILL'), killAfter);
        child.once('close', () => {
          clearTimeout(timer);
          children.delete(child);
          resolve();
        });
      });
      // The next command is about something else entirely.
      const next = round % 2 ? await runCli(['ask', 'pending'], env) : await runCli(['ask', `triage approve ${ids[1]}`], env);
      expect(next.code, next.stderr).toBe(0);
      expectAgreement(dir);
      // And the interrupted one can be decided: never "being decided right now" again.
      const again = await runCli(['ask', `triage approve ${ids[0]}`], env);
      expect(again.stdout).toMatch(/Approved #\d+|is already approved/);
      expect(again.stdout).not.toMatch(/being decided/);
      const candidates = expectAgreement(dir);
      expect(candidates.find((c) => c.arxivId === ids[0])!.status).toBe('approved');
      const leftovers = () => readdirSync(dir.dir).filter((n) => n.startsWith('.survey.md'));
      // No temp file is ever left. The killed holder's lock may be: when neither command needed the
      // lock, nobody could yet tell it from a live holder's. Once stale (LIST_LOCK_STALE_MS) the
      // next command clears it.
      expect(leftovers().filter((n) => n !== '.survey.md.lock')).toEqual([]);
      await vi.waitFor(async () => {
        if (leftovers().length) expect((await runCli(['ask', 'pending'], env)).code).toBe(0);
        expect(leftovers()).toEqual([]);
      }, EVENTUALLY);
    }
  });
});

describe('writes through the CLI respect the file', () => {
  it('a symlinked SURVEY_PATH gets its target written, keeping mode 0640', { timeout: 120_000 }, async () => {
    const { dir, ids, env } = await withCandidates(1);
    await fs.mkdir(dir.path('checkout'));
    await fs.rename(dir.path('survey.md'), dir.path('checkout/README.md'));
    await fs.chmod(dir.path('checkout/README.md'), 0o640);
    await fs.symlink(path.join('checkout', 'README.md'), dir.path('survey.md'));
    const r = await runCli(['ask', `triage approve ${ids[0]}`], env);
    expect(r.stdout, r.stderr).toMatch(/Approved/);
    expect((await fs.lstat(dir.path('survey.md'))).isSymbolicLink()).toBe(true);
    expect(readFileSync(dir.path('checkout/README.md'), 'utf8')).toContain(`arxiv.org/abs/${ids[0]})`);
    expect((await fs.stat(dir.path('checkout/README.md'))).mode & 0o777).toBe(0o640);
  });
});

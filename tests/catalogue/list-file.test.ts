/**
 * The list file as a shared resource: every change reads the file as it is on disk, applies one
 * line under the cross-process lock and writes atomically, respecting symlinks, mode and owner.
 */
import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/catalogue/atomic-write.js';
import type { Catalogue } from '../../src/catalogue/catalogue.js';
import { ListFile } from '../../src/catalogue/list-file.js';
import { lockPathFor, withListLock } from '../../src/catalogue/list-lock.js';
import { readShared, tempDir } from '../helpers/fixtures.js';

const SEED = readShared('survey/seed-2023.md');
const CONTRASTIVE = ['Vision-Language Pre-training Methods', 'Pre-training with Contrastive Objective'];
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function fixture(files: Record<string, string> = { 'survey.md': SEED }) {
  const t = tempDir(files);
  cleanups.push(t.cleanup);
  return t;
}

/** A plan adding `row` last in the contrastive table of the list it is given. */
const addRow = (row: string) => (c: Catalogue) => ({ catalogue: c.insertLine(c.sectionByPath(CONTRASTIVE)!.table!.lastLine, row) });
const row = (n: number) => `|[Paper ${n}](https://arxiv.org/abs/2604.${String(10000 + n)})|arXiv 2026||`;
const tempFilesIn = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe('a change to the list', () => {
  it('applies to the file as it is on disk now, so an edit made by hand in between is kept', async () => {
    const t = fixture();
    const list = new ListFile(t.path('survey.md'));
    await list.change((s) => s.modify(addRow(row(1))));
    // A maintainer adds a row by hand (git-style: a new file renamed over the old one).
    const hand = 'Hand-edited intro line\n' + readFileSync(t.path('survey.md'), 'utf8');
    writeFileSync(t.path('new.md'), hand);
    await import('node:fs/promises').then((fs) => fs.rename(t.path('new.md'), t.path('survey.md')));
    await list.change((s) => s.modify(addRow(row(2))));
    const text = readFileSync(t.path('survey.md'), 'utf8');
    expect(text).toContain('Hand-edited intro line');
    const rest = text.split('\n');
    for (const line of [...SEED.split('\n'), 'Hand-edited intro line', row(1), row(2)]) {
      expect(rest, line).toContain(line);
      rest.splice(rest.indexOf(line), 1);
    }
    expect(rest).toEqual([]);
  });

  it('is planned again when someone writes the file between our read and our rename', async () => {
    const t = fixture();
    const list = new ListFile(t.path('survey.md'));
    let outsideWrites = 0;
    const result = await list.change((s) =>
      s.modify(addRow(row(1)), {
        beforeWrite: () => {
          // An editor that does not take our lock saves right now (once).
          if (outsideWrites++ === 0) writeFileSync(t.path('survey.md'), readFileSync(t.path('survey.md'), 'utf8') + 'Appended by an editor\n');
        },
      }),
    );
    expect(result.written).toBe(true);
    expect(outsideWrites).toBe(2);
    const text = readFileSync(t.path('survey.md'), 'utf8');
    expect(text.endsWith('Appended by an editor\n')).toBe(true);
    expect(text.split(row(1)).length - 1).toBe(1);
    expect(tempFilesIn(t.dir)).toEqual([]);
  });

  it('never loses a line another program appends in place while changes are being written', async () => {
    const t = fixture();
    const list = new ListFile(t.path('survey.md'));
    // Another program that knows nothing of our lock saves in place every few hundred milliseconds
    // (far faster than a person), each save one synchronous open-write-close, as editors do.
    const editor = spawn(
      process.execPath,
      ['-e', `const fs = require('fs'); let n = 0; const tick = () => { fs.appendFileSync(process.argv[1], 'editor line ' + n++ + '\\n'); if (n < 25) setTimeout(tick, 50 + Math.random() * 150); }; tick();`, t.path('survey.md')],
      { stdio: 'ignore' },
    );
    const exited = new Promise((r) => editor.once('exit', r));
    let changes = 0;
    let running = true;
    void exited.then(() => (running = false));
    // Idempotent like every real plan (an approval checks the paper is not listed yet).
    const addOnce = (r: string) => (c: Catalogue) => (c.render().includes(r) ? { catalogue: c } : addRow(r)(c));
    while (running || changes < 10) await list.change((s) => s.modify(addOnce(row(changes++))));
    await exited;
    const lines = readFileSync(t.path('survey.md'), 'utf8').split('\n');
    for (let i = 0; i < changes; i++) expect(lines.filter((l) => l === row(i)), row(i)).toHaveLength(1);
    for (let n = 0; n < 25; n++) expect(lines, `editor line ${n}`).toContain(`editor line ${n}`);
  });

  it('writes nothing when the plan changes nothing', async () => {
    const t = fixture();
    const before = statSync(t.path('survey.md'));
    const r = await new ListFile(t.path('survey.md')).change((s) => s.modify((c) => ({ catalogue: c })));
    expect(r.written).toBe(false);
    expect(statSync(t.path('survey.md')).ino).toBe(before.ino);
  });

  it('is refused, writing nothing, when the file on disk is no longer a list', async () => {
    const t = fixture({ 'survey.md': 'just some notes\n' });
    await expect(new ListFile(t.path('survey.md')).change((s) => s.modify(addRow(row(1))))).rejects.toThrow(/is not a survey list: it has no markdown headings; fix it first, nothing was written/);
    expect(readFileSync(t.path('survey.md'), 'utf8')).toBe('just some notes\n');
  });

  it('is refused when the file is not valid UTF-8 (it could not be written back byte for byte)', async () => {
    const t = fixture();
    const bytes = Buffer.concat([Buffer.from(SEED), Buffer.from([0xff, 0xfe, 0x0a])]);
    writeFileSync(t.path('survey.md'), bytes);
    await expect(new ListFile(t.path('survey.md')).change((s) => s.modify(addRow(row(1))))).rejects.toThrow(/not valid UTF-8/);
    expect(readFileSync(t.path('survey.md')).equals(bytes)).toBe(true);
  });

  it('keeps a byte-order mark and CRLF line endings', async () => {
    const crlf = '\uFEFF' + SEED.replace(/\n/g, '\r\n');
    const t = fixture({ 'survey.md': crlf });
    await new ListFile(t.path('survey.md')).change((s) => s.modify(addRow(row(1))));
    const text = readFileSync(t.path('survey.md'), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.replace(`${row(1)}\r\n`, '')).toBe(crlf);
  });
});

describe('writes respect the file', () => {
  it('follow a symlinked SURVEY_PATH: the target gets the row, the link stays a link', async () => {
    const t = fixture({ 'checkout/README.md': SEED });
    symlinkSync(path.join('checkout', 'README.md'), t.path('survey.md'));
    await new ListFile(t.path('survey.md')).change((s) => s.modify(addRow(row(1))));
    expect(lstatSync(t.path('survey.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(t.path('survey.md'))).toBe(path.join('checkout', 'README.md'));
    expect(readFileSync(t.path('checkout/README.md'), 'utf8')).toContain(row(1));
    expect(tempFilesIn(t.path('checkout'))).toEqual([]);
  });

  it.each([0o444, 0o640, 0o600])('keep the mode (%o)', async (mode) => {
    const t = fixture();
    chmodSync(t.path('survey.md'), mode);
    await new ListFile(t.path('survey.md')).change((s) => s.modify(addRow(row(1))));
    expect(statSync(t.path('survey.md')).mode & 0o7777).toBe(mode);
    expect(readFileSync(t.path('survey.md'), 'utf8')).toContain(row(1));
  });

  it('keep the owner and group', async () => {
    const t = fixture();
    const isRoot = process.getuid?.() === 0;
    // As root the file can belong to anyone; otherwise it is ours, and must stay ours.
    const owner = isRoot ? { uid: 4321, gid: 4322 } : { uid: statSync(t.path('survey.md')).uid, gid: statSync(t.path('survey.md')).gid };
    if (isRoot) chownSync(t.path('survey.md'), owner.uid, owner.gid);
    await new ListFile(t.path('survey.md')).change((s) => s.modify(addRow(row(1))));
    expect(statSync(t.path('survey.md'))).toMatchObject(owner);
  });

  it('remove the temp file when the write fails after it was made', async () => {
    const t = fixture();
    await expect(writeFileAtomic(t.path('survey.md'), 'new', { beforeRename: () => Promise.reject(new Error('disk on fire')) })).rejects.toThrow('disk on fire');
    expect(readFileSync(t.path('survey.md'), 'utf8')).toBe(SEED);
    expect(tempFilesIn(t.dir)).toEqual([]);
  });

  it('stale temp files of ours and a stale lock are removed (and nobody else’s files)', async () => {
    const t = fixture({ 'survey.md': SEED, '.survey.md.4242.1700000000000.tmp': 'half', '.survey.md.77.1700000000001.ab12cd34.tmp': 'half', 'notes.tmp': 'mine', '.other.md.1.2.tmp': 'theirs' });
    mkdirSync(lockPathFor(t.path('survey.md')));
    const long = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(t.path('survey.md')), long, long);
    const removed = await new ListFile(t.path('survey.md')).removeLeftovers();
    expect(removed.sort()).toEqual(['.survey.md.4242.1700000000000.tmp', '.survey.md.77.1700000000001.ab12cd34.tmp']);
    expect(readdirSync(t.dir).sort()).toEqual(['.other.md.1.2.tmp', 'notes.tmp', 'survey.md']);
  });

  it('a live writer’s lock is left alone when nothing needs cleaning', async () => {
    const t = fixture();
    let release!: () => void;
    const holding = withListLock(t.path('survey.md'), () => new Promise<void>((r) => (release = r)));
    await expect.poll(() => readdirSync(t.dir).includes('.survey.md.lock')).toBe(true);
    expect(await new ListFile(t.path('survey.md')).removeLeftovers()).toEqual([]);
    expect(readdirSync(t.dir)).toContain('.survey.md.lock');
    release();
    await holding;
  });
});

describe('the list lock', () => {
  it('makes concurrent changes take turns: every one lands', async () => {
    const t = fixture();
    // Separate ListFile objects share nothing in memory: only the lock on disk orders them.
    await Promise.all(Array.from({ length: 8 }, (_, i) => new ListFile(t.path('survey.md')).change((s) => s.modify(addRow(row(i))))));
    const text = readFileSync(t.path('survey.md'), 'utf8');
    for (let i = 0; i < 8; i++) expect(text.split(row(i)).length - 1).toBe(1);
    expect(readdirSync(t.dir)).toEqual(['survey.md']);
  });

  it('waits for a live holder', async () => {
    const t = fixture();
    const order: string[] = [];
    let release!: () => void;
    const holding = withListLock(t.path('survey.md'), async () => {
      order.push('holder in');
      await new Promise<void>((r) => (release = r));
      order.push('holder out');
    });
    await expect.poll(() => order.length).toBe(1);
    const waiter = withListLock(t.path('survey.md'), async () => void order.push('waiter in'));
    // The waiter cannot get in while the holder is inside; it does as soon as the holder leaves.
    await new Promise((r) => setTimeout(r, 100));
    expect(order).toEqual(['holder in']);
    release();
    await Promise.all([holding, waiter]);
    expect(order).toEqual(['holder in', 'holder out', 'waiter in']);
  });

  it('takes over a lock a crashed process left (not refreshed for longer than the stale time)', async () => {
    const t = fixture();
    const lock = lockPathFor(t.path('survey.md'));
    mkdirSync(lock);
    const long = new Date(Date.now() - 60_000);
    utimesSync(lock, long, long);
    const ran = await withListLock(t.path('survey.md'), async () => 'ran', { staleMs: 2000 });
    expect(ran).toBe('ran');
    expect(readdirSync(t.dir)).toEqual(['survey.md']);
  });

  it('gives up on a lock that stays held, naming it', async () => {
    const t = fixture();
    let release!: () => void;
    const holding = withListLock(t.path('survey.md'), () => new Promise<void>((r) => (release = r)));
    await expect.poll(() => readdirSync(t.dir).includes('.survey.md.lock')).toBe(true);
    await expect(withListLock(t.path('survey.md'), async () => 'never', { waitMs: 200 })).rejects.toThrow(/the list is locked by another process \(.*\.survey\.md\.lock\)/);
    release();
    await holding;
  });
});

/**
 * A running bot follows the list file: what a maintainer, git or another process writes is
 * re-parsed and searchable soon after, and a file that is not a list is never served.
 */
import { promises as fs } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FollowOptions } from '../../src/catalogue/follow-file.js';
import { createMemoryLogger } from '../../src/core/logger.js';
import { type LiveCatalogue, openCatalogue } from '../../src/search/live-catalogue.js';
import { readShared, tempDir } from '../helpers/fixtures.js';

const SEED = readShared('survey/seed-2023.md');
const HAND_ROW = '|[HandCLIP: A Row a Maintainer Typed](https://arxiv.org/abs/2611.00001)|CVPR 2027||';
/** Where a maintainer would type it: last row of the contrastive pre-training table. */
const withHandRow = (text: string) => text.replace('|[FILIP: Fine-grained Interactive Language-Image Pre-Training]', `${HAND_ROW}\n|[FILIP: Fine-grained Interactive Language-Image Pre-Training]`);
/** A deadline, not a speed claim: the watcher usually takes milliseconds; this only bounds a hang. */
const EVENTUALLY = { timeout: 20_000, interval: 25 };

const open: LiveCatalogue[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  cleanups.splice(0).forEach((c) => c());
});

async function following(options: FollowOptions = {}) {
  const t = tempDir({ 'survey.md': SEED });
  cleanups.push(t.cleanup);
  const log = createMemoryLogger();
  const store = await openCatalogue(t.path('survey.md'), { log });
  open.push(store);
  store.follow(options);
  return { t, store, log, file: t.path('survey.md') };
}

const findsHandRow = (store: LiveCatalogue) => store.index.search('HandCLIP', {}, 5).some((h) => h.item.title.startsWith('HandCLIP'));

describe('the bot follows the list file', () => {
  it('sees a row written in place, and logs what changed', async () => {
    const { store, log, file } = await following();
    expect(SEED).toContain('|[FILIP: Fine-grained Interactive Language-Image Pre-Training]');
    await fs.writeFile(file, withHandRow(SEED));
    await vi.waitFor(() => expect(findsHandRow(store)).toBe(true), EVENTUALLY);
    expect(log.lines.find((l) => l.msg.includes('changed on disk'))?.extra).toMatchObject({ added: 1, removed: 0, addedTitles: ['HandCLIP: A Row a Maintainer Typed'] });
  });

  it('sees a file replaced by a rename, as git writes it', async () => {
    const { t, store, file } = await following();
    await fs.writeFile(t.path('.survey.md.git-tmp'), withHandRow(SEED));
    await fs.rename(t.path('.survey.md.git-tmp'), file);
    await vi.waitFor(() => expect(findsHandRow(store)).toBe(true), EVENTUALLY);
    // And keeps following the new file.
    await fs.writeFile(file, SEED);
    await vi.waitFor(() => expect(findsHandRow(store)).toBe(false), EVENTUALLY);
  });

  it('keeps serving the last good version while the file is not a list, and says so', async () => {
    const { store, log, file } = await following();
    const entries = store.catalogue.entries.length;
    await fs.writeFile(file, 'oops\n');
    await vi.waitFor(() => expect(store.status.reloadError?.message).toMatch(/is not a survey list: it has no markdown headings/), EVENTUALLY);
    expect(store.catalogue.entries).toHaveLength(entries);
    expect(store.index.search('CoOp', {}, 1)[0]?.item.acronym).toBe('CoOp');
    expect(log.lines.filter((l) => l.level === 'error' && l.msg.includes('still serving the last good version'))).toHaveLength(1);
    // Fixed again: served, and the status is clear.
    await fs.writeFile(file, withHandRow(SEED));
    await vi.waitFor(() => expect(findsHandRow(store)).toBe(true), EVENTUALLY);
    expect(store.status.reloadError).toBeUndefined();
  });

  it('finds changes by polling alone where the file system sends no watch events', async () => {
    const { t, store, file } = await following({ watch: false, pollMs: 100 });
    await fs.writeFile(file, withHandRow(SEED));
    await vi.waitFor(() => expect(findsHandRow(store)).toBe(true), EVENTUALLY);
    await fs.writeFile(t.path('.swap'), SEED);
    await fs.rename(t.path('.swap'), file);
    await vi.waitFor(() => expect(findsHandRow(store)).toBe(false), EVENTUALLY);
  });

  it('does not reload its own writes as outside changes', async () => {
    const { store, log } = await following();
    await store.modify((c) => ({ catalogue: c.insertLine(c.sectionByPath(['Vision-Language Pre-training Methods', 'Pre-training with Contrastive Objective'])!.table!.lastLine, HAND_ROW) }));
    expect(findsHandRow(store)).toBe(true);
    await store.reload();
    expect(log.lines.filter((l) => l.msg.includes('changed on disk'))).toHaveLength(0);
  });
});

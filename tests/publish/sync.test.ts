/**
 * Sync from GitHub: the base branch's list becomes the local copy (under the list lock, so the
 * live catalogue re-indexes), with our changes not on the base branch yet kept.
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SearchIndex } from '../../src/search/search-index.js';
import { lineDiff } from '../helpers/line-diff.js';
import { publishFixtures } from '../helpers/publish.js';
import { SEED } from '../helpers/triage.js';

const fixture = publishFixtures();

/** SEED with one paper row added by a maintainer, last in the contrastive table. */
function withMaintainersRow(text: string, row = '|[Merged by a Maintainer](https://arxiv.org/abs/2605.09999)|CVPR 2026|[Code](https://github.com/x/y)|'): string {
  const heading = text.indexOf('### Pre-training with Contrastive Objective');
  const next = text.indexOf('\n###', heading + 5);
  const lastRow = text.lastIndexOf('\n|', next);
  const end = text.indexOf('\n', lastRow + 1);
  return text.slice(0, end + 1) + row + '\n' + text.slice(end + 1);
}

describe('sync from GitHub', () => {
  it('updates the local copy when the base branch changed, re-indexes it and says what changed', async () => {
    const f = await fixture();
    f.github.commit('main', withMaintainersRow(f.github.file('main')!), 'Add a paper by hand');
    const report = await f.publishing.sync();
    expect(report).toMatchObject({ status: 'updated', base: 'main', added: ['Merged by a Maintainer'], removed: [], kept: 0 });
    expect(f.triage.text()).toBe(f.github.file('main'));
    expect(f.triage.catalogue.catalogue.entries.some((e) => e.arxivId === '2605.09999')).toBe(true);
    expect((f.triage.catalogue.index as SearchIndex).search('Merged by a Maintainer')[0]?.item.title).toBe('Merged by a Maintainer');
    expect(f.triage.log.lines.find((l) => l.msg.startsWith('github: the list changed on GitHub'))?.extra).toMatchObject({ added: 1, removed: 0, addedTitles: ['Merged by a Maintainer'] });
  });

  it('writes nothing when the base branch has the version synced last', async () => {
    const f = await fixture();
    expect((await f.publishing.sync()).status).toBe('in-step');
    const before = statSync(f.triage.list);
    expect(await f.publishing.sync()).toMatchObject({ status: 'unchanged', added: [], removed: [] });
    const after = statSync(f.triage.list);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('keeps approvals that are in the open pull request, and approvals still queued, over the base branch’s text', async () => {
    const f = await fixture();
    const a = f.triage.candidate('2604.00001', 'In The Pull Request');
    await f.approve(a.id);
    f.github.down();
    const b = f.triage.candidate('2604.00002', 'Still Queued');
    await f.approve(b.id);
    f.github.up();
    f.github.failNext({ status: 503 }, { method: 'PUT', count: 10 });
    const maintainers = withMaintainersRow(f.github.file('main')!);
    f.github.commit('main', maintainers, 'Add a paper by hand');

    const report = await f.publishing.sync();
    expect(report).toMatchObject({ status: 'updated', added: ['Merged by a Maintainer'], removed: [], kept: 2 });
    const local = f.triage.text();
    expect(local).toContain('2605.09999');
    expect(local).toContain('2604.00001');
    expect(local).toContain('2604.00002');
    // Exactly GitHub's text plus our two lines.
    const diff = lineDiff(maintainers, local);
    expect(diff.removed).toEqual([]);
    expect(diff.added).toEqual([f.triage.store.candidate(a.id)!.decidedLine, f.triage.store.candidate(b.id)!.decidedLine]);
  });

  it('has each approval once after its pull request was merged', async () => {
    const f = await fixture();
    const a = f.triage.candidate('2604.00001', 'Merged Paper');
    await f.approve(a.id);
    f.github.merge(1);
    expect((await f.publishing.sync()).status).toBe('in-step');
    expect(f.triage.text().split('2604.00001')).toHaveLength(2);
    expect(f.triage.text()).toBe(f.github.file('main'));
  });

  it('follows GitHub when a pull request was closed without merging: its lines leave the local copy', async () => {
    const f = await fixture();
    const a = f.triage.candidate('2604.00001', 'Turned Down');
    await f.approve(a.id);
    f.github.closePull(1);
    f.github.commit('main', withMaintainersRow(f.github.file('main')!), 'Something else');
    const report = await f.publishing.sync();
    expect(report).toMatchObject({ status: 'updated', added: ['Merged by a Maintainer'], removed: ['Turned Down'], kept: 0 });
    expect(f.triage.text()).toBe(f.github.file('main'));
  });

  it('keeps an undo that has not reached GitHub yet: the merged line stays out of the local copy', async () => {
    const f = await fixture();
    const a = f.triage.candidate('2604.00001', 'Undone Later');
    await f.approve(a.id);
    f.github.merge(1);
    f.github.down();
    await f.undo(a.id);
    f.github.up();
    f.github.failNext({ status: 503 }, { method: 'PUT', count: 10 });
    f.github.commit('main', withMaintainersRow(f.github.file('main')!), 'Something else');
    const report = await f.publishing.sync();
    expect(report).toMatchObject({ status: 'updated', kept: 1 });
    expect(f.triage.text()).not.toContain('2604.00001');
    expect(f.triage.text()).toContain('2605.09999');
  });

  it('refuses a base-branch list that is not a list and keeps the local copy', async () => {
    const f = await fixture();
    f.github.commit('main', 'oops\n', 'Break the list');
    await expect(f.publishing.sync()).rejects.toThrow(/not a survey list|no markdown headings/);
    expect(f.triage.text()).toBe(SEED);
  });

  it('syncs at start and every LIST_SYNC_INTERVAL_MS while the bot runs', async () => {
    const f = await fixture({ config: { syncIntervalMs: 50 } });
    f.github.commit('main', withMaintainersRow(f.github.file('main')!), 'Before the start');
    await f.publishing.start();
    expect(f.triage.text()).toContain('2605.09999');
    f.github.commit('main', withMaintainersRow(f.github.file('main')!, '|[Second By Hand](https://arxiv.org/abs/2605.09998)|ICCV 2025||'), 'Later');
    await f.github.waitFor(() => f.triage.catalogue.catalogue.entries.some((e) => e.arxivId === '2605.09998'));
    expect(f.triage.text()).toBe(f.github.file('main'));
  });
});

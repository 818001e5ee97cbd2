/**
 * Triage with LIST_PUBLISH=pr against the fake GitHub: a private copy of the seed list as the
 * local SURVEY_PATH, the same seed as README.md on GitHub's `main`, and the publishing service on
 * the fixture's database. `restart()` closes everything but the files and the fake, and opens
 * them again (a new process, as far as the state is concerned).
 */
import { afterEach } from 'vitest';
import type { GitHubConfig } from '../../src/config.js';
import { ListPublishing, type ListPublishingOptions } from '../../src/publish/list-publishing.js';
import type { TriageServiceOptions } from '../../src/triage/triage-service.js';
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from '../fakes/github/fake-github.js';
import { SEED, triageFixture } from './triage.js';

export const TOKEN = 'ghp_fakeTokenThatMustNeverBePrinted0001';

export function githubConfig(github: FakeGitHub, extra: Partial<GitHubConfig> = {}): GitHubConfig {
  return { owner: github.owner, repo: github.repo, token: TOKEN, apiUrl: github.apiUrl, listPath: 'README.md', syncIntervalMs: 0, ...extra };
}

type PublishingOptions = Partial<Omit<ListPublishingOptions, 'db' | 'catalogue' | 'log'>>;

export async function publishFixture(options: { github?: Partial<FakeGitHubOptions>; config?: Partial<GitHubConfig>; publishing?: PublishingOptions; triage?: Pick<TriageServiceOptions, 'checkpoint'> } = {}) {
  const github = await startFakeGitHub({ token: TOKEN, files: { 'README.md': SEED }, ...options.github });
  const open = async (dir?: Awaited<ReturnType<typeof triageFixture>>['dir']) => {
    // Triage is built first and hands its changes to the publishing built on its database.
    const hook: { to?: ListPublishing } = {};
    const triage = await triageFixture({ ...options.triage, ...(dir && { dir }), onListChange: (change) => hook.to!.onListChange(change) });
    const publishing = new ListPublishing({ github: githubConfig(github, options.config), db: triage.db, catalogue: triage.catalogue, log: triage.log, backoff: { baseMs: 1, maxMs: 5 }, ...options.publishing });
    hook.to = publishing;
    return { triage, publishing };
  };
  let { triage, publishing } = await open();
  const f = {
    github,
    get triage() {
      return triage;
    },
    get publishing() {
      return publishing;
    },
    /** Approves candidate `id` as `by` (console) and waits until its publication has been tried. */
    async approve(id: number, by = 'console:alice', section?: string) {
      const r = await triage.service.approve(String(id), section, by);
      await publishing.idle();
      return r;
    },
    async undo(id: number, by = 'console:alice') {
      const r = await triage.service.undo(String(id), by);
      await publishing.idle();
      return r;
    },
    /** A new process on the same list file and database. */
    async restart() {
      await publishing.stop();
      await triage.close();
      ({ triage, publishing } = await open(triage.dir));
    },
    async cleanup() {
      await publishing.stop();
      await triage.cleanup();
      await github.close();
      // Issue 13 lists the endpoints the bot may use; every test holds it to that.
      if (github.unexpected.length) throw new Error(`requests outside the allowed endpoints: ${github.unexpected.map((r) => `${r.method} ${r.path}`).join(', ')}`);
    },
  };
  return f;
}

export type PublishFixture = Awaited<ReturnType<typeof publishFixture>>;

/** For a test file: `const fixture = publishFixtures();` then `await fixture(options)` in a test; each is cleaned up after it. */
export function publishFixtures(): (options?: Parameters<typeof publishFixture>[0]) => Promise<PublishFixture> {
  const made: PublishFixture[] = [];
  afterEach(async () => {
    for (const f of made.splice(0)) await f.cleanup();
  });
  return async (options) => {
    const f = await publishFixture(options);
    made.push(f);
    return f;
  };
}

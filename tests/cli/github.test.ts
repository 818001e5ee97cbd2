/**
 * The operator's view, as processes: `curator ask "triage approve N"` and the console with
 * LIST_PUBLISH=pr, `curator github sync` and `curator github check`, against the fake GitHub.
 * The token never appears in what they print.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dbPath, openDatabase } from '../../src/db/database.js';
import { TriageStore } from '../../src/triage/store.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/fake-github.js';
import { tempDir } from '../helpers/fixtures.js';
import { lineDiff } from '../helpers/line-diff.js';
import { TOKEN } from '../helpers/publish.js';
import { runCli } from '../helpers/run-cli.js';
import { assessment, paper, SEED } from '../helpers/triage.js';

const BRANCH = 'curator/additions';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A data directory with two pending candidates, the seed list, and a fake GitHub holding the seed as README.md. */
async function setup(github: Partial<Parameters<typeof startFakeGitHub>[0]> = {}) {
  const dir = tempDir({ 'survey.md': SEED });
  cleanups.push(() => dir.cleanup());
  const fake = await startFakeGitHub({ token: TOKEN, files: { 'README.md': SEED }, ...github });
  cleanups.push(() => fake.close());
  const db = openDatabase(dbPath(dir.path('data')));
  const store = new TriageStore(db);
  store.addCandidate(paper('2604.00001', 'First Paper'), assessment(), 'test', 1);
  store.addCandidate(paper('2604.00002', 'Second Paper'), assessment(), 'test', 2);
  db.close();
  const env = {
    SURVEY_PATH: dir.path('survey.md'),
    DATA_DIR: dir.path('data'),
    RECONCILE_INTERVAL_MS: '0',
    LIST_PUBLISH: 'pr',
    GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: fake.apiUrl,
    LIST_SYNC_INTERVAL_MS: '0',
  };
  return { dir, fake, env };
}

function expectNoToken(run: { stdout: string; stderr: string }) {
  expect(run.stdout + run.stderr).not.toContain(TOKEN);
}

function expectOneLineCommits(fake: FakeGitHub, count: number) {
  const commits = fake.commitsAhead(BRANCH);
  expect(commits).toHaveLength(count);
  for (const c of commits) {
    const d = lineDiff(fake.change(c).before, fake.change(c).after);
    expect(d.added.length + d.removed.length).toBe(1);
  }
}

describe('curator ask with LIST_PUBLISH=pr', () => {
  it('approves into the local list and publishes one commit and a pull request before it exits', async () => {
    const { dir, fake, env } = await setup();
    const run = await runCli(['ask', 'triage approve 1'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Approved #1');
    expectNoToken(run);
    expectOneLineCommits(fake, 1);
    expect(fake.file(BRANCH)).toBe((await import('node:fs')).readFileSync(dir.path('survey.md'), 'utf8'));
    expect(fake.state.pulls).toHaveLength(1);
    expect(fake.state.pulls[0]!.body).toContain('approved by `the operator (curator ask)`');
    expect(run.stderr).toMatch(/github: opened a pull request/);
    expect(fake.unexpected).toEqual([]);
  });

  it('queues the change while GitHub is down and publishes it once, from a later command', async () => {
    const { fake, env } = await setup();
    fake.down();
    const first = await runCli(['ask', 'triage approve 1'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Approved #1');
    expect(first.stderr).toMatch(/stays queued/);
    expect(fake.commitsAhead(BRANCH)).toEqual([]);

    fake.up();
    const second = await runCli(['ask', 'pending'], env);
    expect(second.code, second.stderr).toBe(0);
    expectOneLineCommits(fake, 1);
    const third = await runCli(['ask', 'pending'], env);
    expect(third.code, third.stderr).toBe(0);
    expectOneLineCommits(fake, 1);
    expect(fake.state.pulls).toHaveLength(1);
    expectNoToken(first);
    expectNoToken(second);
  });

  it('publishes an approval typed in the console (npm start) before the console exits, and its undo from the next one', async () => {
    const { fake, env } = await setup();
    const run = await runCli(['start'], env, 'triage approve 2\nquit\n');
    expect(run.code, run.stderr).toBe(0);
    expectOneLineCommits(fake, 1);
    const undo = await runCli(['start'], env, 'triage undo 2\nquit\n');
    expect(undo.code, undo.stderr).toBe(0);
    expectOneLineCommits(fake, 2);
    expect(fake.file(BRANCH)).toBe(SEED);
    expectNoToken(run);
  });
});

describe('curator github sync', () => {
  it('prints what changed on GitHub and updates the local list; a second run finds nothing new', async () => {
    const { dir, fake, env } = await setup();
    const row = '|[Added On GitHub](https://arxiv.org/abs/2605.00001)|ICCV 2025||';
    const at = SEED.indexOf('\n', SEED.indexOf('|[', SEED.indexOf('### Pre-training with Contrastive Objective')));
    fake.commit('main', SEED.slice(0, at + 1) + row + '\n' + SEED.slice(at + 1), 'A maintainer adds a paper');
    const run = await runCli(['github', 'sync'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^README\.md on main of vlm-maintainers\/awesome-vlm \(blob [0-9a-f]{7}\) → .*survey\.md: 1 entry added, 0 removed\.\n {2}\+ Added On GitHub\n$/);
    expect((await import('node:fs')).readFileSync(dir.path('survey.md'), 'utf8')).toBe(fake.file('main'));
    const again = await runCli(['github', 'sync'], env);
    expect(again.stdout).toMatch(/unchanged since the last sync; nothing written/);
    expectNoToken(run);
  });

  it('says what to set when GitHub is not configured', async () => {
    const { env } = await setup();
    const run = await runCli(['github', 'sync'], { ...env, LIST_PUBLISH: 'none', GITHUB_TOKEN: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/set GITHUB_REPOSITORY and GITHUB_TOKEN/);
  });
});

describe('curator github check', () => {
  it('says everything is in place, and changes nothing on GitHub', async () => {
    const { fake, env } = await setup();
    const run = await runCli(['github', 'check'], env);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('✓ token accepted; repository vlm-maintainers/awesome-vlm (public, default branch main)');
    expect(run.stdout).toContain('✓ README.md on main is a list: ');
    expect(run.stdout).toContain('✓ Contents: write');
    expect(run.stdout).toContain('✓ Pull requests: read');
    expect(run.stdout).toContain('✓ Pull requests: write');
    expect(run.stdout).toContain('Everything LIST_PUBLISH=pr needs is in place.');
    expect([...fake.state.branches.keys()]).toEqual(['main']);
    expect(fake.state.pulls).toEqual([]);
    expectNoToken(run);
  });

  it('names the missing permission', async () => {
    const { env } = await setup({ permissions: { pulls: 'read' } });
    const run = await runCli(['github', 'check'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ the token lacks Pull requests: write .*\n {4}→ give the token Pull requests: Read and write/);
    expect(run.stdout).toContain('✓ Contents: write');
  });

  it('says the token was rejected, without printing it', async () => {
    const { env } = await setup();
    const run = await runCli(['github', 'check'], { ...env, GITHUB_TOKEN: 'ghp_wrongTokenThatMustNotBePrinted' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ GitHub rejected GITHUB_TOKEN (Bad credentials)');
    expect(run.stdout + run.stderr).not.toContain('ghp_wrongTokenThatMustNotBePrinted');
  });

  it('names the path and the base branch when they are wrong', async () => {
    const { env } = await setup();
    const path = await runCli(['github', 'check'], { ...env, GITHUB_LIST_PATH: 'docs/LIST.md' });
    expect(path.stdout).toMatch(/✗ docs\/LIST\.md is not on main\n {4}→ set GITHUB_LIST_PATH/);
    const base = await runCli(['github', 'check'], { ...env, GITHUB_BASE_BRANCH: 'trunk' });
    expect(base.stdout).toMatch(/✗ base branch trunk does not exist\n {4}→ set GITHUB_BASE_BRANCH/);
  });

  it('says what is not set', async () => {
    const { env } = await setup();
    const run = await runCli(['github', 'check'], { ...env, LIST_PUBLISH: '', GITHUB_REPOSITORY: '', GITHUB_TOKEN: '' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('! LIST_PUBLISH is none');
    expect(run.stdout).toContain('✗ GITHUB_REPOSITORY is not set');
    expect(run.stdout).toContain('✗ GITHUB_TOKEN is not set');
  });
});

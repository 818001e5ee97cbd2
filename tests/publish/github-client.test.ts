/**
 * The GitHub client (real Octokit) against the fake, answer by answer: what GitHub says for a
 * missing ref or file, a stale sha, an existing ref or pull request, and how each failure is
 * classified for the outbox.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { classifyFailure, GitHubRepo } from '../../src/publish/github-client.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/fake-github.js';
import { githubConfig, TOKEN } from '../helpers/publish.js';

const TEXT = '## Papers\n\n|Title|Venue|Code|\n|---|---|---|\n|[Ünïcode — 🚀](https://arxiv.org/abs/2101.00001)|CVPR 2021||\r\n';
const fakes: FakeGitHub[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
async function setup() {
  const fake = await startFakeGitHub({ token: TOKEN, files: { 'README.md': TEXT } });
  fakes.push(fake);
  return { fake, repo: new GitHubRepo(githubConfig(fake)) };
}

/** The error a call rejects with. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.unreachable('expected a failure'),
    (err: unknown) => err,
  );
}

describe('GitHubRepo against the fake GitHub', () => {
  it('reads and writes the list byte for byte (base64, UTF-8, CRLF), one commit per write', async () => {
    const { fake, repo } = await setup();
    expect(await repo.baseBranch()).toBe('main');
    const file = (await repo.file('main'))!;
    expect(file.text).toBe(TEXT);
    const next = TEXT + '|[Another](https://arxiv.org/abs/2101.00002)|ICCV 2021||\n';
    const sha = await repo.putFile({ branch: 'main', text: next, sha: file.sha, message: 'Add one' });
    expect(fake.state.branches.get('main')).toBe(sha);
    expect(fake.file('main')).toBe(next);
  });

  it('answers a missing branch or file with undefined (GitHub: 404)', async () => {
    const { repo } = await setup();
    expect(await repo.file('no-such-branch')).toBeUndefined();
    expect(await repo.file('main', 'docs/missing.md')).toBeUndefined();
    expect(await repo.branchHead('no-such-branch')).toBeUndefined();
  });

  it('is refused a write from a stale sha (409), which the outbox retries on fresh content', async () => {
    const { fake, repo } = await setup();
    const file = (await repo.file('main'))!;
    fake.commit('main', TEXT + 'someone else\n');
    const err = await failure(repo.putFile({ branch: 'main', text: TEXT + 'mine\n', sha: file.sha, message: 'Mine' }));
    expect((err as { status: number }).status).toBe(409);
    expect(classifyFailure(err, 0)).toMatchObject({ kind: 'stale' });
  });

  it('makes a branch once (422 "Reference already exists" the second time) and opens one pull request from it', async () => {
    const { fake, repo } = await setup();
    const head = (await repo.branchHead('main'))!;
    expect(await repo.createBranch('curator/additions', head)).toBe('created');
    expect(await repo.createBranch('curator/additions', head)).toBe('exists');
    const file = (await repo.file('curator/additions'))!;
    await repo.putFile({ branch: 'curator/additions', text: TEXT + 'x\n', sha: file.sha, message: 'x' });
    const pull = await repo.createPull({ branch: 'curator/additions', base: 'main', title: 't', body: 'b' });
    expect(pull).toMatchObject({ number: 1, head: 'curator/additions', base: 'main' });
    expect(await repo.createPull({ branch: 'curator/additions', base: 'main', title: 't', body: 'b' })).toBe('exists');
    expect(await repo.openPull('curator/additions')).toMatchObject({ number: 1, body: 'b' });
    await repo.updatePull(1, { body: 'new' });
    expect(fake.state.pulls[0]!.body).toBe('new');
    fake.closePull(1);
    expect(await repo.openPull('curator/additions')).toBeUndefined();
  });

  it('classifies rate limits, outages and refusals for the outbox', async () => {
    const { fake, repo } = await setup();
    const now = 1_000_000;
    fake.failNext({ status: 429, headers: { 'retry-after': '30' } });
    expect(classifyFailure(await failure(repo.repository()), now)).toMatchObject({ kind: 'later', rateLimited: true, retryAt: now + 30_000 });
    fake.failNext({ status: 403, message: 'API rate limit exceeded', headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2000' } });
    expect(classifyFailure(await failure(repo.repository()), now)).toMatchObject({ kind: 'later', rateLimited: true, retryAt: 2_000_000 });
    fake.failNext({ status: 503 });
    expect(classifyFailure(await failure(repo.repository()), now)).toMatchObject({ kind: 'later', rateLimited: false });
    fake.failNext({ network: true });
    expect(classifyFailure(await failure(repo.repository()), now)).toMatchObject({ kind: 'later', rateLimited: false });
    fake.permissions.pulls = 'read';
    const refused = classifyFailure(await failure(repo.createPull({ branch: 'main', base: 'main', title: 't', body: '' })), now);
    expect(refused).toMatchObject({ kind: 'refused', status: 403 });
    expect(refused.reason).toBe('Resource not accessible by personal access token (the token needs: pull_requests=write)');
    const bad = new GitHubRepo({ ...githubConfig(fake), token: 'ghp_wrong' });
    expect(classifyFailure(await failure(bad.repository()), now)).toMatchObject({ kind: 'refused', status: 401, reason: 'Bad credentials' });
  });
});

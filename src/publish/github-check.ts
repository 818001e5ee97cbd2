/**
 * `curator github check`: can LIST_PUBLISH=pr work with this configuration? Checks the settings,
 * the token, the repository, the base branch, the list file and the token's permissions (Contents
 * and Pull requests, read and write) and says plainly what is missing and how to fix it.
 *
 * Nothing is changed on GitHub. Write permissions are probed with requests GitHub must refuse
 * either way: a ref at the all-zero sha (422 "Object does not exist" with Contents write, 403
 * without) and a pull request from a branch that does not exist (422 with Pull requests write,
 * 403 without). The token is never printed.
 */
import type { Config } from '../config.js';
import { checkList, NotAListError } from '../catalogue/validate.js';
import { ADDITIONS_BRANCH } from './additions-branch.js';
import { GitHubRepo, messageOf, statusOf } from './github-client.js';
import type { PublicationStore } from './publication-store.js';

export interface CheckLine {
  status: 'ok' | 'warn' | 'fail';
  text: string;
  /** What to do about it. */
  fix?: string;
}

const ZERO_SHA = '0000000000000000000000000000000000000000';
const PROBE_BRANCH = 'curator/permission-check-probe';
const TOKEN_HELP = 'see README → Publish approvals to GitHub';

/** `env`: the environment the config was read from (to name what is missing). */
export async function checkGitHub(config: Config, options: { store?: PublicationStore; env?: NodeJS.ProcessEnv } = {}): Promise<CheckLine[]> {
  const { store, env = process.env } = options;
  const lines: CheckLine[] = [];
  const add = (status: CheckLine['status'], text: string, fix?: string) => lines.push({ status, text, ...(fix && { fix }) });

  if (config.publish === 'pr') add('ok', 'LIST_PUBLISH=pr: approvals are published as a pull request');
  else add('warn', 'LIST_PUBLISH is none: approvals only change the local list', 'set LIST_PUBLISH=pr to publish them');
  const github = config.github;
  if (!github) {
    if (!env.GITHUB_REPOSITORY?.trim()) add('fail', 'GITHUB_REPOSITORY is not set', 'set it to the list’s repository, owner/name');
    if (!env.GITHUB_TOKEN?.trim()) add('fail', 'GITHUB_TOKEN is not set', `make a fine-grained token (${TOKEN_HELP}) and set it`);
    return lines;
  }
  const repo = new GitHubRepo(github);

  let info;
  try {
    info = await repo.repository();
  } catch (err) {
    const status = statusOf(err);
    if (status === 401) add('fail', `GitHub rejected GITHUB_TOKEN (${messageOf(err)})`, `make a new token (${TOKEN_HELP}); it may have expired or been revoked`);
    else if (status === 404 || status === 403) add('fail', `repository ${repo.fullName} not found, or the token cannot see it`, 'check GITHUB_REPOSITORY, and give the token access to this repository (Repository access → Only select repositories)');
    else add('fail', `cannot reach GitHub at ${github.apiUrl} (${messageOf(err)})`, 'check GITHUB_API_URL and the network');
    return lines;
  }
  add('ok', `token accepted; repository ${info.fullName} (${info.private ? 'private' : 'public'}, default branch ${info.defaultBranch})${info.tokenExpires ? `; the token expires ${info.tokenExpires}` : ''}`);
  if (info.permissions && info.permissions.push === false) add('fail', `the token’s account cannot push to ${info.fullName}`, 'use a token of a maintainer with write access');

  const base = github.baseBranch ?? info.defaultBranch;
  const baseHead = await repo.branchHead(base).catch((err: unknown) => {
    add('fail', `cannot read branches (${messageOf(err)})`, 'give the token Contents: Read and write');
    return null;
  });
  if (baseHead === null) return lines;
  if (!baseHead) {
    add('fail', `base branch ${base} does not exist`, 'set GITHUB_BASE_BRANCH to the branch the list lives on (unset: the default branch)');
    return lines;
  }
  add('ok', `base branch ${base} (head ${baseHead.slice(0, 7)})`);

  try {
    const file = await repo.file(base);
    if (!file) add('fail', `${github.listPath} is not on ${base}`, 'set GITHUB_LIST_PATH to the list’s path in the repository');
    else {
      const list = checkList(file.text, `${repo.fullName}:${base}:${github.listPath}`);
      add('ok', `${github.listPath} on ${base} is a list: ${list.entries.length} entries in ${list.sections.length} sections`);
    }
  } catch (err) {
    if (err instanceof NotAListError) add('fail', err.message, 'fix the list on GitHub, or set GITHUB_LIST_PATH');
    else if (statusOf(err) === 403) add('fail', `the token cannot read ${github.listPath} (${messageOf(err)})`, 'give the token Contents: Read and write');
    else add('fail', `cannot read ${github.listPath} (${messageOf(err)})`);
  }

  await probe(add, 'Contents: write', () => repo.createBranch(PROBE_BRANCH, ZERO_SHA), 'give the token Contents: Read and write');

  let open;
  try {
    open = await repo.openPull(ADDITIONS_BRANCH);
    add('ok', 'Pull requests: read');
  } catch (err) {
    add('fail', `the token cannot list pull requests (${messageOf(err)})`, 'give the token Pull requests: Read and write');
  }
  if (await repo.branchHead(PROBE_BRANCH).catch(() => undefined)) add('warn', `could not check Pull requests: write (a branch ${PROBE_BRANCH} exists; delete it)`);
  else await probe(add, 'Pull requests: write', () => repo.createPull({ branch: PROBE_BRANCH, base, title: 'vlm-curator permission check', body: '' }), 'give the token Pull requests: Read and write');

  const ours = await repo.branchHead(ADDITIONS_BRANCH).catch(() => undefined);
  if (open) add('ok', `${ADDITIONS_BRANCH} has the open pull request #${open.number} (${open.url}); approvals are added to it`);
  else if (ours) add('ok', `${ADDITIONS_BRANCH} exists without an open pull request; the next approval starts a fresh branch from ${base}`);
  else add('ok', `${ADDITIONS_BRANCH} does not exist yet; the first approval makes it from ${base}`);

  if (store) {
    const counts = store.counts();
    const waiting = store.list(['queued', 'publishing']);
    if (waiting.length) add('warn', `${waiting.length} change(s) waiting to be published; last error: ${waiting[0]!.lastError ?? 'none yet'}`, 'the running bot, or the next `curator ask`, publishes them');
    else add('ok', `nothing waiting to be published (${counts.published} published so far)`);
    for (const p of store.list(['failed'])) add('warn', `not published, and not retried: ${p.action} “${p.title}” (arXiv ${p.arxivId}): ${p.lastError ?? ''}`);
  }
  return lines;
}

/** A write GitHub refuses either way: 422 means the permission is there, 403/404 that it is not. */
async function probe(add: (status: CheckLine['status'], text: string, fix?: string) => void, what: string, write: () => Promise<unknown>, fix: string) {
  try {
    await write();
    add('warn', `${what}: could not tell (GitHub accepted a request it should have refused)`);
  } catch (err) {
    const status = statusOf(err);
    if (status === 422) add('ok', what);
    else if (status === 403 || status === 404) add('fail', `the token lacks ${what} (${messageOf(err)})`, fix);
    else add('warn', `${what}: could not tell (${messageOf(err)})`);
  }
}

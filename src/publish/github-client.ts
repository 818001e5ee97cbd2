/**
 * The list's GitHub repository, through the real `@octokit/rest` client pointed at GITHUB_API_URL.
 * Only these REST endpoints are used (so a fake can stand in for GitHub, and a fine-grained token
 * needs no more than Contents and Pull requests):
 *
 *   GET  /repos/{o}/{r}                              repository(): default branch, visibility
 *   GET  /repos/{o}/{r}/contents/{path}?ref=…        file()
 *   PUT  /repos/{o}/{r}/contents/{path}              putFile(): one commit on a branch, given the file's sha
 *   GET  /repos/{o}/{r}/git/ref/heads/{branch}       branchHead()
 *   POST /repos/{o}/{r}/git/refs                     createBranch()
 *   GET  /repos/{o}/{r}/pulls?state=open&head=o:b    openPull()
 *   POST /repos/{o}/{r}/pulls                        createPull()
 *   PATCH /repos/{o}/{r}/pulls/{n}                   updatePull()
 *
 * No retries here: a failure is classified ({@link classifyFailure}) and the caller decides —
 * the outbox waits and tries again later, a stale sha is retried on fresh content.
 */
import type { Octokit } from '@octokit/rest';
import type { GitHubConfig } from '../config.js';

/** Each request gives up after this long (Octokit has no timeout of its own). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface RepoInfo {
  fullName: string;
  defaultBranch: string;
  private: boolean;
  /** What the token's user may do in the repository (not what the token itself may do). */
  permissions?: { admin?: boolean; push?: boolean; pull?: boolean };
  /** `github-authentication-token-expiration`, when GitHub sends it. */
  tokenExpires?: string;
}

/** A file as it is on one branch: its text and its blob sha (what a PUT must name). */
export interface RemoteFile {
  text: string;
  sha: string;
}

export interface PullInfo {
  number: number;
  title: string;
  body: string;
  url: string;
  /** The head branch's name. */
  head: string;
  base: string;
}

/**
 * What is on GitHub, or in our settings, needs a person: the list file is missing, not a list,
 * too large or not UTF-8; the base branch does not exist. Retrying soon will not help.
 */
export class GitHubSetupError extends Error {
  override name = 'GitHubSetupError';
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class GitHubRepo {
  readonly owner: string;
  readonly repo: string;
  private client?: Promise<Octokit>;
  private defaultBranch?: string;
  private readonly timeoutMs: number;

  constructor(
    private readonly config: GitHubConfig,
    options: { timeoutMs?: number } = {},
  ) {
    this.owner = config.owner;
    this.repo = config.repo;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  /** Octokit's REST methods; the client is loaded on first use (a run that never talks to GitHub never loads it). */
  private async rest(): Promise<Octokit['rest']> {
    this.client ??= import('@octokit/rest').then(({ Octokit }) => {
      const silent = () => undefined;
      const timeoutMs = this.timeoutMs;
      return new Octokit({
        auth: this.config.token,
        baseUrl: this.config.apiUrl.replace(/\/+$/, ''),
        userAgent: 'vlm-curator',
        log: { debug: silent, info: silent, warn: silent, error: silent },
        request: {
          fetch: (url: string, init: RequestInit) => fetch(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs) }),
        },
      });
    });
    return (await this.client).rest;
  }

  /** `owner/name`. */
  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /** The path of the list in the repository (GITHUB_LIST_PATH). */
  get listPath(): string {
    return this.config.listPath;
  }

  async repository(): Promise<RepoInfo> {
    const res = await (await this.rest()).repos.get({ owner: this.owner, repo: this.repo });
    this.defaultBranch = res.data.default_branch;
    const expires = res.headers['github-authentication-token-expiration'];
    return {
      fullName: res.data.full_name,
      defaultBranch: res.data.default_branch,
      private: res.data.private,
      ...(res.data.permissions && { permissions: res.data.permissions }),
      ...(typeof expires === 'string' && { tokenExpires: expires }),
    };
  }

  /** GITHUB_BASE_BRANCH, else the repository's default branch (asked once). */
  async baseBranch(): Promise<string> {
    if (this.config.baseBranch) return this.config.baseBranch;
    if (!this.defaultBranch) await this.repository();
    return this.defaultBranch!;
  }

  /** The list file on `ref` (a branch); undefined when the branch or the file does not exist. */
  async file(ref: string, path = this.listPath): Promise<RemoteFile | undefined> {
    let data: unknown;
    try {
      data = (await (await this.rest()).repos.getContent({ owner: this.owner, repo: this.repo, path, ref })).data;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
    const file = data as { type?: string; encoding?: string; content?: string; sha?: string };
    if (Array.isArray(data) || file.type !== 'file' || typeof file.sha !== 'string') throw new GitHubSetupError(`publish/github: ${path} on ${ref} in ${this.fullName} is not a file; set GITHUB_LIST_PATH to the list's path`);
    if (file.encoding !== 'base64' || typeof file.content !== 'string') throw new GitHubSetupError(`publish/github: ${path} on ${ref} is too large for GitHub's contents API (over 1 MB); it cannot be published to`);
    try {
      return { text: STRICT_UTF8.decode(Buffer.from(file.content, 'base64')), sha: file.sha };
    } catch {
      throw new GitHubSetupError(`publish/github: ${path} on ${ref} is not valid UTF-8, so it cannot be rewritten without changing bytes`);
    }
  }

  /** Commits `text` as the new content of the file on `branch`, replacing the version `sha`. Resolves to the commit's sha. */
  async putFile(change: { branch: string; text: string; sha: string; message: string; path?: string }): Promise<string> {
    const res = await (await this.rest()).repos.createOrUpdateFileContents({
      owner: this.owner,
      repo: this.repo,
      path: change.path ?? this.listPath,
      branch: change.branch,
      sha: change.sha,
      message: change.message,
      content: Buffer.from(change.text, 'utf8').toString('base64'),
    });
    return res.data.commit.sha ?? '';
  }

  /** The commit a branch points at; undefined when there is no such branch. */
  async branchHead(branch: string): Promise<string | undefined> {
    try {
      return (await (await this.rest()).git.getRef({ owner: this.owner, repo: this.repo, ref: `heads/${branch}` })).data.object.sha;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /** Makes `branch` at commit `sha`; `exists` when a branch of that name is already there. */
  async createBranch(branch: string, sha: string): Promise<'created' | 'exists'> {
    try {
      await (await this.rest()).git.createRef({ owner: this.owner, repo: this.repo, ref: `refs/heads/${branch}`, sha });
      return 'created';
    } catch (err) {
      if (statusOf(err) === 422 && /already exists/i.test(messageOf(err))) return 'exists';
      throw err;
    }
  }

  /** The open pull request from our `branch`, if any. */
  async openPull(branch: string): Promise<PullInfo | undefined> {
    const res = await (await this.rest()).pulls.list({ owner: this.owner, repo: this.repo, state: 'open', head: `${this.owner}:${branch}`, per_page: 10 });
    const pull = res.data.find((p) => p.head.ref === branch);
    return pull && toPull(pull);
  }

  /** Opens a pull request from `branch` into `base`; `exists` when one is already open. */
  async createPull(pull: { branch: string; base: string; title: string; body: string }): Promise<PullInfo | 'exists'> {
    try {
      const res = await (await this.rest()).pulls.create({ owner: this.owner, repo: this.repo, head: pull.branch, base: pull.base, title: pull.title, body: pull.body, maintainer_can_modify: true });
      return toPull(res.data);
    } catch (err) {
      if (statusOf(err) === 422 && /already exists/i.test(messageOf(err))) return 'exists';
      throw err;
    }
  }

  async updatePull(number: number, change: { title?: string; body?: string }): Promise<void> {
    await (await this.rest()).pulls.update({ owner: this.owner, repo: this.repo, pull_number: number, ...change });
  }
}

interface PullData {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  head: { ref: string };
  base: { ref: string };
}

function toPull(p: PullData): PullInfo {
  return { number: p.number, title: p.title, body: p.body ?? '', url: p.html_url, head: p.head.ref, base: p.base.ref };
}

/** What Octokit's RequestError carries (duck-typed: the class lives in a transitive package). */
interface HttpFailure {
  status: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
}

function asHttpFailure(err: unknown): HttpFailure | undefined {
  return err instanceof Error && typeof (err as Partial<HttpFailure>).status === 'number' ? (err as unknown as HttpFailure) : undefined;
}

/** The HTTP status of a failed request; undefined for errors that are not requests. */
export function statusOf(err: unknown): number | undefined {
  return asHttpFailure(err)?.status;
}

/** GitHub's own message (with the validation errors' messages), else the error's. */
export function messageOf(err: unknown): string {
  const failure = asHttpFailure(err);
  const data = failure?.response?.data as { message?: string; errors?: { message?: string; code?: string }[] } | undefined;
  if (data && typeof data.message === 'string') {
    const details = (data.errors ?? []).map((e) => e.message ?? e.code).filter(Boolean);
    return details.length ? `${data.message}: ${details.join('; ')}` : data.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * What a failed request means for the caller:
 * - `stale`: the file changed since we read it (409; 422 from a PUT that named an old sha) —
 *   read it again and redo the change;
 * - `later`: GitHub is down, unreachable, slow or rate-limiting us — try again at `retryAt` (ms
 *   since the epoch) when GitHub said when, else after a backoff;
 * - `refused`: GitHub understood and said no (bad token, no permission, no such repository or
 *   branch) — a configuration problem; retrying soon will not help, and `curator github check`
 *   says what to fix.
 */
export type Failure =
  | { kind: 'stale'; reason: string }
  | { kind: 'later'; reason: string; retryAt?: number; rateLimited: boolean }
  | { kind: 'refused'; reason: string; status: number };

export function classifyFailure(err: unknown, now: number): Failure {
  const reason = messageOf(err);
  if (err instanceof GitHubSetupError) return { kind: 'refused', status: 0, reason };
  const failure = asHttpFailure(err);
  // No response at all: a network error or our timeout (Octokit reports both as status 500).
  if (!failure || !failure.response) return { kind: 'later', reason, rateLimited: false };
  const { status } = failure;
  const header = (name: string) => {
    const v = failure.response!.headers[name];
    return v === undefined ? undefined : String(v);
  };
  const retryAfter = Number(header('retry-after'));
  const remaining = header('x-ratelimit-remaining');
  const reset = Number(header('x-ratelimit-reset'));
  if (status === 429 || (status === 403 && (header('retry-after') !== undefined || remaining === '0'))) {
    const retryAt = Number.isFinite(retryAfter) && header('retry-after') !== undefined ? now + retryAfter * 1000 : remaining === '0' && Number.isFinite(reset) ? reset * 1000 : undefined;
    return { kind: 'later', reason, rateLimited: true, ...(retryAt !== undefined && { retryAt: Math.max(now, retryAt) }) };
  }
  if (status >= 500) return { kind: 'later', reason, rateLimited: false };
  if (status === 409) return { kind: 'stale', reason };
  const needs = header('x-accepted-github-permissions');
  return { kind: 'refused', status, reason: needs ? `${reason} (the token needs: ${needs})` : reason };
}

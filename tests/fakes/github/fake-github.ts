/**
 * A small GitHub on 127.0.0.1 (ephemeral port) for the real `@octokit/rest` client, through
 * GITHUB_API_URL: one repository that keeps files and commits per branch, and pull requests,
 * behind the REST endpoints issue 13 lists (rest.ts). The token is checked (401 "Bad
 * credentials"), the token's permissions can be narrowed (403), and failures can be asked for:
 * GitHub down (503 or dropped connections), primary and secondary rate limits (403/429 with
 * `x-ratelimit-reset` / `retry-after`). Every request is recorded; `waitFor` awaits what a test
 * expects. Maintainers' actions (commit, merge, close) act on the state directly.
 *
 *   const github = await startFakeGitHub({ token: 'ghp_test', files: { 'README.md': SEED } });
 *   new GitHubRepo({ owner: github.owner, repo: github.repo, token: 'ghp_test', apiUrl: github.apiUrl, … });
 *   github.merge(1);
 *   await github.close();
 */
import { EventEmitter } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, readBody, whenTrue } from '../http.js';
import { ApiError, DOCS, routes, type TokenPermissions } from './rest.js';
import { type FakeCommit, FakeRepoState } from './state.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  status: number;
}

/** A failure to answer with instead of the real response. */
export type InjectedFailure =
  | { status: number; message?: string; headers?: Record<string, string> }
  /** The connection is dropped without an answer (a network error). */
  | { network: true };

export interface FakeGitHubOptions {
  token: string;
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /** Files on the default branch at the start. */
  files: Record<string, string>;
  /** The repository setting "Automatically delete head branches". */
  deleteBranchOnMerge?: boolean;
  permissions?: Partial<TokenPermissions>;
}

export interface FakeGitHub {
  origin: string;
  /** For GITHUB_API_URL. */
  apiUrl: string;
  owner: string;
  repo: string;
  state: FakeRepoState;
  requests: RecordedRequest[];
  /** Requests to anything but the endpoints issue 13 allows. */
  unexpected: RecordedRequest[];
  /** Recorded requests with this method whose path matches. */
  find(method: string, path: RegExp): RecordedRequest[];
  /** A file on a branch (undefined when the branch or file does not exist). */
  file(branch: string, path?: string): string | undefined;
  /** Commits on `branch` that the default branch does not have, newest first. */
  commitsAhead(branch: string): FakeCommit[];
  /** The parent's and the commit's text of one file (for diffs). */
  change(commit: FakeCommit, path?: string): { before: string; after: string };
  /** A maintainer's commit (on GitHub's web editor, or pushed). */
  commit(branch: string, text: string, message?: string, path?: string): FakeCommit;
  merge(pull: number, mergedText?: string): void;
  closePull(pull: number): void;
  deleteBranch(branch: string): void;
  /** The next `count` requests matching (method and path) get `failure`. */
  failNext(failure: InjectedFailure, options?: { count?: number; method?: string; path?: RegExp }): void;
  /** Every request fails with `failure` (default 503) until {@link up}. */
  down(failure?: InjectedFailure): void;
  up(): void;
  /** Runs `fn` once, just before the next request matching is handled (e.g. a concurrent commit). */
  beforeNext(method: string, path: RegExp, fn: () => void): void;
  permissions: TokenPermissions;
  /** Resolves with `pick()`'s first truthy result, re-checked after every request (the test's timeout applies). */
  waitFor<T>(pick: () => T | undefined | null | false): Promise<T>;
  close(): Promise<void>;
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const owner = options.owner ?? 'vlm-maintainers';
  const repoName = options.repo ?? 'awesome-vlm';
  const state = new FakeRepoState(owner, repoName, options.defaultBranch ?? 'main', options.files, options.deleteBranchOnMerge);
  const permissions: TokenPermissions = { contents: 'write', pulls: 'write', ...options.permissions };
  const requests: RecordedRequest[] = [];
  const unexpected: RecordedRequest[] = [];
  const failures: { failure: InjectedFailure; count: number; method?: string; path?: RegExp }[] = [];
  const hooks: { method: string; path: RegExp; fn: () => void }[] = [];
  let outage: InjectedFailure | undefined;
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const table = routes();
  let origin = '';
  const defaultPath = Object.keys(options.files)[0] ?? 'README.md';

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://x');
      // GitHub takes `heads%2Fmain` and `docs%2FREADME.md` (Octokit encodes the slashes in a parameter) as the plain path.
      const record: RecordedRequest = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, status: 0 };
      requests.push(record);
      const done = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        record.status = status;
        send(res, status, body, headers);
        events.emit('request');
      };
      const injected = outage ?? takeFailure(record.method, record.path);
      if (injected) {
        if ('network' in injected) {
          record.status = -1;
          req.socket.destroy();
          events.emit('request');
          return;
        }
        done(injected.status, { message: injected.message ?? 'Service Unavailable', documentation_url: DOCS }, injected.headers);
        return;
      }
      const auth = String(req.headers.authorization ?? '');
      if (auth !== `token ${options.token}` && auth !== `bearer ${options.token}` && auth !== `Bearer ${options.token}`) {
        done(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
        return;
      }
      const route = table.find((r) => r.method === record.method && r.pattern.test(record.path));
      const match = route && route.pattern.exec(record.path);
      if (!route || !match || `${match[1]}/${match[2]}` !== `${owner}/${repoName}`) {
        unexpected.push(record);
        done(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
        return;
      }
      const hook = hooks.findIndex((h) => h.method === record.method && h.path.test(record.path));
      if (hook >= 0) hooks.splice(hook, 1)[0]!.fn();
      const granted = route.needs && permissions[route.needs.scope];
      if (route.needs && (granted === 'none' || (route.needs.level === 'write' && granted !== 'write'))) {
        done(403, { message: 'Resource not accessible by personal access token', documentation_url: DOCS, status: '403' }, { 'x-accepted-github-permissions': `${route.needs.scope === 'pulls' ? 'pull_requests' : 'contents'}=${route.needs.level}` });
        return;
      }
      try {
        const out = route.handle(state, { method: record.method, path: record.path, query: url.searchParams, body: record.body }, match, origin);
        done(out.status, out.body);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        done(err.status, { message: err.message, documentation_url: DOCS, ...err.extra }, err.headers);
      }
    });
  });

  function takeFailure(method: string, path: string): InjectedFailure | undefined {
    const i = failures.findIndex((f) => (!f.method || f.method === method) && (!f.path || f.path.test(path)));
    if (i < 0) return undefined;
    const f = failures[i]!;
    if (--f.count <= 0) failures.splice(i, 1);
    return f.failure;
  }

  origin = await listenOnLoopback(server);

  return {
    origin,
    apiUrl: origin,
    owner,
    repo: repoName,
    state,
    requests,
    unexpected,
    permissions,
    find: (method, path) => requests.filter((r) => r.method === method && path.test(r.path)),
    file: (branch, path = defaultPath) => state.file(branch, path),
    commitsAhead: (branch) => state.commitsAhead(branch),
    change(commit, path = defaultPath) {
      const parent = commit.parents[0] ? state.commits.get(commit.parents[0]) : undefined;
      return { before: parent?.files.get(path) ?? '', after: commit.files.get(path) ?? '' };
    },
    commit: (branch, text, message, path = defaultPath) => state.commit(branch, path, text, message),
    merge: (pull, mergedText) => state.merge(pull, mergedText === undefined ? undefined : { path: defaultPath, text: mergedText }),
    closePull(pull) {
      const p = state.pull(pull);
      if (!p) throw new Error(`fake-github: no pull request #${pull}`);
      p.state = 'closed';
    },
    deleteBranch: (branch) => void state.branches.delete(branch),
    failNext(failure, o = {}) {
      failures.push({ failure, count: o.count ?? 1, method: o.method, path: o.path });
    },
    down(failure = { status: 503, message: 'Service Unavailable' }) {
      outage = failure;
    },
    up() {
      outage = undefined;
    },
    beforeNext(method, path, fn) {
      hooks.push({ method, path, fn });
    },
    waitFor: (pick) => whenTrue(events, 'request', pick),
    close: () => closeServer(server),
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', ...headers }).end(JSON.stringify(body));
}

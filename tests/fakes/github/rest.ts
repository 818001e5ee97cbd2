/**
 * The REST endpoints the bot may use (issue 13's list), answering with GitHub's shapes and status
 * codes: 404 for a missing ref or file, 409 for a stale file sha, 422 for an existing ref or pull
 * request, 403 "Resource not accessible by personal access token" for a permission the token lacks.
 * Anything else is a 404 the fake records as unexpected.
 */
import { blobSha, type FakeCommit, type FakePull, type FakeRepoState } from './state.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** What the token may do (fine-grained permissions of the repository). */
export interface TokenPermissions {
  contents: 'none' | 'read' | 'write';
  pulls: 'none' | 'read' | 'write';
}

export interface RouteRequest {
  method: string;
  /** Path and query parsed. */
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export interface Route {
  method: string;
  pattern: RegExp;
  /** The permission it needs. */
  needs: { scope: keyof TokenPermissions; level: 'read' | 'write' } | undefined;
  handle(repo: FakeRepoState, req: RouteRequest, match: RegExpExecArray, origin: string): { status: number; body: unknown };
}

export const DOCS = 'https://docs.github.com/rest';

export function routes(): Route[] {
  const repoPath = '/repos/([^/]+)/([^/]+)';
  return [
    {
      method: 'GET',
      pattern: new RegExp(`^${repoPath}$`),
      needs: undefined,
      handle: (repo, _req, _m, origin) => ({
        status: 200,
        body: {
          id: 1,
          name: repo.name,
          full_name: `${repo.owner}/${repo.name}`,
          private: false,
          default_branch: repo.defaultBranch,
          delete_branch_on_merge: repo.deleteBranchOnMerge,
          html_url: `${origin}/${repo.owner}/${repo.name}`,
          permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
        },
      }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${repoPath}/contents/(.+)$`),
      needs: { scope: 'contents', level: 'read' },
      handle: (repo, req, m) => {
        const path = m[3]!;
        const ref = req.query.get('ref') ?? repo.defaultBranch;
        const commit = repo.resolve(ref);
        if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`);
        const text = commit.files.get(path);
        if (text === undefined) throw new ApiError(404, 'Not Found');
        return { status: 200, body: contentBody(path, text) };
      },
    },
    {
      method: 'PUT',
      pattern: new RegExp(`^${repoPath}/contents/(.+)$`),
      needs: { scope: 'contents', level: 'write' },
      handle: (repo, req, m) => {
        const path = m[3]!;
        const branch = String(req.body.branch ?? repo.defaultBranch);
        const head = repo.head(branch);
        if (!head) throw new ApiError(404, `Branch ${branch} not found`);
        if (typeof req.body.message !== 'string' || typeof req.body.content !== 'string') throw new ApiError(422, 'Invalid request.\n\n"message" and "content" are required.');
        const current = head.files.get(path);
        if (current !== undefined && req.body.sha === undefined) throw new ApiError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
        if (current !== undefined && req.body.sha !== blobSha(current)) throw new ApiError(409, `${path} does not match ${String(req.body.sha)}`);
        const text = Buffer.from(req.body.content, 'base64').toString('utf8');
        const commit = repo.commit(branch, path, text, req.body.message);
        return { status: current === undefined ? 201 : 200, body: { content: contentBody(path, text), commit: commitBody(commit) } };
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${repoPath}/git/ref/heads/(.+)$`),
      needs: { scope: 'contents', level: 'read' },
      handle: (repo, _req, m) => {
        const branch = m[3]!;
        const sha = repo.branches.get(branch);
        if (!sha) throw new ApiError(404, 'Not Found');
        return { status: 200, body: refBody(branch, sha) };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${repoPath}/git/refs$`),
      needs: { scope: 'contents', level: 'write' },
      handle: (repo, req) => {
        const ref = String(req.body.ref ?? '');
        const sha = String(req.body.sha ?? '');
        if (!/^refs\/heads\/.+/.test(ref)) throw new ApiError(422, 'Reference name is invalid');
        if (!repo.commits.has(sha)) throw new ApiError(422, 'Object does not exist');
        const branch = ref.slice('refs/heads/'.length);
        if (repo.branches.has(branch)) throw new ApiError(422, 'Reference already exists');
        repo.branches.set(branch, sha);
        return { status: 201, body: refBody(branch, sha) };
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${repoPath}/pulls$`),
      needs: { scope: 'pulls', level: 'read' },
      handle: (repo, req, _m, origin) => {
        const state = req.query.get('state') ?? 'open';
        const head = req.query.get('head');
        const base = req.query.get('base');
        const found = repo.pulls.filter((p) => (state === 'all' || p.state === state) && (!head || `${repo.owner}:${p.head}` === head) && (!base || p.base === base));
        return { status: 200, body: found.map((p) => pullBody(repo, p, origin)) };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${repoPath}/pulls$`),
      needs: { scope: 'pulls', level: 'write' },
      handle: (repo, req, _m, origin) => {
        const head = String(req.body.head ?? '').replace(new RegExp(`^${repo.owner}:`), '');
        const base = String(req.body.base ?? '');
        const invalid = (field: string) => new ApiError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field, code: 'invalid' }] });
        if (!repo.branches.has(head)) throw invalid('head');
        if (!repo.branches.has(base)) throw invalid('base');
        if (repo.pulls.some((p) => p.state === 'open' && p.head === head && p.base === base)) {
          throw new ApiError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner}:${head}.` }] });
        }
        if (!repo.commitsAhead(head, base).length) throw new ApiError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }] });
        const pull = repo.openPull({ title: String(req.body.title ?? ''), body: String(req.body.body ?? ''), head, base });
        return { status: 201, body: pullBody(repo, pull, origin) };
      },
    },
    {
      method: 'PATCH',
      pattern: new RegExp(`^${repoPath}/pulls/(\\d+)$`),
      needs: { scope: 'pulls', level: 'write' },
      handle: (repo, req, m, origin) => {
        const pull = repo.pull(Number(m[3]));
        if (!pull) throw new ApiError(404, 'Not Found');
        if (typeof req.body.title === 'string') pull.title = req.body.title;
        if (typeof req.body.body === 'string') pull.body = req.body.body;
        if (req.body.state === 'closed' || req.body.state === 'open') pull.state = req.body.state;
        pull.updates++;
        return { status: 200, body: pullBody(repo, pull, origin) };
      },
    },
  ];
}

/** GitHub wraps base64 content at 60 characters. */
function contentBody(path: string, text: string) {
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(text),
    name: path.split('/').pop(),
    path,
    sha: blobSha(text),
    content: (b64.match(/.{1,60}/g) ?? []).join('\n') + '\n',
  };
}

function commitBody(c: FakeCommit) {
  return { sha: c.sha, message: c.message, parents: c.parents.map((sha) => ({ sha })), tree: { sha: c.sha } };
}

function refBody(branch: string, sha: string) {
  return { ref: `refs/heads/${branch}`, node_id: `REF_${branch}`, object: { sha, type: 'commit' } };
}

function pullBody(repo: FakeRepoState, p: FakePull, origin: string) {
  return {
    number: p.number,
    state: p.state,
    title: p.title,
    body: p.body,
    html_url: `${origin}/${repo.owner}/${repo.name}/pull/${p.number}`,
    merged_at: p.merged ? new Date().toISOString() : null,
    head: { ref: p.head, label: `${repo.owner}:${p.head}`, sha: repo.branches.get(p.head) ?? null },
    base: { ref: p.base, label: `${repo.owner}:${p.base}`, sha: repo.branches.get(p.base) ?? null },
    user: { login: 'vlm-curator-bot' },
  };
}

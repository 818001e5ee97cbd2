/**
 * The fake GitHub's repository: commits (each a full snapshot of the files), branches pointing at
 * commits, and pull requests. Blob shas are computed as git computes them, so a stale sha is
 * exactly what it would be on GitHub.
 */
import { createHash } from 'node:crypto';

export interface FakeCommit {
  sha: string;
  parents: string[];
  message: string;
  /** path → text: the whole tree at this commit. */
  files: Map<string, string>;
}

export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  merged: boolean;
  /** How often the bot rewrote it (PATCH). */
  updates: number;
}

/** git's blob id of a text: sha1("blob <bytes>\0<content>"). */
export function blobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes])).digest('hex');
}

export class FakeRepoState {
  readonly commits = new Map<string, FakeCommit>();
  readonly branches = new Map<string, string>();
  readonly pulls: FakePull[] = [];
  private counter = 0;

  constructor(
    readonly owner: string,
    readonly name: string,
    readonly defaultBranch: string,
    files: Record<string, string>,
    /** The repository setting "Automatically delete head branches". */
    public deleteBranchOnMerge = false,
  ) {
    const root = this.makeCommit([], 'Initial commit', new Map(Object.entries(files)));
    this.branches.set(defaultBranch, root.sha);
  }

  head(branch: string): FakeCommit | undefined {
    const sha = this.branches.get(branch);
    return sha ? this.commits.get(sha) : undefined;
  }

  /** A branch name or a commit sha. */
  resolve(ref: string): FakeCommit | undefined {
    return this.head(ref) ?? this.commits.get(ref);
  }

  file(ref: string, path: string): string | undefined {
    return this.resolve(ref)?.files.get(path);
  }

  /** A commit on `branch` changing one file (what the contents API and maintainers do). */
  commit(branch: string, path: string, text: string, message = `Update ${path}`): FakeCommit {
    const parent = this.head(branch);
    if (!parent) throw new Error(`fake-github: no branch ${branch}`);
    const commit = this.makeCommit([parent.sha], message, new Map([...parent.files, [path, text]]));
    this.branches.set(branch, commit.sha);
    return commit;
  }

  /** Commits on `branch` that `base` does not have, newest first. */
  commitsAhead(branch: string, base = this.defaultBranch): FakeCommit[] {
    const inBase = this.ancestors(this.branches.get(base));
    const out: FakeCommit[] = [];
    for (let c = this.head(branch); c && !inBase.has(c.sha); c = c.parents[0] ? this.commits.get(c.parents[0]) : undefined) out.push(c);
    return out;
  }

  /**
   * Merges a pull request into its base with a merge commit. The base gets the head's files when
   * the base has not moved since the branch was made; otherwise pass the merged text of `path`.
   */
  merge(number: number, merged?: { path: string; text: string }): void {
    const pull = this.pull(number);
    if (!pull || pull.state !== 'open') throw new Error(`fake-github: pull request #${number} is not open`);
    const head = this.head(pull.head)!;
    const base = this.head(pull.base)!;
    let files: Map<string, string>;
    if (this.ancestors(head.sha).has(base.sha)) files = new Map(head.files);
    else if (merged) files = new Map([...base.files, [merged.path, merged.text]]);
    else throw new Error(`fake-github: ${pull.base} moved since ${pull.head} was made; pass the merged text`);
    const commit = this.makeCommit([base.sha, head.sha], `Merge pull request #${number} from ${this.owner}/${pull.head}`, files);
    this.branches.set(pull.base, commit.sha);
    pull.state = 'closed';
    pull.merged = true;
    if (this.deleteBranchOnMerge) this.branches.delete(pull.head);
  }

  pull(number: number): FakePull | undefined {
    return this.pulls.find((p) => p.number === number);
  }

  openPull(p: Omit<FakePull, 'number' | 'state' | 'merged' | 'updates'>): FakePull {
    const pull: FakePull = { ...p, number: this.pulls.length + 1, state: 'open', merged: false, updates: 0 };
    this.pulls.push(pull);
    return pull;
  }

  private ancestors(sha: string | undefined): Set<string> {
    const seen = new Set<string>();
    const stack = sha ? [sha] : [];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...(this.commits.get(s)?.parents ?? []));
    }
    return seen;
  }

  private makeCommit(parents: string[], message: string, files: Map<string, string>): FakeCommit {
    const sha = createHash('sha1').update(`commit ${++this.counter} ${parents.join(',')} ${message}`).digest('hex');
    const commit = { sha, parents, message, files };
    this.commits.set(sha, commit);
    return commit;
  }
}

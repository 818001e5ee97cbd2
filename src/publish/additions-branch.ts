/**
 * Our branch on GitHub and its one pull request. Approvals go, one commit each, to
 * `curator/additions`, made from the base branch's head when missing; one open pull request from
 * it into the base collects them. Once that pull request has been merged or closed, its branch is
 * spent, and the next change starts a fresh branch from the base head as it is then.
 *
 * A fresh branch needs a free name, and the REST endpoints we keep to can create a ref but not
 * move or delete one: when GitHub deleted the merged branch (the repository setting
 * "Automatically delete head branches", or a maintainer's click) the name is free again and
 * reused; when the spent branch is still there, the fresh one is `curator/additions-2`, `-3`, ….
 */
import type { Logger } from '../core/logger.js';
import { type GitHubRepo, GitHubSetupError, type PullInfo } from './github-client.js';
import type { BranchRecord, Publication, PublicationStore } from './publication-store.js';
import { netChanges, pullBody, pullTitle } from './pull-body.js';

/** The branch approvals go to (its first generation; later ones add `-2`, `-3`, … when needed). */
export const ADDITIONS_BRANCH = 'curator/additions';

const MAX_GENERATION_NAMES = 50;

/** The branch changes are committed to now, and its open pull request once there is one. */
export interface Generation {
  branch: BranchRecord;
  pull?: PullInfo;
}

export class AdditionsBranch {
  constructor(
    private readonly github: GitHubRepo,
    private readonly store: PublicationStore,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  /**
   * The open generation as GitHub has it now, or undefined when there is none: ours is closed
   * here when its pull request was merged or closed, or its branch is gone.
   */
  async current(): Promise<Generation | undefined> {
    const branch = this.store.currentBranch();
    if (!branch) return undefined;
    const pull = await this.github.openPull(branch.name);
    if (pull) {
      if (pull.number !== branch.prNumber) this.store.setPull(branch.id, pull.number, pull.url);
      return { branch: this.store.branch(branch.id)!, pull };
    }
    if (branch.prNumber === undefined && (await this.github.branchHead(branch.name))) return { branch };
    this.store.closeBranch(branch.id, this.now());
    this.log.info(
      branch.prNumber === undefined
        ? 'github: our branch is gone from GitHub; the next change starts a fresh one from the base branch'
        : 'github: the pull request was merged or closed; the next change starts a fresh branch from the base branch',
      { branch: branch.name, ...(branch.prNumber !== undefined && { pull: branch.prNumber }) },
    );
    return undefined;
  }

  /** The generation to commit to: the open one, else a fresh branch from the base head. */
  async forChange(): Promise<Generation> {
    const open = await this.current();
    if (open) return open;
    const base = await this.github.baseBranch();
    for (let n = 1; n <= MAX_GENERATION_NAMES; n++) {
      const name = n === 1 ? ADDITIONS_BRANCH : `${ADDITIONS_BRANCH}-${n}`;
      const head = await this.github.branchHead(name);
      if (head === undefined) {
        const baseSha = await this.github.branchHead(base);
        if (!baseSha) throw new GitHubSetupError(`publish/github: the base branch ${base} does not exist in ${this.github.fullName}; set GITHUB_BASE_BRANCH to the branch the list lives on`);
        if ((await this.github.createBranch(name, baseSha)) === 'exists') continue;
        this.log.info('github: made a fresh branch from the base head', { branch: name, base, sha: baseSha });
        return { branch: this.store.addBranch({ name, base, baseSha }, this.now()) };
      }
      const pull = await this.github.openPull(name);
      if (pull) {
        // Ours, with a pull request this database does not know (it was lost or replaced): keep collecting there.
        this.log.info('github: continuing the open pull request of an existing branch', { branch: name, pull: pull.number });
        return { branch: this.store.addBranch({ name, base: pull.base, baseSha: head, prNumber: pull.number, prUrl: pull.url }, this.now()), pull };
      }
      if (n === 1) {
        this.log.info(`github: ${ADDITIONS_BRANCH} is left from a merged or closed pull request; using the next free name (delete merged branches on GitHub, or turn on "Automatically delete head branches", to keep one name)`);
      }
    }
    throw new GitHubSetupError(`publish/github: ${ADDITIONS_BRANCH} and ${ADDITIONS_BRANCH}-2 … -${MAX_GENERATION_NAMES} all exist without an open pull request; delete the merged ones on GitHub`);
  }

  /**
   * Opens the pull request once the branch changes something (and none is open), and rewrites its
   * title and checklist from the changes committed to the branch, `latest` included. Resolves to
   * the pull request, or undefined while there is nothing to review.
   */
  async describe(generation: Generation, latest: Publication): Promise<PullInfo | undefined> {
    const { branch } = generation;
    const items = netChanges([...this.store.publishedOn(branch.id), latest]);
    const title = pullTitle(items);
    let pull = generation.pull;
    if (!pull) {
      if (!items.length) return undefined;
      const body = pullBody(items, { listPath: this.github.listPath });
      const created = await this.github.createPull({ branch: branch.name, base: branch.base, title, body });
      if (created !== 'exists') {
        this.store.setPull(branch.id, created.number, created.url);
        this.log.info('github: opened a pull request', { pull: created.number, url: created.url, branch: branch.name });
        return created;
      }
      pull = await this.github.openPull(branch.name);
      if (!pull) throw new Error(`publish/github: GitHub says a pull request from ${branch.name} exists, but none is open`);
      this.store.setPull(branch.id, pull.number, pull.url);
    }
    const body = pullBody(items, { listPath: this.github.listPath, previous: pull.body });
    if (pull.title !== title || pull.body !== body) await this.github.updatePull(pull.number, { title, body });
    return { ...pull, title, body };
  }
}

/**
 * Publishes the outbox to GitHub, in order, each change once: the head of the queue is claimed,
 * its one line is applied to the list as it is on our branch now (with the same planner as the
 * local file, so the commit's diff is exactly that line), committed with the file's sha, and the
 * pull request's checklist is brought up to date; only then is it marked published.
 *
 * Every step can be repeated safely, which is what makes a restart after a crash harmless: an
 * addition already on the branch and a removal already gone commit nothing. So a publication that
 * was cut off is simply done again.
 *
 * Failures: a stale sha (someone committed in between) is retried at once on fresh content;
 * GitHub down, slow or rate-limiting puts the publication back in the queue until GitHub's
 * `retry-after` / `x-ratelimit-reset`, else an exponential backoff; a refusal (token, permission,
 * missing branch or file) waits the longest backoff and says to run `curator github check`. A
 * change that cannot apply on GitHub at all (its section is not in GitHub's list) is marked failed,
 * logged, and the queue moves on.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { addPaperToList, removeLineFromList } from '../triage/list-writer.js';
import { cleanText, TITLE_MAX } from '../triage/row-format.js';
import type { AdditionsBranch, Generation } from './additions-branch.js';
import { classifyFailure, type GitHubRepo, GitHubSetupError, statusOf } from './github-client.js';
import type { Publication, PublicationStore } from './publication-store.js';
import { TextList } from './text-list.js';
import { Catalogue } from '../catalogue/catalogue.js';
import { NotAListError } from '../catalogue/validate.js';

export interface Backoff {
  /** The first wait after an error GitHub gave no time for (ms); doubled after each further one. */
  baseMs: number;
  /** The longest wait, also used after a refusal (ms). */
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 30_000, maxMs: 30 * 60_000 };

/** How long a claim on the head of the queue lasts before another process may take it over. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** Fresh reads after a stale sha before giving up for now. */
const MAX_STALE_RETRIES = 5;

export interface PublisherDeps {
  github: GitHubRepo;
  store: PublicationStore;
  branches: AdditionsBranch;
  log: Logger;
  now: () => number;
  backoff?: Backoff;
  leaseMs?: number;
}

export interface DrainReport {
  /** Publications done by this run (committed, or found already done on the branch). */
  published: Publication[];
  /** Marked failed by this run (cannot apply on GitHub). */
  failed: Publication[];
  /** When the next publication may be tried (backoff, rate limit, or another process's lease). */
  nextAt?: number;
}

/** The change cannot be made on GitHub's list (its section is not there): retrying will not help. */
class CannotApply extends Error {}

export class Publisher {
  /** Identifies this process's claims. */
  private readonly holder = `${process.pid}:${randomUUID()}`;
  private readonly backoff: Backoff;
  private readonly leaseMs: number;

  constructor(private readonly deps: PublisherDeps) {
    this.backoff = deps.backoff ?? DEFAULT_BACKOFF;
    this.leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /**
   * Publishes queued changes, in order, until the queue is empty or must wait. `retryNow`: do not
   * wait out our own backoff (a person is at the terminal); GitHub's rate limits are still honoured.
   */
  async drain(options: { retryNow?: boolean } = {}): Promise<DrainReport> {
    const { store, log, now } = this.deps;
    const report: DrainReport = { published: [], failed: [] };
    for (;;) {
      const claim = store.claimNext(this.holder, now(), this.leaseMs, options.retryNow);
      if (claim.kind === 'empty') return report;
      if (claim.kind !== 'claimed') return { ...report, nextAt: claim.until };
      const p = claim.publication;
      try {
        const done = await this.publish(p);
        store.markPublished(p.id, this.holder, done, now());
        report.published.push(store.publication(p.id)!);
      } catch (err) {
        if (err instanceof CannotApply) {
          store.markFailed(p.id, this.holder, err.message, now());
          log.error('github: this change cannot be made on GitHub and will not be tried again; the local list keeps it', { publication: p.id, arxivId: p.arxivId, action: p.action, error: err.message });
          report.failed.push(store.publication(p.id)!);
          continue;
        }
        const at = now();
        const failure = classifyFailure(err, at);
        const retryAt = failure.kind === 'later' && failure.retryAt !== undefined ? failure.retryAt : at + (failure.kind === 'refused' ? this.backoff.maxMs : Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** p.attempts));
        store.retryLater(p.id, this.holder, failure.reason, retryAt, failure.kind === 'later' && failure.retryAt !== undefined);
        const extra = { publication: p.id, arxivId: p.arxivId, action: p.action, attempt: p.attempts + 1, retryAt: new Date(retryAt).toISOString(), error: failure.reason };
        if (failure.kind === 'refused') log.error('github: GitHub refused the change; it stays queued (run `npx curator github check` to see what is missing)', extra);
        else log.warn(`github: could not publish now (${failure.kind === 'later' && failure.rateLimited ? 'rate-limited' : 'GitHub unavailable'}); it stays queued and is tried again later`, extra);
        return { ...report, nextAt: retryAt };
      }
    }
  }

  /** Makes one publication's change on the branch and describes it in the pull request. */
  private async publish(p: Publication): Promise<{ branchId: number; commitSha?: string; effective: boolean }> {
    const { branches, log } = this.deps;
    let generation = await branches.forChange();
    let done: { commitSha?: string; effective: boolean };
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.commitOnce(p, generation);
      if (outcome === 'branch-gone' && attempt < MAX_STALE_RETRIES) {
        generation = await branches.forChange();
        continue;
      }
      if (outcome === 'stale' && attempt < MAX_STALE_RETRIES) {
        log.info('github: the list changed on the branch while we wrote it; doing the change again on the new version', { publication: p.id, branch: generation.branch.name });
        continue;
      }
      if (outcome === 'stale' || outcome === 'branch-gone') throw new Error(`publish/github: the branch ${generation.branch.name} kept changing under us; trying again later`);
      done = outcome;
      break;
    }
    this.deps.store.renew(p.id, this.holder, this.deps.now() + this.leaseMs);
    const { commitSha } = done;
    const pull = await branches.describe(generation, { ...p, ...done, branchId: generation.branch.id });
    log.info(commitSha ? 'github: published' : 'github: nothing to commit (the branch already has this change)', {
      publication: p.id,
      action: p.action,
      arxivId: p.arxivId,
      branch: generation.branch.name,
      ...(commitSha && { commit: commitSha }),
      ...(pull && { pull: pull.number, url: pull.url }),
    });
    return { branchId: generation.branch.id, ...done };
  }

  /** One read–change–write of the list on the branch. */
  private async commitOnce(p: Publication, generation: Generation): Promise<{ commitSha?: string; effective: boolean } | 'stale' | 'branch-gone'> {
    const { github } = this.deps;
    const branch = generation.branch.name;
    const file = await github.file(branch);
    if (!file) {
      if (!(await github.branchHead(branch))) {
        this.deps.store.closeBranch(generation.branch.id, this.deps.now());
        return 'branch-gone';
      }
      throw new GitHubSetupError(`publish/github: ${github.listPath} is not on ${branch} in ${github.fullName}; set GITHUB_LIST_PATH to the list's path`);
    }
    let list: TextList;
    try {
      list = new TextList(file.text, `${github.fullName}:${branch}:${github.listPath}`);
    } catch (err) {
      if (err instanceof NotAListError) throw new GitHubSetupError(`publish/github: ${err.message}; fix the list on GitHub`);
      throw err;
    }
    try {
      if (p.action === 'add') await addPaperToList(list, p.section, { arxivId: p.arxivId, line: p.line });
      else await removeLineFromList(list, { section: p.section, text: p.line });
    } catch (err) {
      if (err instanceof UserError) throw new CannotApply(`publish/github: ${err.message} (in ${github.fullName}:${branch}:${github.listPath})`);
      throw err;
    }
    if (!list.changed) return { effective: await this.differsFromFork(p, generation) };
    try {
      return { commitSha: await github.putFile({ branch, text: list.text(), sha: file.sha, message: commitMessage(p) }), effective: true };
    } catch (err) {
      // 409: the file is no longer at that sha; GitHub also answers 422 for some stale writes.
      const status = statusOf(err);
      if (status === 409 || status === 422) return 'stale';
      throw err;
    }
  }

  /**
   * With nothing to commit, whether the branch still carries this change relative to the base it
   * was made from: yes when a run cut off after its commit made it; no when the base had it anyway.
   */
  private async differsFromFork(p: Publication, generation: Generation): Promise<boolean> {
    const fork = await this.deps.github.file(generation.branch.baseSha);
    if (!fork) return false;
    const listed = Catalogue.parse(fork.text);
    return p.action === 'add' ? !listed.entries.some((e) => e.arxivId === p.arxivId) : fork.text.split(/\r?\n/).includes(p.line);
  }
}

/** Like GIT_COMMIT's messages (apply-decision.ts): the paper, the section, who decided. */
function commitMessage(p: Publication): string {
  const who = p.by.join(', ') || 'a maintainer';
  const title = cleanText(p.title, TITLE_MAX);
  return p.action === 'add'
    ? `Add “${title}” (arXiv ${p.arxivId}) to ${p.section.join(' › ')}\n\nApproved in chat by ${who}.`
    : `Remove “${title}” (arXiv ${p.arxivId}) from ${p.section.join(' › ')}\n\nApproval undone in chat by ${who}.`;
}

/**
 * Sync from GitHub: the list on the base branch is the truth, and the local SURVEY_PATH is the copy
 * the bot serves. When the base branch's list changed since the last sync (its blob sha), the
 * local copy becomes GitHub's text plus our own changes that are not on the base branch yet — the
 * approvals (and undos) still queued, and those committed to our pull request while it is open —
 * re-applied line by line with the same planners. So maintainers' merges appear in search, and
 * an approval waiting for review does not vanish from the bot's list meanwhile.
 *
 * The rewrite is one change under the list's lock (read-latest, atomic write), so it never lands
 * in the middle of an approval, and the running bot re-indexes at once. Edits made to the local
 * copy by hand are replaced at the next change on GitHub: with LIST_PUBLISH=pr, edit the list on
 * GitHub. A base-branch list that is not a list is refused and the local copy kept.
 */
import { Catalogue } from '../catalogue/catalogue.js';
import type { CatalogueStore } from '../catalogue/store.js';
import { entryChanges, NotAListError } from '../catalogue/validate.js';
import { UserError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { addPaperToList, removeLineFromList } from '../triage/list-writer.js';
import type { AdditionsBranch } from './additions-branch.js';
import { type GitHubRepo, GitHubSetupError } from './github-client.js';
import type { Publication, PublicationStore } from './publication-store.js';
import { TextList } from './text-list.js';

/** publish_state key: the blob sha of the base branch's list at the last sync. */
const SYNCED_SHA = 'synced-sha';

export interface SyncReport {
  /** `unchanged`: the base branch's list is the version synced last; `updated`: the local copy was rewritten; `in-step`: it already matched. */
  status: 'unchanged' | 'updated' | 'in-step';
  base: string;
  /** The blob sha of the base branch's list. */
  sha: string;
  /** Entries the local copy gained and lost (titles). */
  added: string[];
  removed: string[];
  /** Our changes not on the base branch yet, kept in the local copy (queued, or in the open pull request). */
  kept: number;
}

export interface ListSyncDeps {
  github: GitHubRepo;
  store: PublicationStore;
  branches: AdditionsBranch;
  /** The live local list (SURVEY_PATH). */
  catalogue: CatalogueStore;
  log: Logger;
}

export class ListSync {
  constructor(private readonly deps: ListSyncDeps) {}

  /** One sync (see the module comment). Throws when GitHub cannot be read or its list is not a list; the local copy is then untouched. */
  async sync(): Promise<SyncReport> {
    const { github, store, branches, catalogue, log } = this.deps;
    const base = await github.baseBranch();
    const file = await github.file(base);
    if (!file) throw new GitHubSetupError(`publish/github: ${github.listPath} is not on ${base} in ${github.fullName}; set GITHUB_LIST_PATH (and GITHUB_BASE_BRANCH)`);
    if (store.getState(SYNCED_SHA) === file.sha) return { status: 'unchanged', base, sha: file.sha, added: [], removed: [], kept: 0 };
    const where = `${github.fullName}:${base}:${github.listPath}`;
    let target: TextList;
    try {
      target = new TextList(file.text, where);
    } catch (err) {
      if (err instanceof NotAListError) throw new GitHubSetupError(`publish/github: ${err.message}; the local list is kept as it is`);
      throw err;
    }
    // Asked before taking the lock (no network under it): is our pull request still open?
    await branches.current();
    const outcome = await catalogue.edit(async (session) => {
      // Under the lock: every approval that wrote the local list has queued its publication by now.
      let kept = 0;
      for (const p of this.notOnBase()) {
        if (await reapply(target, p, log)) kept++;
      }
      const written = await session.modify((current) => {
        if (current.render() === target.text()) return { catalogue: current, added: [] as string[], removed: [] as string[] };
        const next = Catalogue.parse(target.text());
        const changes = entryChanges(current, next);
        return { catalogue: next, added: changes.added.map((e) => e.title), removed: changes.removed.map((e) => e.title) };
      });
      return { ...written, kept };
    });
    store.setState(SYNCED_SHA, file.sha);
    const report: SyncReport = { status: outcome.written ? 'updated' : 'in-step', base, sha: file.sha, added: outcome.added, removed: outcome.removed, kept: outcome.kept };
    if (outcome.written) {
      log.info('github: the list changed on GitHub; updated the local copy', {
        from: where,
        sha: file.sha,
        added: report.added.length,
        removed: report.removed.length,
        kept: report.kept,
        ...(report.added.length && { addedTitles: report.added.slice(0, 5) }),
        ...(report.removed.length && { removedTitles: report.removed.slice(0, 5) }),
      });
    }
    return report;
  }

  /** Our changes the base branch may not have yet, in the order they were made. */
  private notOnBase(): Publication[] {
    const { store } = this.deps;
    const open = store.currentBranch();
    const inPull = open ? store.publishedOn(open.id) : [];
    return [...inPull, ...store.list(['queued', 'publishing'])].sort((a, b) => a.id - b.id);
  }
}

/** Applies one of our changes to GitHub's text; resolves whether it changed anything. */
async function reapply(list: TextList, p: Publication, log: Logger): Promise<boolean> {
  const before = list.text();
  try {
    if (p.action === 'add') await addPaperToList(list, p.section, { arxivId: p.arxivId, line: p.line });
    else await removeLineFromList(list, { section: p.section, text: p.line });
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    log.warn('github: an approval not yet on GitHub no longer fits GitHub’s list (its section is gone); the local copy follows GitHub', { publication: p.id, arxivId: p.arxivId, section: p.section.join(' › ') });
    return false;
  }
  return list.text() !== before;
}

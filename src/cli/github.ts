import { existsSync } from 'node:fs';
import { checkGitHub, type CheckLine } from '../publish/github-check.js';
import { ListPublishing } from '../publish/list-publishing.js';
import { PublicationStore } from '../publish/publication-store.js';
import type { SyncReport } from '../publish/list-sync.js';
import { openCatalogue } from '../search/live-catalogue.js';
import { type Database, dbPath, openDatabase } from '../db/database.js';
import { TriageService } from '../triage/triage-service.js';
import type { CliCommand, CliRun } from './types.js';

const MARK: Record<CheckLine['status'], string> = { ok: '✓', warn: '!', fail: '✗' };

export const githubCommand: CliCommand = {
  usage: 'github sync|check',
  summary: 'sync: fetch the list from GitHub’s base branch once and print what changed; check: can LIST_PUBLISH=pr work (token, repository, path, permissions)?',
  async run(args) {
    const [sub] = args.positionals;
    if (sub === 'sync') return sync(args);
    if (sub === 'check') return check(args);
    throw new Error(`which? Usage: curator github sync | curator github check`);
  },
};

async function sync({ config, log, stdout }: CliRun): Promise<number> {
  if (!config.github) throw new Error('set GITHUB_REPOSITORY and GITHUB_TOKEN first (see README: Publish approvals to GitHub); `curator github check` says what is missing');
  const github = config.github;
  const catalogue = await openCatalogue(config.surveyPath, { log, lock: { staleMs: config.list.lockStaleMs } });
  const db = openDatabase(dbPath(config.dataDir));
  try {
    const publishing = new ListPublishing({ github, db, catalogue, log, publishOnChange: false });
    // Like every entry point: settle a decision a crashed process left half-way before rewriting the list.
    await new TriageService({ db, catalogue, ...config.triage, log, onListChange: publishing.onListChange }).recover();
    stdout.write(describeSync(await publishing.sync(), `${github.owner}/${github.repo}`, github.listPath, config.surveyPath));
    return 0;
  } finally {
    db.close();
    await catalogue.close();
  }
}

function describeSync(r: SyncReport, repo: string, listPath: string, local: string): string {
  const from = `${listPath} on ${r.base} of ${repo} (blob ${r.sha.slice(0, 7)})`;
  if (r.status === 'unchanged') return `${from}: unchanged since the last sync; nothing written.\n`;
  if (r.status === 'in-step') return `${from}: changed on GitHub, and ${local} already has it; nothing written.\n`;
  const kept = r.kept ? `; kept ${r.kept} change(s) of ours not on ${r.base} yet` : '';
  const lines = [`${from} → ${local}: ${r.added.length} entr${r.added.length === 1 ? 'y' : 'ies'} added, ${r.removed.length} removed${kept}.`];
  for (const t of r.added) lines.push(`  + ${t}`);
  for (const t of r.removed) lines.push(`  - ${t}`);
  return lines.join('\n') + '\n';
}

async function check({ config, stdout }: CliRun): Promise<number> {
  const file = dbPath(config.dataDir);
  let db: Database | undefined;
  try {
    db = existsSync(file) ? openDatabase(file, { readonly: true }) : undefined;
  } catch {
    db = undefined;
  }
  try {
    const store = db && hasPublications(db) ? new PublicationStore(db) : undefined;
    const lines = await checkGitHub(config, { ...(store && { store }) });
    // Belt and braces: whatever GitHub echoed, the token itself never reaches the terminal.
    const secret = config.github?.token;
    for (const l of lines) {
      const text = `${MARK[l.status]} ${l.text}${l.fix ? `\n    → ${l.fix}` : ''}\n`;
      stdout.write(secret ? text.replaceAll(secret, '***') : text);
    }
    const failed = lines.filter((l) => l.status === 'fail').length;
    stdout.write(failed ? `${failed} problem(s): LIST_PUBLISH=pr will not work until they are fixed.\n` : 'Everything LIST_PUBLISH=pr needs is in place.\n');
    return failed ? 1 : 0;
  } finally {
    db?.close();
  }
}

/** A database from before publishing existed has no outbox to report on. */
function hasPublications(db: Database): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'publications'`).get() !== undefined;
}

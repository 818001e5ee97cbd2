/**
 * The "done when", as an operator does it: `curator poll` a fixture feed into a fresh
 * DATA_DIR, then `npm start` (the console, no platform configured) and `triage approve <id>` —
 * the list gets one new row, in the candidate's table, in that table's format.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import { dbPath } from '../../src/db/database.js';
import { TriageStore } from '../../src/triage/store.js';
import { openStore } from '../helpers/db.js';
import { SHARED, tempDir } from '../helpers/fixtures.js';
import { lineDiff } from '../helpers/line-diff.js';
import { runCli } from '../helpers/run-cli.js';
import { SEED } from '../helpers/triage.js';

const FEED = path.join(SHARED, 'relevance/feed-2026-04-20.xml');
const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('console: poll a feed, then approve a candidate', () => {
  it('writes one row, last in the candidate’s suggested table, in the table’s format', async () => {
    const t = tempDir({ 'survey.md': SEED });
    dirs.push(t);
    const env = { SURVEY_PATH: t.path('survey.md'), DATA_DIR: t.path('data'), FEEDS: FEED, RECONCILE_INTERVAL_MS: '0' };
    const poll = await runCli(['poll', '--feed', FEED], env);
    expect(poll.code, poll.stderr).toBe(0);

    const store = openStore(TriageStore, dbPath(t.path('data')), { readonly: true });
    // The best candidate whose best suggestion is a paper table (a benchmark would go to a dataset table, in that table's format).
    const paperTables = new Set(Catalogue.parse(SEED).paperSections().map((s) => s.path.join('/')));
    const best = store.candidatesWithStatus('pending').find((c) => paperTables.has(c.sections[0]?.path.join('/') ?? ''))!;
    store.close();
    expect(best).toBeDefined();

    const run = await runCli(['start'], env, `pending\ntriage approve ${best.id}\nstats\nquit\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`#${best.id} ${best.title}\n   arXiv ${best.arxivId} · score `);
    expect(run.stdout).toContain(`Approved #${best.id}: `);
    expect(run.stdout).toMatch(/Triage: 1 approved · 0 rejected · \d+ pending/);

    const after = readFileSync(t.path('survey.md'), 'utf8');
    const diff = lineDiff(SEED, after);
    expect(diff.removed).toEqual([]);
    expect(diff.added).toHaveLength(1);
    expect(diff.added[0]).toMatch(new RegExp(`^\\|\\[.+\\]\\(https://arxiv\\.org/abs/${best.arxivId.replace('.', '\\.')}\\)\\|[^|]+ 20\\d\\d\\|(\\[Code\\]\\(\\S+\\))?\\|$`));
    const section = best.sections.map((s) => s.path).find((p) => Catalogue.parse(SEED).paperSections().some((s) => s.path.join('/') === p.join('/')))!;
    expect(diff.at - 1).toBe(Catalogue.parse(SEED).sectionByPath(section)!.table!.lastLine);

    const decided = openStore(TriageStore, dbPath(t.path('data')), { readonly: true });
    expect(decided.candidate(best.id)).toMatchObject({ status: 'approved', decidedBy: ['console:console'], decidedSection: section, decidedLine: diff.added[0] });
    decided.close();
  });
});

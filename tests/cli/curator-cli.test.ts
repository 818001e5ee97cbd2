import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readShared, SHARED, tempDir } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function listCopy() {
  const t = tempDir({ 'survey.md': readShared('survey/seed-2023.md'), 'other.md': readShared('survey/history/2024-03-13-ced8333.md'), 'readme.md': '# My project\n\nSome text.\n\n## Install\n\nnpm i\n' });
  cleanups.push(t.cleanup);
  return t;
}

describe('curator ask', () => {
  it('prints the Reply as JSON with --json, CoOp first for "search CoOp"', async () => {
    const r = await runCli(['ask', 'search CoOp', '--json']);
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.stdout);
    expect(reply.items[0].title).toBe('CoOp: Learning to Prompt for Vision-Language Models');
  });

  it('prints text without --json, and user errors with exit code 0', async () => {
    const r = await runCli(['ask', 'paper', 'CLIP']);
    expect(r.stdout).toContain('Published in: ICML 2021');
    const bad = await runCli(['ask', 'search clip --year nope']);
    expect(bad.code).toBe(0);
    expect(bad.stdout).toMatch(/not a year or a range/);
  });
});

describe('curator catalogue --json', () => {
  it('prints { entries, sections } with the documented fields', async () => {
    const r = await runCli(['catalogue', '--json']);
    const { entries, sections } = JSON.parse(r.stdout);
    expect(entries).toHaveLength(180);
    const coop = entries.find((e: { acronym?: string }) => e.acronym === 'CoOp');
    expect(coop).toMatchObject({ kind: 'paper', arxivId: '2109.01134', venue: 'IJCV', year: 2022, line: expect.any(Number) });
    expect(coop.section).toEqual(['Vision-Language Model Transfer Learning Methods', 'Transfer with Prompt Tuning', 'Transfer with Text Prompt Tuning']);
    expect(sections.find((s: { title: string }) => s.title === 'Datasets')).toMatchObject({ level: 2, path: ['Datasets'] });
  });
});

describe('curator import / export', () => {
  it('imports a valid list atomically and prints counts', async () => {
    const t = listCopy();
    const r = await runCli(['import', t.path('other.md')], { SURVEY_PATH: t.path('survey.md') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Imported .*: \d+ entries \(\d+ papers, 56 datasets\)/);
    expect(readFileSync(t.path('survey.md'), 'utf8')).toBe(readShared('survey/history/2024-03-13-ced8333.md'));
  });

  it('refuses a file that is not a survey list and leaves the current list untouched', async () => {
    const t = listCopy();
    const r = await runCli(['import', t.path('readme.md')], { SURVEY_PATH: t.path('survey.md') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a survey list: no paper or dataset rows/);
    expect(readFileSync(t.path('survey.md'), 'utf8')).toBe(readShared('survey/seed-2023.md'));
    const missing = await runCli(['import', t.path('nope.md')], { SURVEY_PATH: t.path('survey.md') });
    expect(missing.stderr).toMatch(/cannot read .*nope\.md: ENOENT/);
  });

  it('exports the list back byte for byte', async () => {
    const t = listCopy();
    const r = await runCli(['export', '--out', t.path('out.md')], { SURVEY_PATH: t.path('survey.md') });
    expect(r.code).toBe(0);
    expect(readFileSync(t.path('out.md'), 'utf8')).toBe(readShared('survey/seed-2023.md'));
  });
});

describe('curator start', () => {
  it('runs the console bot when no platform is configured', async () => {
    const t = listCopy();
    const r = await runCli(['start'], { SURVEY_PATH: t.path('survey.md') }, 'search CoOp\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^vlm-curator — 179 entries/);
    expect(r.stdout).toContain('1. CoOp: Learning to Prompt');
  });

  it('reports every configuration problem at once, naming the variables, without their values', async () => {
    const r = await runCli(['start'], { DIGEST_MAX: 'lots', APPROVALS_REQUIRED: '0', SLACK_APP_TOKEN: 'xoxb-secret-value' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/DIGEST_MAX/);
    expect(r.stderr).toMatch(/APPROVALS_REQUIRED/);
    expect(r.stderr).toMatch(/SLACK_APP_TOKEN: must be an app-level token/);
    expect(r.stderr).not.toContain('secret-value');
  });

  it('stops at start with exit 78 on a bad schedule or time zone, before anything runs', async () => {
    const r = await runCli(['start'], { POLL_CRON: 'every day', TZ: 'Mars/Olympus' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/POLL_CRON: must be a cron expression/);
    expect(r.stderr).toMatch(/TZ: must be an IANA time zone/);
    expect(r.stdout).toBe('');
  });

  it('a damaged database does not stop search, and is never written: the file is named, and what to do', async () => {
    const t = tempDir({ 'data/curator.db': 'garbage, not sqlite\n'.repeat(200) });
    cleanups.push(t.cleanup);
    const env = { DATA_DIR: t.path('data') };
    const search = await runCli(['ask', 'search CoOp'], env);
    expect(search.code).toBe(0);
    expect(search.stdout).toContain('1. CoOp: Learning to Prompt');
    expect(search.stderr).toContain(`db: ${t.path('data/curator.db')} is damaged or not a curator database; move it aside to start afresh`);
    const poll = await runCli(['poll', '--feed', `${SHARED}/relevance/feed-2026-04-20.xml`], env);
    expect(poll.code).toBe(1);
    expect(poll.stderr).toContain(`curator poll: db: ${t.path('data/curator.db')} is damaged`);
    expect(readFileSync(t.path('data/curator.db'), 'utf8')).toBe('garbage, not sqlite\n'.repeat(200));
  });

  it('names the list file when it is missing', async () => {
    const r = await runCli(['ask', 'stats'], { SURVEY_PATH: '/nonexistent/survey.md' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the list file does not exist \(set SURVEY_PATH\): \/nonexistent\/survey\.md/);
  });
});

describe('curator ask with the watch and triage', () => {
  it('answers pending and news from the database a poll wrote in DATA_DIR', async () => {
    const t = listCopy();
    const env = { SURVEY_PATH: t.path('survey.md'), DATA_DIR: t.dir };
    expect((await runCli(['ask', 'pending'], env)).stdout).toMatch(/^Nothing pending/);
    const poll = await runCli(['poll', '--feed', `${SHARED}/relevance/feed-2026-04-20.xml`, '--json'], env);
    expect(poll.code).toBe(0);
    const candidates = poll.stdout.trim().split('\n').map((l) => JSON.parse(l) as { candidate: boolean }).filter((p) => p.candidate);
    expect(candidates.length).toBeGreaterThan(1);
    expect((await runCli(['ask', 'pending'], env)).stdout).toMatch(new RegExp(`^${candidates.length} pending candidates`));
    expect((await runCli(['ask', 'news'], env)).stdout).not.toMatch(/not running/);
  });
});

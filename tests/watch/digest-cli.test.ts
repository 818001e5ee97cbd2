import { existsSync, readdirSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedPaper } from '../../src/arxiv/paper.js';
import { dbPath } from '../../src/db/database.js';
import { TriageStore } from '../../src/triage/store.js';
import { openStore } from '../helpers/db.js';
import { readShared, tempDir } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { fakeScorer } from '../helpers/watch.js';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function paper(id: string, title: string): FeedPaper {
  return { arxivId: id, title, abstract: '', authors: ['Ada Lovelace'], categories: ['cs.CV'], announceType: 'new', link: `https://arxiv.org/abs/${id}` };
}

/** A list and a curator.db holding two pending candidates. */
function seeded() {
  const t = tempDir({ 'survey.md': readShared('survey/seed-2023.md') });
  dirs.push(t);
  const store = openStore(TriageStore, dbPath(t.path('data')));
  const scorer = fakeScorer();
  for (const [id, title] of [
    ['2604.00001', 'A Vision-Language Model score=0.91'],
    ['2604.00002', '@everyone **Bold** CLIP score=0.77'],
  ] as const) {
    store.addCandidate(paper(id, title), scorer.score(paper(id, title)), 'test', Date.now() - 3_600_000);
  }
  store.close();
  return { t, env: { SURVEY_PATH: t.path('survey.md'), DATA_DIR: t.path('data') } };
}

const digestRows = (dir: string) => {
  const s = openStore(TriageStore, dbPath(dir), { readonly: true });
  try {
    return s.connection.prepare('SELECT COUNT(*) FROM digests').pluck().get() as number;
  } finally {
    s.close();
  }
};

describe('curator digest', () => {
  it('--dry-run prints what would be posted and records nothing', async () => {
    const { t, env } = seeded();
    const before = statSync(dbPath(t.path('data'))).mtimeMs;
    const r = await runCli(['digest', '--dry-run'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/arXiv watch · /);
    expect(r.stdout.indexOf('A Vision-Language Model score=0.91')).toBeLessThan(r.stdout.indexOf('@everyone **Bold** CLIP score=0.77'));
    expect(r.stdout).toContain('(dry run: 2 of 2 candidates would be posted; nothing recorded)');
    expect(digestRows(t.path('data'))).toBe(0);
    expect(statSync(dbPath(t.path('data'))).mtimeMs).toBe(before);
  });

  it('--dry-run without a database says there is nothing and creates none', async () => {
    const t = tempDir({ 'survey.md': readShared('survey/seed-2023.md') });
    dirs.push(t);
    const r = await runCli(['digest', '--dry-run'], { SURVEY_PATH: t.path('survey.md'), DATA_DIR: t.path('data') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no candidates, nothing would be posted/);
    expect(existsSync(t.path('data'))).toBe(false);
  });

  it('without platforms prints the digest to the console, once', async () => {
    const { t, env } = seeded();
    const first = await runCli(['digest'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/📰 arXiv watch · /);
    expect(first.stdout).toContain('[✅ ❌ 1️⃣ 2️⃣ 3️⃣]');
    expect(first.stdout.match(/A Vision-Language Model score=0\.91/g)).toHaveLength(1);
    expect(digestRows(t.path('data'))).toBe(1);

    const again = await runCli(['digest'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('A Vision-Language Model');
  });
});

describe('npm start with no platform', () => {
  it('prints a digest that was due and not posted, then serves the console; the watch answers /vlm news', async () => {
    const { t, env } = seeded();
    const r = await runCli(['start'], env, 'news\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/📰 arXiv watch · /);
    expect(r.stdout).toContain('2 candidates in the last 7 days');
    expect(readdirSync(t.path('data'))).toContain('curator.db');

    const again = await runCli(['start'], env, '');
    expect(again.stdout).not.toContain('📰');
  });
});

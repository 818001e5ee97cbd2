import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isNewsHeading } from '../../src/core/list.js';
import { FeedStore } from '../../src/arxiv/feed-store.js';
import { dbPath } from '../../src/db/database.js';
import { openStore } from '../helpers/db.js';
import { respond, rss2Feed, rss2Item, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { readShared, tempDir } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';

const FIXTURE = '../shared/fixtures/relevance/feed-2026-04-20.xml';
const FIELDS = ['arxivId', 'title', 'score', 'candidate', 'sections', 'reasons'];

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function env() {
  const t = tempDir({ 'survey.md': readShared('survey/seed-2023.md') });
  dirs.push(t);
  return { t, env: { SURVEY_PATH: t.path('survey.md'), DATA_DIR: t.path('data') } };
}

const lines = (stdout: string) => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('curator poll --dry-run --json', () => {
  it('--all prints one JSON object per scored paper, with exactly the documented fields, and changes nothing', async () => {
    const { t, env: e } = env();
    const r = await runCli(['poll', '--feed', FIXTURE, '--dry-run', '--json', '--all'], e);
    expect(r.code).toBe(0);
    const papers = lines(r.stdout);
    // 84 new + 21 cross-listed announcements on that day; replacements are not new.
    expect(papers.length).toBeGreaterThan(90);
    expect(papers.length).toBeLessThanOrEqual(105);
    for (const p of papers) {
      expect(Object.keys(p)).toEqual(FIELDS);
      expect(p.arxivId).toMatch(/^\d{4}\.\d{5}$/);
      expect(typeof p.title).toBe('string');
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
      expect(typeof p.candidate).toBe('boolean');
      const sections = p.sections as { path: string[]; score: number }[];
      expect(sections.length).toBeGreaterThan(0);
      expect(sections.length).toBeLessThanOrEqual(3);
      for (const s of sections) {
        expect(Object.keys(s)).toEqual(['path', 'score']);
        expect(s.path.length).toBeGreaterThan(0);
        expect(s.path.some(isNewsHeading)).toBe(false);
      }
      expect(Array.isArray(p.reasons)).toBe(true);
    }
    expect(new Set(papers.map((p) => p.arxivId)).size).toBe(papers.length);
    expect(papers.some((p) => p.candidate) && papers.some((p) => !p.candidate)).toBe(true);
    expect(existsSync(t.path('data'))).toBe(false);
  });

  it('without --all prints only the candidates', async () => {
    const { env: e } = env();
    const all = lines((await runCli(['poll', '--feed', FIXTURE, '--dry-run', '--json', '--all'], e)).stdout);
    const only = lines((await runCli(['poll', '--feed', FIXTURE, '--dry-run', '--json'], e)).stdout);
    expect(only.length).toBeGreaterThan(0);
    expect(only.every((p) => p.candidate === true)).toBe(true);
    expect(only.map((p) => p.arxivId)).toEqual(all.filter((p) => p.candidate).map((p) => p.arxivId));
  });
});

describe('curator poll', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer({
      '/rss/cs.CV': (_req, res) =>
        void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          rss2Feed([
            rss2Item({ id: '2604.50001', title: 'Prompt Learning for Vision-Language Models', abstract: 'We tune CLIP prompts for zero-shot classification.' }),
            rss2Item({ id: '2604.50002', title: 'Soil Moisture Estimation from Drones', abstract: 'Hydrology.' }),
          ]),
        ),
      '/down': respond(404, 'gone'),
    });
  });
  afterAll(() => server.close());

  it('records what it saw; the next poll skips it', async () => {
    const { t, env: e } = env();
    const first = await runCli(['poll', '--feed', server.url('/rss/cs.CV'), '--json', '--all'], { ...e, FEED_MIN_INTERVAL_MS: '0' });
    expect(first.code).toBe(0);
    expect(lines(first.stdout).map((p) => p.arxivId)).toEqual(['2604.50001', '2604.50002']);
    const store = openStore(FeedStore, dbPath(t.path('data')), { readonly: true });
    expect(store.polls()).toHaveLength(1);
    expect(store.seenIds(['2604.50001', '2604.50002']).size).toBe(2);
    store.close();

    const again = await runCli(['poll', '--feed', server.url('/rss/cs.CV'), '--json', '--all'], e);
    expect(again).toMatchObject({ code: 0, stdout: '' });
  });

  it('prints a summary without --json, and exits 1 naming the reason when a feed fails', async () => {
    const { env: e } = env();
    const r = await runCli(['poll', '--feed', server.url('/down'), '--feed', server.url('/rss/cs.CV'), '--all'], { ...e, FEED_MIN_INTERVAL_MS: '0' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${server.url('/down')}: failed — feed/fetch: HTTP 404`);
    expect(r.stdout).toMatch(/rss\/cs\.CV: 2 papers — \d candidates/);
    expect(r.stdout).toContain('Prompt Learning for Vision-Language Models');
    expect(r.stderr).toMatch(/"level":"warn".*"msg":"poll: feed failed: feed\/fetch: HTTP 404/);
  });
});

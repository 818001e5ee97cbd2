/**
 * GET /healthz on a running bot (`curator start` as the console, HEALTH_PORT=0): every part's
 * state as JSON, 200 when all are ok and 503 when one is not.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { ROOT, tempDir } from '../helpers/fixtures.js';
import { CURATOR_FROM_SOURCE } from '../helpers/run-cli.js';
import { SEED } from '../helpers/triage.js';
import { cleanUpAfterEach } from '../helpers/cleanup.js';

const EVENTUALLY = { timeout: 60_000, interval: 50 };

/** The parts of the answer these tests read. */
interface Health {
  status: string;
  list: { ok: boolean; reloadError?: string };
  database: { ok: boolean; freeBytes: number };
}
const { children, dirs } = cleanUpAfterEach();

async function startBot(env: Record<string, string> = {}) {
  const t = tempDir({ 'survey.md': SEED });
  dirs.push(t);
  const child = spawn(process.execPath, [...CURATOR_FROM_SOURCE, 'start'], {
    cwd: ROOT,
    env: { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', SURVEY_PATH: t.path('survey.md'), DATA_DIR: t.path('data'), HEALTH_PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const port = await vi.waitFor(() => {
    const line = err.split('\n').find((l) => l.includes('health: serving GET /healthz'));
    expect(line).toBeDefined();
    return JSON.parse(line!).port as number;
  }, EVENTUALLY);
  const get = async (path = '/healthz') => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, body: (await res.json()) as Health };
  };
  return { t, child, get, stderr: () => err };
}

describe('GET /healthz', () => {
  it('reports every part, and 200 when all are ok', { timeout: 120_000 }, async () => {
    const bot = await startBot();
    const { status, body } = await bot.get();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      list: { ok: true, file: bot.t.path('survey.md'), entries: 180 },
      database: { ok: true, writable: true, file: bot.t.path('data/curator.db') },
      watch: { ok: true, lastPolls: [], pollThread: 'worker' },
    });
    expect(body.database.freeBytes).toBeGreaterThan(0);
    expect((await bot.get('/other')).status).toBe(404);
    bot.child.stdin!.end('quit\n');
  });

  it('is 503 and says why when the list on disk cannot be served', { timeout: 120_000 }, async () => {
    const bot = await startBot();
    await fs.writeFile(bot.t.path('survey.md'), 'not a list any more\n');
    const { body } = await vi.waitFor(async () => {
      const r = await bot.get();
      expect(r.status).toBe(503);
      return r;
    }, EVENTUALLY);
    expect(body).toMatchObject({ status: 'degraded', list: { ok: false, entries: 180, reloadError: expect.stringMatching(/is not a survey list/) }, database: { ok: true } });
    bot.child.stdin!.end('quit\n');
  });
});

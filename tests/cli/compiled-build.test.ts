/**
 * What `npm start` and the `curator` bin run: the build in dist/ with plain node (no tsx), which
 * loads only what a run needs. The build is made afresh here, so it matches the sources.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';
import { CURATOR_FROM_SOURCE, runCli, runNode } from '../helpers/run-cli.js';

const BUILT = path.join(ROOT, 'dist/src/cli.js');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'tools/build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

/** Runs the built curator, logging every module it resolves; resolves with its output and the packages it loaded. */
async function runBuilt(args: string[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vlm-imports-'));
  try {
    const log = path.join(dir, 'imports.log');
    const r = await runNode(['--import', path.join(ROOT, 'tests/helpers/import-log/register.mjs'), BUILT, ...args], { env: { IMPORT_LOG: log, DATA_DIR: dir, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' } });
    const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const packages = new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
    return { ...r, packages, files: new Set(urls) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the build', () => {
  it('is what the bin, npm start and the deploy and manifest scripts run, with plain node', () => {
    expect(pkg.bin.curator).toBe('dist/src/cli.js');
    expect(pkg.scripts.start).toBe('node dist/src/cli.js start');
    expect(pkg.scripts['deploy:discord']).toMatch(/^node dist\//);
    expect(pkg.scripts['slack:manifest']).toMatch(/^node dist\//);
    expect(pkg.scripts.prepare).toContain('tools/build.mjs');
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(readFileSync(BUILT, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('answers exactly as the sources do', async () => {
    const built = await runNode([BUILT, 'ask', 'search CoOp', '--json'], { env: { DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' } });
    const source = await runCli(['ask', 'search CoOp', '--json']);
    expect(built.code, built.stderr).toBe(0);
    expect(JSON.parse(built.stdout)).toEqual(JSON.parse(source.stdout));
    expect(CURATOR_FROM_SOURCE).toContain('tsx');
  });

  it('loads no platform client, feed parser, scheduler, logger or lock for `ask "search clip"`', async () => {
    const r = await runBuilt(['ask', 'search clip']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('CLIP: Learning Transferable Visual Models');
    for (const lazy of ['discord.js', '@slack/bolt', 'rss-parser', 'node-cron', 'pino', 'pino-pretty', 'proper-lockfile']) expect(r.packages, lazy).not.toContain(lazy);
    // Our own code is a handful of bundled files, not a module per source file.
    expect([...r.files].filter((u) => u.includes('/dist/')).length).toBeLessThan(40);
  });

  it('loads the feed parser when a run reads a feed', async () => {
    const r = await runBuilt(['poll', '--dry-run', '--feed', path.join(ROOT, '../shared/fixtures/relevance/feed-2026-04-20.xml'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.packages).toContain('rss-parser');
  });

  it('generates the Slack manifest from the built commands', async () => {
    const r = await runNode([path.join(ROOT, 'dist/src/adapters/slack/manifest-cli.js')]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).features.slash_commands[0].command).toBe('/vlm');
  });

  it('polls in its worker thread, started from the build with plain node, while the console answers', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vlm-built-poll-'));
    const feed = path.join(ROOT, '../shared/fixtures/relevance/feed-2026-04-17.xml');
    copyFileSync(path.join(ROOT, 'data/survey.md'), path.join(dir, 'survey.md'));
    // Every two seconds (node-cron's seconds field), so the test need not wait for 00:15.
    const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), SURVEY_PATH: path.join(dir, 'survey.md'), FEEDS: feed, POLL_CRON: '*/2 * * * * *', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' };
    const child = spawn(process.execPath, [BUILT, 'start'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    try {
      await vi.waitFor(() => expect(err).toMatch(/poll: \d+ candidate\(s\) from 186 paper\(s\)/), { timeout: 90_000, interval: 100 });
      child.stdin.write('search clip\n');
      await vi.waitFor(() => expect(out).toContain('CLIP: Learning Transferable Visual Models'), { timeout: 30_000, interval: 100 });
      // Had the thread not started, the bot would say so and poll on its event loop.
      expect(err).not.toMatch(/poll worker thread did not start/);
      expect(err).not.toMatch(/"level":"(error|fatal)"/);
    } finally {
      child.stdin.end('quit\n');
      await new Promise((r) => child.once('close', r));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

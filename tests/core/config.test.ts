import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_FEED, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('has working defaults with nothing set; blank strings count as unset', () => {
    const c = loadConfig({ DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '  ', FEEDS: '' }, '/srv/bot');
    expect(c.surveyPath).toBe('/srv/bot/data/survey.md');
    expect(c.dataDir).toBe('/srv/bot/data');
    expect(c.discord).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.feed.urls).toEqual([DEFAULT_FEED]);
    expect(c.timezone).toBe('America/New_York');
  });

  it('enables a platform by its token and reads its section', () => {
    const c = loadConfig({ DISCORD_TOKEN: 't', DISCORD_MAINTAINER_ROLE_IDS: '1, 2', SLACK_BOT_TOKEN: 'xoxb', SLACK_APP_TOKEN: 'xapp-1' }, '/r');
    expect(c.discord).toMatchObject({ token: 't', maintainerRoleIds: ['1', '2'] });
    expect(c.slack).toMatchObject({ botToken: 'xoxb', appToken: 'xapp-1', port: 3000 });
  });

  it('reports every problem at once, naming the variable to set and never its value', () => {
    try {
      loadConfig({ DIGEST_MAX: 'many', DISCORD_API_URL: 'not a url', SLACK_BOT_TOKEN: 'xoxb-topsecret' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toMatch(/DIGEST_MAX/);
      expect(msg).toMatch(/DISCORD_API_URL/);
      expect(msg).not.toContain('topsecret');
    }
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ DISCORD_GUILD_ID: '1' })).toThrow(/DISCORD_TOKEN/);
  });
});

describe('schedules and time zone', () => {
  it('refuses a cron expression that is not one, and a time zone the runtime does not know, naming each', () => {
    try {
      loadConfig({ POLL_CRON: 'every day', DIGEST_CRON: '61 9 * * *', TZ: 'Mars/Olympus' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems.find((p) => p.startsWith('POLL_CRON'))).toMatch(/must be a cron expression like "15 0,6,12,18 \* \* \*"/);
      expect(problems.find((p) => p.startsWith('DIGEST_CRON'))).toMatch(/must be a cron expression/);
      expect(problems.find((p) => p.startsWith('TZ'))).toMatch(/must be an IANA time zone/);
    }
  });

  it('takes valid ones', () => {
    const c = loadConfig({ POLL_CRON: '*/30 * * * *', DIGEST_CRON: '0 8 * * 1-5', TZ: 'Europe/Berlin' });
    expect(c.feed).toMatchObject({ pollCron: '*/30 * * * *', digestCron: '0 8 * * 1-5' });
    expect(c.timezone).toBe('Europe/Berlin');
  });
});

describe('operations settings', () => {
  it('reads LOG_LEVEL=debug, the shutdown deadline and the health port, and lists the secrets to redact', () => {
    const c = loadConfig({ LOG_LEVEL: 'debug', SHUTDOWN_TIMEOUT_MS: '2500', HEALTH_PORT: '9090', DISCORD_TOKEN: 'discord-token-value' }, '/r');
    expect(c).toMatchObject({ logLevel: 'debug', shutdownTimeoutMs: 2500, health: { port: 9090, host: '127.0.0.1' } });
    expect(c.secrets).toEqual(['discord-token-value']);
    expect(loadConfig({}).health).toBeUndefined();
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL: must be debug, info, warn or error/);
  });
});

describe('LIST_PUBLISH and GitHub', () => {
  it('is off by default; with the repository and token set, GitHub has its defaults', () => {
    expect(loadConfig({}, '/r')).toMatchObject({ publish: 'none', github: undefined });
    const c = loadConfig({ LIST_PUBLISH: 'pr', GITHUB_REPOSITORY: 'jingyi0000/VLM_survey', GITHUB_TOKEN: 'github_pat_x' }, '/r');
    expect(c.publish).toBe('pr');
    expect(c.github).toEqual({ owner: 'jingyi0000', repo: 'VLM_survey', token: 'github_pat_x', apiUrl: 'https://api.github.com', listPath: 'README.md', syncIntervalMs: 600_000 });
    expect(loadConfig({ GITHUB_REPOSITORY: 'a/b', GITHUB_TOKEN: 't', GITHUB_API_URL: 'http://127.0.0.1:9/', GITHUB_LIST_PATH: '/docs/list.md', GITHUB_BASE_BRANCH: 'trunk', LIST_SYNC_INTERVAL_MS: '0' }).github).toMatchObject({
      apiUrl: 'http://127.0.0.1:9/',
      listPath: 'docs/list.md',
      baseBranch: 'trunk',
      syncIntervalMs: 0,
    });
  });

  it('LIST_PUBLISH=pr needs GITHUB_REPOSITORY and GITHUB_TOKEN, and says so for both at once; the token is never printed', () => {
    expect(() => loadConfig({ LIST_PUBLISH: 'pr' })).toThrow(/GITHUB_REPOSITORY[\s\S]*GITHUB_TOKEN/);
    try {
      loadConfig({ LIST_PUBLISH: 'yes', GITHUB_REPOSITORY: 'not-a-repo', GITHUB_TOKEN: 'ghp_secret123', GITHUB_API_URL: 'nope', LIST_SYNC_INTERVAL_MS: '-1' });
      expect.unreachable();
    } catch (err) {
      const msg = (err as Error).message;
      for (const name of ['LIST_PUBLISH', 'GITHUB_REPOSITORY', 'GITHUB_API_URL', 'LIST_SYNC_INTERVAL_MS']) expect(msg).toContain(name);
      expect(msg).not.toContain('ghp_secret123');
    }
    expect(loadConfig({ GITHUB_REPOSITORY: 'a/b', GITHUB_TOKEN: 'github_pat_redactme' }).secrets).toContain('github_pat_redactme');
  });
});

describe('.env', () => {
  it('is loaded when present, and the real environment wins over it', async () => {
    const { tempDir } = await import('../helpers/fixtures.js');
    const { loadDotEnv } = await import('../../src/config.js');
    const t = tempDir({ '.env': 'VLM_TEST_FROM_FILE=file\nVLM_TEST_BOTH=file\n' });
    process.env.VLM_TEST_BOTH = 'env';
    try {
      loadDotEnv(t.dir);
      expect(process.env.VLM_TEST_FROM_FILE).toBe('file');
      expect(process.env.VLM_TEST_BOTH).toBe('env');
      expect(() => loadDotEnv('/nonexistent-dir')).not.toThrow();
    } finally {
      delete process.env.VLM_TEST_FROM_FILE;
      delete process.env.VLM_TEST_BOTH;
      t.cleanup();
    }
  });
});

describe('LOG_LEVEL', () => {
  it('drops lines below the configured level', async () => {
    const { PassThrough } = await import('node:stream');
    const { createLogger } = await import('../../src/core/logger.js');
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const log = createLogger({ stream: out, level: 'warn' });
    log.info('hidden');
    log.warn('shown', { key: 'v' });
    log.error('also shown');
    expect(text).not.toContain('hidden');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toMatchObject([
      { level: 'warn', msg: 'shown', key: 'v' },
      { level: 'error', msg: 'also shown' },
    ]);
  });
});

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
    const log = createLogger(out, 'warn');
    log.info('hidden');
    log.warn('shown', { key: 'v' });
    log.error('also shown');
    expect(text).not.toContain('hidden');
    expect(text).toMatch(/ warn shown key="v"\n/);
    expect(text).toMatch(/ error also shown\n/);
  });
});

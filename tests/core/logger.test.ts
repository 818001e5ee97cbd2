import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from '../../src/core/logger.js';
import { tempDir } from '../helpers/fixtures.js';

function capture(tty = false) {
  const stream = new PassThrough();
  Object.assign(stream, { isTTY: tty });
  let text = '';
  stream.on('data', (d) => (text += d));
  return { stream, lines: () => text.trim().split('\n').filter(Boolean), text: () => text };
}

describe('the logger', () => {
  it('writes one JSON object per line when not on a terminal: time, level, msg and the fields', () => {
    const out = capture();
    createLogger({ stream: out.stream }).info('poll: done', { feed: 'https://rss.arxiv.org/rss/cs.CV', papers: 3 });
    const [line] = out.lines().map((l) => JSON.parse(l));
    expect(line).toMatchObject({ level: 'info', msg: 'poll: done', feed: 'https://rss.arxiv.org/rss/cs.CV', papers: 3 });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it('is pretty, not JSON, for a person at a terminal', () => {
    const out = capture(true);
    createLogger({ stream: out.stream }).warn('triage: could not edit a message', { candidate: 4 });
    expect(out.text()).toContain('triage: could not edit a message');
    expect(() => JSON.parse(out.lines()[0]!)).toThrow();
  });

  it('honours LOG_LEVEL, debug included', () => {
    const quiet = capture();
    createLogger({ stream: quiet.stream }).debug('hidden');
    expect(quiet.text()).toBe('');
    const loud = capture();
    createLogger({ stream: loud.stream, level: 'debug' }).debug('shown');
    expect(JSON.parse(loud.lines()[0]!)).toMatchObject({ level: 'debug', msg: 'shown' });
  });

  it('never prints a secret: the configured ones and anything shaped like a token, in messages and nested fields', () => {
    const out = capture();
    const discord = 'MTExMTExMTExMTExMTExMTEx.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789ab';
    const log = createLogger({ stream: out.stream, secrets: ['my-signing-secret-1234'] });
    log.error(`slack: rejected xoxb-1234-5678-abcdefgh and my-signing-secret-1234`, {
      request: { headers: { authorization: 'Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789' } },
      tokens: [discord, 'github_pat_11AAAAAAA0abcdefghijklmnopqrstuvwxyz'],
      error: new Error('login failed with xapp-1-A1234-5678-abc'),
    });
    const text = out.text();
    for (const secret of ['xoxb-1234', 'my-signing-secret-1234', 'ghp_abc', discord, 'github_pat_11', 'xapp-1-A1234']) expect(text).not.toContain(secret);
    expect(JSON.parse(out.lines()[0]!)).toMatchObject({ msg: 'slack: rejected [redacted] and [redacted]', error: 'login failed with [redacted]' });
  });

  it('appends to LOG_FILE when one is given', () => {
    const t = tempDir();
    try {
      const file = t.path('logs/curator.log');
      createLogger({ file }).info('to the file');
      createLogger({ file }).info('and again');
      expect(readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).msg)).toEqual(['to the file', 'and again']);
    } finally {
      t.cleanup();
    }
  });

  it('redactSecrets leaves ordinary text alone', () => {
    expect(redactSecrets('CoOp: Learning to Prompt for Vision-Language Models (2109.01134)')).toBe('CoOp: Learning to Prompt for Vision-Language Models (2109.01134)');
  });
});

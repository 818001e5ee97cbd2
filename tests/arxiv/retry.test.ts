import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter } from '../../src/arxiv/retry.js';
import { createHostGate, siteKey } from '../../src/arxiv/host-gate.js';
import { fakeClock } from '../helpers/fake-clock.js';

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 3, 17, 12, 0, 0);
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(parseRetryAfter(new Date(now - 30_000).toUTCString(), now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    for (const v of [null, undefined, '', '-5', '1.5', 'soon-ish']) expect(parseRetryAfter(v, now)).toBeUndefined();
  });
});

describe('backoff and retryable statuses', () => {
  it('doubles from the base and stops at the cap', () => {
    const r = { ...DEFAULT_RETRY, baseDelayMs: 1000, maxDelayMs: 3000 };
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, r))).toEqual([1000, 2000, 3000, 3000]);
  });
  it('retries rate limiting and server trouble, not client errors', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 501].some(isRetryableStatus)).toBe(false);
  });
});

describe('createHostGate', () => {
  it('gives queued callers consecutive slots per site, and other sites their own', async () => {
    const clock = fakeClock(undefined, { frozen: true });
    const gate = createHostGate({ minIntervalMs: 3000, clock });
    // rss.arxiv.org and export.arxiv.org share arXiv's limit.
    await Promise.all(['https://rss.arxiv.org/rss/cs.CV', 'https://export.arxiv.org/api/query', 'https://rss.arxiv.org/rss/cs.CL'].map((u) => gate.wait(u)));
    expect(clock.sleeps).toEqual([3000, 6000]);
    await gate.wait('http://127.0.0.1:8080/feed');
    expect(clock.sleeps).toEqual([3000, 6000]);
  });

  it('keys hosts by site', () => {
    expect(siteKey('https://rss.arxiv.org/x')).toBe('arxiv.org');
    expect(siteKey('https://export.arxiv.org/x')).toBe('arxiv.org');
    expect(siteKey('http://127.0.0.1:1234/x')).toBe('127.0.0.1');
    expect(siteKey('http://[::1]:1234/x')).toBe('::1');
    expect(siteKey('http://localhost/x')).toBe('localhost');
  });
});

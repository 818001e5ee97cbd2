import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedHttpError, FeedNetworkError, FeedParseError, FeedRedirectError, FeedTimeoutError, FeedTooLargeError } from '../../src/arxiv/errors.js';
import { fetchFeed, loadFeedSource, type FeedFetchResult, type FetchFeedOptions } from '../../src/arxiv/fetch.js';
import { systemClock } from '../../src/arxiv/clock.js';
import { createHostGate } from '../../src/arxiv/host-gate.js';
import { parseFeed } from '../../src/arxiv/parse.js';
import {
  HTML_ERROR_PAGE,
  hugeBody,
  neverEndingBody,
  respond,
  rss2Feed,
  rss2Item,
  sequence,
  serveFeed,
  startFeedServer,
  type FeedServer,
} from '../helpers/feed-server.js';
import { fakeClock } from '../helpers/fake-clock.js';

const FEED = readFileSync(new URL('../../../shared/fixtures/arxiv/rss2-current-multicat.xml', import.meta.url), 'utf8');

let server: FeedServer;
let clock: ReturnType<typeof fakeClock>;
let opts: FetchFeedOptions;

beforeEach(async () => {
  server = await startFeedServer();
  clock = fakeClock();
  // No real waiting: the gate and the backoff run on the fake clock.
  opts = { clock, gate: createHostGate({ minIntervalMs: 3000, clock }), timeoutMs: 2000, retry: { baseDelayMs: 100 } };
});
afterEach(() => server.close());

function ok(result: FeedFetchResult): Extract<FeedFetchResult, { status: 'ok' }> {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}`);
  return result;
}

describe('fetchFeed', () => {
  it('returns the text and the validators of a 200', async () => {
    server.route('/rss/cs.CV', serveFeed(FEED, { etag: '"abc"', lastModified: 'Fri, 17 Apr 2026 04:00:00 GMT' }));
    const res = ok(await fetchFeed(server.url('/rss/cs.CV'), opts));
    expect(res).toMatchObject({ etag: '"abc"', lastModified: 'Fri, 17 Apr 2026 04:00:00 GMT', url: server.url('/rss/cs.CV'), bytes: Buffer.byteLength(FEED) });
    expect(res.text).toBe(FEED);
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^vlm-curator\//);
  });

  it('sends the stored ETag and reports 304 as not-modified', async () => {
    server.route('/rss/cs.CV', serveFeed(FEED, { etag: '"abc"' }));
    const first = ok(await fetchFeed(server.url('/rss/cs.CV'), opts));
    const again = await fetchFeed(server.url('/rss/cs.CV'), { ...opts, validator: { etag: first.etag } });
    expect(again).toEqual({ status: 'not-modified', url: server.url('/rss/cs.CV') });
    expect(server.requests[1]?.headers['if-none-match']).toBe('"abc"');
    expect(ok(await fetchFeed(server.url('/rss/cs.CV'), { ...opts, validator: { etag: '"old"' } })).text).toBe(FEED);
  });

  it('sends If-Modified-Since from a stored Last-Modified and reports 304 as not-modified', async () => {
    const lastModified = 'Fri, 17 Apr 2026 04:00:00 GMT';
    server.route('/rss/cs.CV', serveFeed(FEED, { lastModified }));
    expect((await fetchFeed(server.url('/rss/cs.CV'), { ...opts, validator: { lastModified } })).status).toBe('not-modified');
    expect(server.requests[0]?.headers['if-modified-since']).toBe(lastModified);
  });

  it('waits out Retry-After (seconds) on 429, then succeeds', async () => {
    server.route('/rss/cs.CV', sequence(respond(429, 'slow down', { 'retry-after': '7' }), serveFeed(FEED)));
    expect(ok(await fetchFeed(server.url('/rss/cs.CV'), opts)).text).toBe(FEED);
    expect(server.requestsTo('/rss/cs.CV')).toHaveLength(2);
    expect(clock.sleeps).toContain(7000);
  });

  it('waits out Retry-After given as an HTTP date on 503', async () => {
    const at = new Date(clock.now() + 5000).toUTCString();
    server.route('/rss/cs.CV', sequence(respond(503, 'maintenance', { 'retry-after': at }), serveFeed(FEED)));
    expect(ok(await fetchFeed(server.url('/rss/cs.CV'), opts)).text).toBe(FEED);
    expect(clock.sleeps[0]).toBe(5000);
  });

  it('gives up at once when Retry-After is longer than one fetch may wait, saying when to come back', async () => {
    server.route('/rss/cs.CV', respond(429, '', { 'retry-after': '3600' }));
    const err = await fetchFeed(server.url('/rss/cs.CV'), opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedHttpError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 3_600_000, attempts: 1, code: 'feed-http' });
    expect((err as Error).message).toMatch(/^feed\/fetch: HTTP 429 Too Many Requests, server asks to retry after 3600 s/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 500 with exponential backoff, then reports it with the attempt count', async () => {
    server.route('/rss/cs.CV', respond(500, 'boom'));
    const err = await fetchFeed(server.url('/rss/cs.CV'), opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedHttpError);
    expect(err).toMatchObject({ status: 500, attempts: 3 });
    expect((err as Error).message).toBe(`feed/fetch: HTTP 500 Internal Server Error after 3 attempts (the server is struggling; the next poll will try again): GET ${server.url('/rss/cs.CV')}`);
    expect(server.requests).toHaveLength(3);
    // Backoff 100 then 200 ms, each topped up by the gate to 3 s between request starts.
    expect(clock.sleeps).toEqual([100, 2900, 200, 2800]);
  });

  it('recovers when a 502 is followed by a 200', async () => {
    server.route('/rss/cs.CV', sequence(respond(502), serveFeed(FEED)));
    expect(ok(await fetchFeed(server.url('/rss/cs.CV'), opts)).text).toBe(FEED);
  });

  it('refuses a URL that is not http(s) before any request', async () => {
    await expect(fetchFeed('rss.arxiv.org/rss/cs.CV', opts)).rejects.toMatchObject({ code: 'feed-source' });
    await expect(fetchFeed('http://', opts)).rejects.toMatchObject({ code: 'feed-source' });
  });

  it('does not retry a 404 and says to check the URL', async () => {
    const err = await fetchFeed(server.url('/rss/cs.XX'), opts).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, attempts: 1 });
    expect((err as Error).message).toMatch(/check the feed URL/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries network errors and then reports them', async () => {
    const deadUrl = server.url('/rss/cs.CV');
    await server.close();
    const err = await fetchFeed(deadUrl, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedNetworkError);
    expect((err as Error).message).toBe(`feed/fetch: network error (ECONNREFUSED) after 3 attempts: GET ${deadUrl} (check the URL and the connection)`);
    server = await startFeedServer();
  });

  it('aborts a body that never finishes at the timeout and closes the connection', async () => {
    const hang = neverEndingBody();
    server.route('/rss/cs.CV', hang.handler);
    const err = await fetchFeed(server.url('/rss/cs.CV'), { ...opts, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedTimeoutError);
    expect((err as Error).message).toBe(`feed/fetch: request timed out after 300 ms: GET ${server.url('/rss/cs.CV')} (raise FEED_TIMEOUT_MS if the server is just slow)`);
    await hang.droppedByClient; // the server saw the socket close
    expect(server.requests).toHaveLength(1); // a hung server is not asked again
  });

  it('stops reading a 50 MB body at the cap and drops the connection', async () => {
    const big = hugeBody(50 * 1024 * 1024);
    server.route('/rss/cs.CV', big.handler);
    const err = await fetchFeed(server.url('/rss/cs.CV'), { ...opts, maxBytes: 256 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedTooLargeError);
    const { receivedBytes, maxBytes } = err as FeedTooLargeError;
    expect(maxBytes).toBe(256 * 1024);
    expect(receivedBytes).toBeGreaterThan(maxBytes);
    expect(receivedBytes).toBeLessThan(maxBytes + 1024 * 1024);
    await big.droppedByClient;
    expect(big.bytesSent()).toBeLessThan(10 * 1024 * 1024);
    expect((err as Error).message).toMatch(/^feed\/fetch: response is larger than the 262144-byte cap/);
  });

  it('refuses a body whose Content-Length is over the cap without reading it', async () => {
    server.route('/rss/cs.CV', respond(200, 'x'.repeat(5000), { 'content-type': 'application/rss+xml' }));
    const err = await fetchFeed(server.url('/rss/cs.CV'), { ...opts, maxBytes: 1000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'feed-too-large', receivedBytes: 5000 });
  });

  it('cancels on the caller\'s signal', async () => {
    const hang = neverEndingBody();
    server.route('/rss/cs.CV', hang.handler);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    await expect(fetchFeed(server.url('/rss/cs.CV'), { ...opts, signal: controller.signal })).rejects.toThrow('shutting down');
    await hang.droppedByClient;
  });
});

describe('redirects', () => {
  const other = (path: string) => server.url(path).replace('127.0.0.1', 'localhost');

  it('are followed within the feed’s own site, each hop through the politeness gate', async () => {
    server.route('/rss/cs.CV', respond(301, '', { location: '/rss/cs.CV/new' }));
    server.route('/rss/cs.CV/new', serveFeed(FEED));
    const res = ok(await fetchFeed(server.url('/rss/cs.CV'), opts));
    expect(res.url).toBe(server.url('/rss/cs.CV/new'));
    expect(res.text).toBe(FEED);
    expect(clock.sleeps).toEqual([3000]);
  });

  it('to another site are refused, naming the site and the setting that allows it', async () => {
    server.route('/rss/cs.CV', respond(302, '', { location: other('/metadata') }));
    server.route('/metadata', respond(200, 'secret'));
    const err = await fetchFeed(server.url('/rss/cs.CV'), opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedRedirectError);
    expect(err).toMatchObject({ code: 'feed-redirect' });
    expect((err as Error).message).toBe(`feed/fetch: redirect to another site (localhost) refused (add it to FEED_ALLOWED_HOSTS if it is the feed's new home): GET ${server.url('/rss/cs.CV')} → ${other('/metadata')}`);
    expect(server.requestsTo('/metadata')).toHaveLength(0);
    // Not retried: another try would be refused the same way.
    expect(server.requestsTo('/rss/cs.CV')).toHaveLength(1);
  });

  it('to a host in FEED_ALLOWED_HOSTS are followed', async () => {
    server.route('/rss/cs.CV', respond(307, '', { location: other('/mirror') }));
    server.route('/mirror', serveFeed(FEED));
    expect(ok(await fetchFeed(server.url('/rss/cs.CV'), { ...opts, allowedHosts: ['localhost'] })).url).toBe(other('/mirror'));
  });

  it('to something that is not http(s), or in a loop, are refused', async () => {
    server.route('/file', respond(302, '', { location: 'file:///etc/passwd' }));
    await expect(fetchFeed(server.url('/file'), opts)).rejects.toThrow(/redirect to a URL that is not http\(s\) refused/);
    server.route('/loop', respond(302, '', { location: '/loop' }));
    await expect(fetchFeed(server.url('/loop'), opts)).rejects.toThrow(/more than 5 redirects/);
    expect(server.requestsTo('/loop')).toHaveLength(6);
  });
});

describe('the politeness gate', () => {
  it('spaces requests to one host by the interval, from request start', async () => {
    server.route('/rss/cs.CV', serveFeed(FEED));
    const url = server.url('/rss/cs.CV');
    await fetchFeed(url, opts);
    expect(clock.sleeps).toEqual([]);
    clock.advance(1000);
    await fetchFeed(url, opts);
    await fetchFeed(url, opts);
    expect(clock.sleeps).toEqual([2000, 3000]);
  });

  it('really waits with a short interval on the real clock', async () => {
    // Measured where the gate lets requests go, not where the server sees them: connection set-up
    // time differs per request on a busy machine, the gate's spacing does not.
    // Only lower bounds, on the gate's own clock: a busy machine can make a grant late, never early.
    const gate = createHostGate({ minIntervalMs: 50 });
    const url = server.url('/rss/cs.CV');
    const start = systemClock.now();
    const granted = await Promise.all([0, 1, 2].map(() => gate.wait(url).then(() => systemClock.now() - start)));
    // Node timers may fire up to a millisecond before their due time (clock rounding).
    expect(granted.map((at, i) => at >= i * 50 - 1)).toEqual([true, true, true]);
    server.route('/rss/cs.CV', serveFeed(FEED));
    await expect(fetchFeed(url, { timeoutMs: 2000, gate })).resolves.toMatchObject({ status: 'ok' });
  });
});

describe('one poll against a misbehaving feed server ends in a result or a clear error', () => {
  const poll = async (path: string) => {
    const res = await loadFeedSource(server.url(path), opts);
    return res.status === 'ok' ? parseFeed(res.text, { source: res.url }) : res;
  };

  it('an HTML error page served with 200 is a FeedParseError naming it', async () => {
    server.route('/rss/cs.CV', respond(200, HTML_ERROR_PAGE, { 'content-type': 'text/html' }));
    await expect(poll('/rss/cs.CV')).rejects.toThrow(
      new FeedParseError('not a feed (an HTML page: an error page or a login wall?)', server.url('/rss/cs.CV')),
    );
  });

  it('malformed XML is a FeedParseError', async () => {
    server.route('/rss/cs.CV', serveFeed(FEED.slice(0, 3000)));
    await expect(poll('/rss/cs.CV')).rejects.toBeInstanceOf(FeedParseError);
  });

  it('an empty weekend feed is zero papers', async () => {
    server.route('/rss/cs.CV', serveFeed(rss2Feed([])));
    expect(await poll('/rss/cs.CV')).toMatchObject({ papers: [], skipped: [] });
  });

  it('a feed with missing fields yields the good papers and the skip reasons', async () => {
    server.route('/rss/cs.CV', serveFeed(rss2Feed([rss2Item({ title: null }), rss2Item({ id: '2604.09999' })])));
    const feed = await poll('/rss/cs.CV');
    expect(feed).toMatchObject({ skipped: [{ reason: 'missing title' }], papers: [{ arxivId: '2604.09999' }] });
  });

  it('the next poll works after each failure', async () => {
    server.route('/rss/cs.CV', sequence(respond(200, HTML_ERROR_PAGE), serveFeed(FEED)));
    await expect(poll('/rss/cs.CV')).rejects.toBeInstanceOf(FeedParseError);
    expect(await poll('/rss/cs.CV')).toMatchObject({ format: 'rss2', papers: { length: 4 } });
  });
});

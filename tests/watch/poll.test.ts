import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  type FeedRoute,
  type FeedServer,
} from '../helpers/feed-server.js';
import { FeedStore } from '../../src/arxiv/feed-store.js';
import { dbPath } from '../../src/db/database.js';
import { openStore } from '../helpers/db.js';
import { testWatch } from '../helpers/watch.js';

const FEED_PATH = '/rss/cs.CV';

/** A listed paper (the seed list has 2303.10431) and a listed title whose entry links a CVPR PDF. */
const LISTED_ID = '2303.10431';
const LISTED_VENUE_TITLE = 'RA-CLIP: Retrieval Augmented Contrastive Language-Image Pre-training';

const DAY1 = rss2Feed([
  rss2Item({ id: '2604.10001', title: 'A Vision-Language Model for Everything' }),
  rss2Item({ id: '2604.10002', title: 'Faster Sorting of Point Clouds' }),
  rss2Item({ id: '2604.10003', title: 'An Old CLIP Paper, Revised', type: 'replace' }),
  rss2Item({ id: '2604.10004', title: 'Cross-listed CLIP Adapters', type: 'cross', categories: 'cs.CL cs.CV' }),
  rss2Item({ id: '2604.10005', title: 'Another CLIP Update', type: 'replace-cross' }),
  rss2Item({ id: LISTED_ID, title: 'DeAR, Now Under a New Title' }),
  rss2Item({ id: '2604.10006', title: LISTED_VENUE_TITLE.toUpperCase().replace(/:/, ' —') }),
]);
const DAY2 = rss2Feed([
  rss2Item({ id: '2604.10001', title: 'A Vision-Language Model for Everything' }),
  rss2Item({ id: '2604.20001', title: 'Open-Vocabulary Detection with CLIP' }),
  rss2Item({ id: '2604.20002', title: 'Weather Forecasting with Transformers' }),
]);

let server: FeedServer;
let t: Awaited<ReturnType<typeof testWatch>>;

async function setup(env: Record<string, string> = {}) {
  server = await startFeedServer();
  // A small cap keeps the oversize case fast on a busy machine; the timeout is well above it.
  t = await testWatch({ env: { FEEDS: server.url(FEED_PATH), FEED_TIMEOUT_MS: '1500', FEED_MAX_BYTES: String(2 * 1024 * 1024), ...env } });
}

afterEach(async () => {
  await t?.watch.close();
  await server?.close();
  t?.tmp.cleanup();
});

const count = (table: string) => t.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
const statusOf = (report: Awaited<ReturnType<typeof t.watch.poll>>, id: string) => report.papers.find((p) => p.paper.arxivId === id)?.status;

describe('a poll', () => {
  beforeEach(() => setup());

  it('scores the new papers, records candidates, seen papers, validators and a poll row', async () => {
    server.route(FEED_PATH, serveFeed(DAY1, { etag: '"d1"', lastModified: 'Mon, 20 Apr 2026 04:00:00 GMT' }));
    const report = await t.watch.poll();

    expect(report.failed).toBe(false);
    expect(report.papers.map((p) => [p.paper.arxivId, p.status])).toEqual([
      ['2604.10001', 'candidate'],
      ['2604.10002', 'below-threshold'],
      ['2604.10003', 'not-new'],
      ['2604.10004', 'candidate'],
      ['2604.10005', 'not-new'],
      [LISTED_ID, 'listed'],
      ['2604.10006', 'listed'],
    ]);
    expect(t.scorer.scored.map((p) => p.arxivId)).toEqual(['2604.10001', '2604.10002', '2604.10004']);

    expect(t.store.candidatesWithStatus('pending').map((c) => c.arxivId)).toEqual(['2604.10001', '2604.10004']);
    const c = t.store.candidateByArxivId('2604.10001')!;
    expect(c).toMatchObject({ title: 'A Vision-Language Model for Everything', authors: ['Ada Lovelace', 'Alan Turing'], link: 'https://arxiv.org/abs/2604.10001', score: 0.9, status: 'pending', source: server.url(FEED_PATH) });
    expect(c.sections[0]!.path).toEqual(['Vision-Language Pre-training Methods', 'Pre-training with Contrastive Objective']);
    // Seen: every announcement of a new paper, listed ones included; replacements are not new papers.
    expect(t.feeds.seenIds(['2604.10001', '2604.10002', '2604.10003', '2604.10004', '2604.10005', LISTED_ID, '2604.10006'])).toEqual(
      new Set(['2604.10001', '2604.10002', '2604.10004', LISTED_ID, '2604.10006']),
    );
    expect(t.feeds.feed(server.url(FEED_PATH))).toMatchObject({ etag: '"d1"', lastModified: 'Mon, 20 Apr 2026 04:00:00 GMT', lastNew: t.clock.now() });
    expect(t.feeds.polls()).toEqual([
      expect.objectContaining({ outcome: 'ok', counts: { items: 7, fresh: 5, scored: 3, candidates: 2, skipped: 0 } }),
    ]);
  });

  it('sends the stored validator next time; a 304 records only the poll and the feed’s success', async () => {
    server.route(FEED_PATH, serveFeed(DAY1, { etag: '"d1"' }));
    await t.watch.poll();
    const before = { seen: count('papers_seen'), candidates: count('candidates') };
    t.clock.advance(3_600_000);

    const report = await t.watch.poll();

    expect(server.requests[1]!.headers['if-none-match']).toBe('"d1"');
    expect(report.feeds[0]!.outcome).toBe('not-modified');
    expect({ seen: count('papers_seen'), candidates: count('candidates') }).toEqual(before);
    expect(t.feeds.feed(server.url(FEED_PATH))).toMatchObject({ etag: '"d1"', lastSuccess: t.clock.now() });
    expect(t.feeds.polls()[0]).toMatchObject({ outcome: 'not-modified' });
    expect(t.log.lines.some((l) => /not modified/.test(l.msg))).toBe(true);
  });

  it('does not score papers an earlier poll saw', async () => {
    server.route(FEED_PATH, sequence(serveFeed(DAY1, { etag: '"d1"' }), serveFeed(DAY2, { etag: '"d2"' })));
    await t.watch.poll();
    t.scorer.scored.length = 0;

    const report = await t.watch.poll();

    expect(statusOf(report, '2604.10001')).toBe('seen');
    expect(t.scorer.scored.map((p) => p.arxivId)).toEqual(['2604.20001', '2604.20002']);
    expect(t.store.candidatesWithStatus('pending').map((c) => c.arxivId).sort()).toEqual(['2604.10001', '2604.10004', '2604.20001']);
    expect(t.feeds.polls()[0]!.counts).toMatchObject({ items: 3, fresh: 2, scored: 2, candidates: 1 });
  });

  it('counts papers the list gained since the last poll as listed', async () => {
    server.route(FEED_PATH, serveFeed(DAY2));
    await t.catalogue.modify((cat) => {
      const table = cat.sectionByPath(['Vision-Language Pre-training Methods', 'Pre-training with Contrastive Objective'])!.table!;
      return { catalogue: cat.insertLine(table.lastLine, '|[Open-Vocabulary Detection with CLIP](https://arxiv.org/abs/2604.20001)|arXiv 2026|-|') };
    });
    expect(statusOf(await t.watch.poll(), '2604.20001')).toBe('listed');
  });
});

describe('a poll with INCLUDE_CROSS_LISTS=false', () => {
  beforeEach(() => setup({ INCLUDE_CROSS_LISTS: 'false' }));

  it('skips cross-listed papers but remembers them as seen', async () => {
    server.route(FEED_PATH, serveFeed(DAY1));
    const report = await t.watch.poll();
    expect(statusOf(report, '2604.10004')).toBe('cross-list-off');
    expect(t.store.candidateByArxivId('2604.10004')).toBeUndefined();
    expect(t.feeds.seenIds(['2604.10004']).size).toBe(1);
  });
});

/**
 * Each fault: the poll resolves (no throw), logs why, records only the failure (the feed's last
 * error and a poll row), and the next poll — with the feed fixed — works.
 */
describe('a feed that misbehaves', () => {
  beforeEach(() => setup());

  const faults: [string, () => FeedRoute, string, RegExp][] = [
    ['500 on every attempt', () => respond(500, 'oops'), 'feed-http', /HTTP 500.*after 3 attempts/],
    ['429 asking to come back in an hour', () => respond(429, '', { 'retry-after': '3600' }), 'feed-http', /retry after 3600 s/],
    ['a body that never ends', () => neverEndingBody().handler, 'feed-timeout', /timed out after 1500 ms/],
    ['a 50 MB body', () => hugeBody(50 * 1024 * 1024).handler, 'feed-too-large', /larger than the 2097152-byte cap/],
    ['an HTML error page', () => respond(200, HTML_ERROR_PAGE, { 'content-type': 'text/html' }), 'feed-parse', /an HTML page/],
    ['malformed XML', () => respond(200, '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>broken</item></channel>', { 'content-type': 'application/rss+xml' }), 'feed-parse', /malformed XML|not a well-formed/],
    ['a 404', () => respond(404, 'gone'), 'feed-http', /HTTP 404.*check the feed URL/],
  ];

  for (const [name, route, code, reason] of faults) {
    it(`${name}: logs why, records only the failure, and the next poll works`, async () => {
      server.route(FEED_PATH, serveFeed(DAY1, { etag: '"d1"' }));
      await t.watch.poll();
      const before = { seen: count('papers_seen'), candidates: count('candidates'), feed: t.feeds.feed(server.url(FEED_PATH)) };
      server.route(FEED_PATH, route());
      t.clock.advance(60_000);

      const report = await t.watch.poll();

      expect(report.failed).toBe(true);
      expect(report.feeds[0]).toMatchObject({ outcome: 'error', papers: [], error: { code } });
      expect(report.feeds[0]!.error!.message).toMatch(reason);
      expect(t.log.lines.filter((l) => l.level === 'warn' && l.msg.includes(report.feeds[0]!.error!.message))).toHaveLength(1);
      expect({ seen: count('papers_seen'), candidates: count('candidates') }).toEqual({ seen: before.seen, candidates: before.candidates });
      const feed = t.feeds.feed(server.url(FEED_PATH))!;
      expect(feed).toMatchObject({ etag: '"d1"', lastSuccess: before.feed!.lastSuccess, lastNew: before.feed!.lastNew, lastErrorCode: code });
      expect(feed.lastError).toMatch(reason);
      expect(t.feeds.polls()[0]).toMatchObject({ outcome: 'error', errorCode: code, counts: { items: 0, fresh: 0, scored: 0, candidates: 0, skipped: 0 } });

      server.route(FEED_PATH, serveFeed(DAY2, { etag: '"d2"' }));
      t.clock.advance(60_000);
      const next = await t.watch.poll();
      expect(next.failed).toBe(false);
      expect(statusOf(next, '2604.20001')).toBe('candidate');
      expect(t.feeds.feed(server.url(FEED_PATH))).toMatchObject({ etag: '"d2"', lastSuccess: t.clock.now() });
      expect(t.feeds.feed(server.url(FEED_PATH))!.lastError).toBeUndefined();
    });
  }

  it('429 with a short Retry-After: waits it out and succeeds within the same poll', async () => {
    server.route(FEED_PATH, sequence(respond(429, 'slow down', { 'retry-after': '7' }), serveFeed(DAY1)));
    const report = await t.watch.poll();
    expect(report.failed).toBe(false);
    expect(server.requestsTo(FEED_PATH)).toHaveLength(2);
    expect(t.clock.sleeps).toContain(7000);
    expect(count('candidates')).toBe(2);
  });

  it('an empty feed (a weekend) is a success with nothing new, and says so', async () => {
    server.route(FEED_PATH, serveFeed(rss2Feed([])));
    const report = await t.watch.poll();
    expect(report).toMatchObject({ failed: false, papers: [] });
    expect(t.feeds.polls()[0]).toMatchObject({ outcome: 'ok', counts: { items: 0, fresh: 0 } });
    expect(t.feeds.feed(server.url(FEED_PATH))!.lastNew).toBeUndefined();
    expect(t.log.lines.some((l) => /no items .*weekend or holiday/.test(l.msg))).toBe(true);
  });

  it('items with missing fields are skipped with a reason; the rest of the feed is used', async () => {
    server.route(
      FEED_PATH,
      serveFeed(
        rss2Feed([
          rss2Item({ id: null, title: 'No Identifier at All' }),
          rss2Item({ id: '2604.30001', title: null }),
          rss2Item({ id: '2604.30002', type: null, title: 'No Announce Type' }),
          rss2Item({ id: '2604.30003', title: 'Vision-Language Papers Without Abstracts', abstract: null, creator: null, categories: null }),
        ]),
      ),
    );
    const report = await t.watch.poll();
    expect(report.papers.map((p) => [p.paper.arxivId, p.status])).toEqual([['2604.30003', 'candidate']]);
    expect(t.store.candidateByArxivId('2604.30003')).toMatchObject({ abstract: '', authors: [] });
    expect(t.feeds.polls()[0]!.counts).toMatchObject({ items: 1, skipped: 3 });
    const summary = t.log.lines.find((l) => l.msg.startsWith('poll: 1 candidate'));
    expect(summary?.extra?.skipped).toEqual({ 'missing arXiv id': 1, 'missing title': 1, 'missing announce type': 1 });
  });

  it('a scorer that throws records only the failure, logged once with the reason', async () => {
    server.route(FEED_PATH, serveFeed(DAY1));
    const score = t.scorer.score;
    t.scorer.score = () => {
      throw new Error('model file is corrupt');
    };
    const report = await t.watch.poll();
    expect(report.feeds[0]).toMatchObject({ outcome: 'error', error: { code: 'internal', message: 'poll: model file is corrupt' } });
    expect({ seen: count('papers_seen'), candidates: count('candidates') }).toEqual({ seen: 0, candidates: 0 });
    expect(t.log.lines.filter((l) => l.level === 'error')).toHaveLength(1);

    t.scorer.score = score;
    expect((await t.watch.poll()).failed).toBe(false);
    expect(count('candidates')).toBe(2);
  });

  it('one failing feed does not stop the others', async () => {
    server.route(FEED_PATH, serveFeed(DAY1));
    server.route('/broken', respond(404));
    const report = await t.watch.poll([server.url('/broken'), server.url(FEED_PATH)]);
    expect(report.feeds.map((f) => f.outcome)).toEqual(['error', 'ok']);
    expect(count('candidates')).toBe(2);
  });

  it('shutdown cancels a request in flight; the poll records that and resolves', async () => {
    const slow = neverEndingBody();
    server.route(FEED_PATH, slow.handler);
    // The timeout alone would take 30 s.
    await t.watch.close();
    t.tmp.cleanup();
    t = await testWatch({ env: { FEEDS: server.url(FEED_PATH), FEED_TIMEOUT_MS: '30000' } });
    const poll = t.watch.poll();
    while (!server.requestsTo(FEED_PATH).length) await new Promise((r) => setTimeout(r, 5));

    await t.watch.close();

    expect((await poll).feeds[0]).toMatchObject({ outcome: 'error', error: { code: 'cancelled' } });
    await slow.droppedByClient;
    const store = openStore(FeedStore, dbPath(t.config.dataDir));
    expect(store.polls()[0]).toMatchObject({ outcome: 'error', errorCode: 'cancelled' });
    expect(store.feed(server.url(FEED_PATH))?.lastError).toMatch(/cancelled.*shutting down/);
    store.close();
  });
});

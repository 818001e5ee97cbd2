import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { fetchArxivPaper, type ArxivApiOptions } from '../../src/arxiv/api.js';
import { FeedHttpError } from '../../src/arxiv/errors.js';
import { createHostGate } from '../../src/arxiv/host-gate.js';
import { respond, serveFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { fakeClock } from '../helpers/fake-clock.js';

const API_RESPONSE = readFileSync(new URL('../../../shared/fixtures/arxiv/api-atom-2021.xml', import.meta.url), 'utf8');
const NO_RESULTS = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query: search_query=&amp;id_list=2512.99999&amp;start=0&amp;max_results=10</title>
  <id>http://arxiv.org/api/x</id>
  <updated>2026-04-17T00:00:00-04:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:totalResults>
</feed>`;
const ERROR_ENTRY = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query: id_list=1234</title>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
    <title>Error</title>
    <summary>incorrect id format for 1234</summary>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234" rel="alternate" type="text/html"/>
  </entry>
</feed>`;

let server: FeedServer;
let opts: ArxivApiOptions;

beforeEach(async () => {
  server = await startFeedServer();
  const clock = fakeClock();
  opts = { apiUrl: server.url('/api/query'), clock, gate: createHostGate({ minIntervalMs: 3000, clock }), timeoutMs: 2000, retry: { baseDelayMs: 1 } };
});
afterEach(() => server.close());

describe('fetchArxivPaper', () => {
  it('asks the API for the versionless id and returns the paper as new', async () => {
    server.route('/api/query', serveFeed(API_RESPONSE, { contentType: 'application/atom+xml; charset=utf-8' }));
    const paper = await fetchArxivPaper('arXiv:1602.05902', opts);
    expect(server.requests[0]?.url).toBe('/api/query?id_list=1602.05902');
    expect(paper).toMatchObject({
      arxivId: '1602.05902',
      version: 1,
      title: 'Dark Radiation and Inflationary Freedom',
      abstract: 'test2',
      authors: ['Stefano Gariazzo'],
      categories: ['astro-ph.CO'],
      announceType: 'new',
      comment: 'Poster presented at NuPhys2015 (London, 16-18 December 2015). 5 pages, 3 figures',
    });
  });

  it('asks for a specific version when given one, and accepts links', async () => {
    server.route('/api/query', serveFeed(API_RESPONSE));
    await fetchArxivPaper('https://arxiv.org/pdf/1510.05980v1.pdf', opts);
    expect(server.requests[0]?.url).toBe('/api/query?id_list=1510.05980v1');
  });

  it.each([
    ['an empty result', NO_RESULTS],
    ["arXiv's error entry", ERROR_ENTRY],
  ])('throws UserError arxiv-paper-not-found for %s', async (_name, body) => {
    server.route('/api/query', serveFeed(body));
    const err = await fetchArxivPaper('2512.99999', opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'arxiv-paper-not-found', message: 'feed/arxiv-api: arXiv has no paper 2512.99999; check the id (e.g. 2109.01134)' });
  });

  it('throws UserError arxiv-id-invalid without asking arXiv when the text is not an id', async () => {
    await expect(fetchArxivPaper('CoOp', opts)).rejects.toMatchObject({ code: 'arxiv-id-invalid' });
    expect(server.requests).toHaveLength(0);
  });

  it('lets fetch failures through as feed errors', async () => {
    server.route('/api/query', respond(503, 'down'));
    await expect(fetchArxivPaper('1510.05980', opts)).rejects.toBeInstanceOf(FeedHttpError);
    expect(server.requests).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/arxiv/errors.js';
import { detectFeedFormat, parseFeed } from '../../src/arxiv/parse.js';
import { HTML_ERROR_PAGE, rss2Feed, rss2Item } from '../helpers/feed-server.js';

async function parseError(text: string): Promise<FeedParseError> {
  const err = await parseFeed(text, { source: 'http://127.0.0.1/rss/cs.CV' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(FeedParseError);
  return err as FeedParseError;
}

describe('text that is not a feed', () => {
  it('names an HTML error page as such, without quoting it (a stranger’s text must not reach logs and alerts)', async () => {
    const err = await parseError(HTML_ERROR_PAGE);
    expect(err.message).toBe('feed/parse: not a feed (an HTML page: an error page or a login wall?) (from http://127.0.0.1/rss/cs.CV)');
    expect(err.message).not.toContain('temporarily unavailable');
    expect(err.code).toBe('feed-parse');
  });

  it('recognises HTML without a doctype too', async () => {
    expect((await parseError('<html><body><h1>502 Bad Gateway</h1></body></html>')).reason).toBe('not a feed (an HTML page: an error page or a login wall?)');
  });

  it('says so for plain text, an empty body and other XML documents, quoting none of them', async () => {
    expect((await parseError('Rate exceeded. @everyone <!channel>')).reason).toBe('not a feed (plain text, not XML)');
    expect((await parseError('  \n')).reason).toBe('not a feed (empty document)');
    expect((await parseError('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')).reason).toBe('not a feed (the root element is not <rss>, <rdf:RDF> or <feed>)');
  });

  it.each([
    ['an unclosed element', rss2Feed([rss2Item()]).replace('</channel>', '')],
    ['a feed cut off mid-item', rss2Feed([rss2Item(), rss2Item({ id: '2604.01235' })]).slice(0, 900)],
    ['an undefined entity', rss2Feed([rss2Item({ title: 'caf&foo;' })])],
    ['mismatched tags', rss2Feed([rss2Item()]).replace('</title>', '</titel>')],
    ['a stray ampersand', rss2Feed([rss2Item({ title: 'Salt & Pepper' })])],
  ])('reports malformed XML (%s) as FeedParseError', async (_name, text) => {
    const { reason } = await parseError(text);
    expect(reason).toMatch(/^malformed XML( \(line \d+, column \d+\))?$|^not a well-formed rss2 feed$/);
  });

  it('still rejects a malformed feed right after another malformed one (no parser state carries over)', async () => {
    const bad = rss2Feed([rss2Item({ title: 'Salt & Pepper' })]);
    await parseError(rss2Feed([rss2Item()]).replace('</title>', '</titel>'));
    await parseError(bad);
    await parseError(bad);
    expect((await parseFeed(rss2Feed([rss2Item()]))).papers).toHaveLength(1);
  });

  it('reads the HTML entities the XML parser knows leniently rather than rejecting the feed', async () => {
    expect((await parseFeed(rss2Feed([rss2Item({ title: 'Caf&eacute; Scenes' })]))).papers[0]?.title).toBe('Café Scenes');
  });

  it('reports an <rss> without a channel instead of crashing', async () => {
    expect((await parseError('<rss version="2.0"></rss>')).reason).toMatch(/^not a well-formed rss2 feed|^malformed XML/);
  });
});

describe('feeds with nothing or little in them', () => {
  it('an empty (weekend) feed is zero papers, not an error', async () => {
    expect(await parseFeed(rss2Feed([]))).toEqual({ title: 'cs.CV updates on arXiv.org', papers: [], skipped: [], format: 'rss2' });
  });

  it('skips items without id, title or announce type, counting each reason, and keeps the rest', async () => {
    const feed = await parseFeed(
      rss2Feed([
        rss2Item({ id: null }),
        rss2Item({ id: '2604.00002', title: null }),
        rss2Item({ id: '2604.00003', title: '   ' }),
        rss2Item({ id: '2604.00004', type: null }),
        rss2Item({ id: '2604.00005', type: 'withdrawn' }),
        rss2Item({ id: '2604.00006', abstract: null, creator: null, categories: null }),
        rss2Item({ id: '2604.00006' }),
        '<item></item>',
      ]),
    );
    expect(feed.skipped.map((s) => s.reason)).toEqual([
      'missing arXiv id',
      'missing title',
      'missing title',
      'missing announce type',
      'unknown announce type',
      'duplicate item',
      'missing arXiv id',
    ]);
    expect(feed.papers).toEqual([
      {
        arxivId: '2604.00006',
        version: 1,
        title: 'A Test Paper on Vision-Language Models',
        abstract: '',
        authors: [],
        categories: [],
        announceType: 'new',
        link: 'https://arxiv.org/abs/2604.00006',
        published: '2026-04-17T04:00:00.000Z',
      },
    ]);
  });

  it('takes the announce type from the description when the element is missing', async () => {
    const item = rss2Item({ type: 'cross' }).replace(/<arxiv:announce_type>.*<\/arxiv:announce_type>/, '');
    expect((await parseFeed(rss2Feed([item]))).papers[0]?.announceType).toBe('cross');
  });
});

describe('untrusted text in titles, authors and abstracts', () => {
  it('comes out as plain text: HTML stripped and decoded, mentions and markdown left as inert text', async () => {
    const feed = await parseFeed(
      rss2Feed([
        rss2Item({
          title: '&lt;b&gt;@everyone&lt;/b&gt; **Free** [Nitro](https://evil.example) &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;`code`',
          creator: '&lt;a href="https://evil.example"&gt;@here&lt;/a&gt;, &lt;@123456789&gt;, Bob',
          abstract: 'We &lt;i&gt;propose&lt;/i&gt; &lt;iframe src="x"&gt;&lt;/iframe&gt;a method &amp;amp; more. &lt;!-- hidden --&gt;',
        }),
      ]),
    );
    const [p] = feed.papers;
    expect(p?.title).toBe('@everyone **Free** [Nitro](https://evil.example) `code`');
    expect(p?.authors).toEqual(['@here']);
    expect(p?.abstract).toBe('We propose a method & more.');
  });

  it('keeps a plain-text creator list whole, including a mention-like name', async () => {
    const feed = await parseFeed(rss2Feed([rss2Item({ creator: '@everyone, Jane Doe' })]));
    expect(feed.papers[0]?.authors).toEqual(['@everyone', 'Jane Doe']);
  });
});

describe('detectFeedFormat', () => {
  it('sees through a BOM, the XML declaration, comments and a doctype', () => {
    expect(detectFeedFormat('\uFEFF<?xml version="1.0"?>\n<!-- hi --><!DOCTYPE rss><rss version="2.0"/>')).toBe('rss2');
    expect(detectFeedFormat('<rdf:RDF xmlns:rdf="x"/>')).toBe('rdf');
    expect(detectFeedFormat('<feed xmlns="http://www.w3.org/2005/Atom"/>')).toBe('atom');
  });
});

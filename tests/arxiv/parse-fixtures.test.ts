import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../../src/arxiv/normalise.js';
import type { FeedPaper } from '../../src/arxiv/paper.js';
import { parseFeed } from '../../src/arxiv/parse.js';

const SHARED = new URL('../../../shared/fixtures/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, SHARED), 'utf8');

function countByType(feed: ParsedFeed): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of feed.papers) counts[p.announceType] = (counts[p.announceType] ?? 0) + 1;
  return counts;
}

function paper(feed: ParsedFeed, id: string): FeedPaper {
  const found = feed.papers.find((p) => p.arxivId === id);
  if (!found) throw new Error(`no paper ${id} in feed`);
  return found;
}

describe('current RSS 2.0 feed (rss.arxiv.org/rss, several categories)', async () => {
  const feed = await parseFeed(read('arxiv/rss2-current-multicat.xml'));

  it('reads every item with its announce type', () => {
    expect(feed.format).toBe('rss2');
    expect(feed.title).toBe('cs.LG, cs.AI, cs.CL, stat.ML updates on arXiv.org');
    expect(countByType(feed)).toEqual({ new: 2, cross: 1, replace: 1 });
    expect(feed.skipped).toEqual([]);
  });

  it('normalises a new paper fully', () => {
    const p = paper(feed, '2609.26820');
    expect(p).toMatchObject({
      version: 1,
      title: 'Signal2Symbol: Neuro-Symbolic Temporal Reasoning for Explainable Physiological Time-Series Anomaly Detection',
      authors: ['Naser Mansour', 'Sidahmed Benabderrahmane', 'Ameer Rahwan'],
      categories: ['cs.LG', 'cs.AI'],
      announceType: 'new',
      link: 'https://arxiv.org/abs/2609.26820',
      published: '2026-09-24T04:00:00.000Z',
    });
    expect(p.abstract).toMatch(/^Physiological time series such as electrocardiograms/);
    expect(p.abstract).not.toMatch(/Announce Type|Abstract:/);
  });

  it('keeps the primary category first and the DOI of a cross-list', () => {
    const p = paper(feed, '2205.06398');
    expect(p).toMatchObject({ version: 2, announceType: 'cross', categories: ['stat.ME', 'stat.AP', 'stat.ML'], doi: '10.1093/bioinformatics/btac431' });
  });

  it('marks a replacement as such, with its version', () => {
    expect(paper(feed, '2009.13987')).toMatchObject({ version: 3, announceType: 'replace' });
  });
});

describe('legacy RSS 1.0/RDF feed (before 2024)', async () => {
  const feed = await parseFeed(read('arxiv/rdf-legacy-2018.xml'));

  it('reads the announce type from the title suffix and drops the suffix and its period', () => {
    expect(feed.format).toBe('rdf');
    expect(feed.papers.map((p) => [p.arxivId, p.version, p.announceType, p.title])).toEqual([
      ['1805.08875', 1, 'new', 'Measurement of Transverse Single Spin Asymmetries'],
      ['1805.09166', 1, 'cross', 'Recent Top quark results from the Tevatron'],
      // nucl-th in the hep-ex feed: an update of a paper cross-listed here.
      ['1805.06430', 2, 'replace-cross', 'New Perspective on Hybrid Mesons'],
    ]);
  });

  it('turns the HTML of creators and descriptions into plain names and text', () => {
    const first = paper(feed, '1805.08875');
    expect(first.authors).toEqual(['Christopher Dilks']);
    expect(first.abstract).toMatch(/^In 2015 the first collisions/);
    expect(first.abstract).toContain('range of $2.6<\\eta<4$. Within');
    expect(first.abstract).not.toMatch(/<p>|&lt;|\n/);
    expect(first.categories).toEqual(['hep-ex']);
    expect(paper(feed, '1805.06430').authors).toEqual([
      'Shu-Sheng Xu',
      'Zhu-Fang Cui',
      'Lei Chang',
      'Joannis Papavassiliou',
      'Craig D. Roberts',
      'Hong-Shi Zong',
    ]);
  });

  it('has no item dates, so leaves published unset', () => {
    expect(feed.papers.every((p) => p.published === undefined)).toBe(true);
  });
});

describe('legacy feed with missing fields', async () => {
  const feed = await parseFeed(read('arxiv/rdf-legacy-2021-missing-fields.xml'));

  it('skips the item without a title and counts why', () => {
    expect(feed.skipped).toEqual([{ reason: 'missing title' }]);
  });

  it('keeps items that only lack an abstract or authors', () => {
    expect(paper(feed, '2106.00550')).toMatchObject({ abstract: '', authors: ['Robert A. Wilson'], announceType: 'cross' });
    expect(paper(feed, '2007.03939')).toMatchObject({ abstract: 'desc3', authors: [], announceType: 'replace-cross' });
  });
});

describe('arXiv API response (Atom)', async () => {
  const feed = await parseFeed(read('arxiv/api-atom-2021.xml'));

  it('reads entries as new papers with comments, DOI and primary category', () => {
    expect(feed.format).toBe('atom');
    expect(feed.papers).toHaveLength(2);
    expect(paper(feed, '1510.05980')).toEqual({
      arxivId: '1510.05980',
      version: 1,
      title: 'Dark Radiation and Inflationary Freedom',
      abstract: 'test1',
      authors: ['Stefano Gariazzo'],
      categories: ['astro-ph.CO', 'hep-ph'],
      announceType: 'new',
      link: 'https://arxiv.org/abs/1510.05980',
      published: '2015-10-20T17:42:31.000Z',
      comment: '8 pages, 4 figures; to appear in the Proceedings of the TAUP 2015 conference',
      doi: '10.1088/1742-6596/718/3/032006',
    });
  });
});

describe('rss.arxiv.org/atom feed', () => {
  const atom = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <id>http://rss.arxiv.org/atom/cs.CV</id>
  <title>cs.CV updates on arXiv.org</title>
  <updated>2026-04-17T04:00:00.000Z</updated>
  <link href="http://rss.arxiv.org/atom/cs.CV" rel="self" type="application/atom+xml"/>
  <entry>
    <id>oai:arXiv.org:2604.14630v1</id>
    <title>CMTM: Cross-Modal Token Modulation
      for Unsupervised Video Object Segmentation</title>
    <updated>2026-04-17T04:00:00.000Z</updated>
    <link href="https://arxiv.org/abs/2604.14630" rel="alternate" type="text/html"/>
    <summary>arXiv:2604.14630v1 Announce Type: new 
Abstract: Recent advances in unsupervised video object segmentation.</summary>
    <category term="cs.CV" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <published>2026-04-17T00:00:00-04:00</published>
    <arxiv:announce_type>new</arxiv:announce_type>
    <author><name>Inseok Jeon</name></author>
    <author><name>Suhwan Cho</name></author>
  </entry>
  <entry>
    <id>oai:arXiv.org:2301.00001v4</id>
    <title>An Old Paper, Replaced</title>
    <link href="https://arxiv.org/abs/2301.00001" rel="alternate" type="text/html"/>
    <summary>arXiv:2301.00001v4 Announce Type: replace-cross 
Abstract: Still here.</summary>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <arxiv:announce_type>replace-cross</arxiv:announce_type>
    <arxiv:journal_ref>CVPR 2023</arxiv:journal_ref>
    <arxiv:DOI>10.1109/CVPR.2023.1</arxiv:DOI>
    <dc:creator>Ada Lovelace, Alan Turing</dc:creator>
  </entry>
</feed>`;

  it('reads announce types, authors from <author> or dc:creator, and categories from term', async () => {
    const feed = await parseFeed(atom);
    expect(feed.format).toBe('atom');
    expect(feed.papers).toEqual([
      {
        arxivId: '2604.14630',
        version: 1,
        title: 'CMTM: Cross-Modal Token Modulation for Unsupervised Video Object Segmentation',
        abstract: 'Recent advances in unsupervised video object segmentation.',
        authors: ['Inseok Jeon', 'Suhwan Cho'],
        categories: ['cs.CV', 'cs.LG'],
        announceType: 'new',
        link: 'https://arxiv.org/abs/2604.14630',
        published: '2026-04-17T04:00:00.000Z',
      },
      {
        arxivId: '2301.00001',
        version: 4,
        title: 'An Old Paper, Replaced',
        abstract: 'Still here.',
        authors: ['Ada Lovelace', 'Alan Turing'],
        categories: ['cs.CL'],
        announceType: 'replace-cross',
        link: 'https://arxiv.org/abs/2301.00001',
        journalRef: 'CVPR 2023',
        doi: '10.1109/CVPR.2023.1',
      },
    ]);
  });
});

describe('the four labelled cs.CV days', () => {
  const days = [
    ['2026-04-17', { new: 95, cross: 19, replace: 62, 'replace-cross': 10 }],
    ['2026-04-20', { new: 84, cross: 21, replace: 59, 'replace-cross': 7 }],
    ['2026-04-22', { new: 106, cross: 13, replace: 64, 'replace-cross': 16 }],
    ['2026-04-23', { new: 94, cross: 12, replace: 53, 'replace-cross': 12 }],
  ] as const;
  const labelled = read('relevance/dev.jsonl')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { arxivId: string; date: string; announceType: string; title: string });

  it.each(days)('feed-%s parses every item with the right announce type counts', async (day, counts) => {
    const feed = await parseFeed(read(`relevance/feed-${day}.xml`));
    expect(feed.skipped).toEqual([]);
    expect(countByType(feed)).toEqual(counts);
    for (const p of feed.papers) {
      expect(p.arxivId).toMatch(/^\d{4}\.\d{5}$/);
      expect(p.link).toBe(`https://arxiv.org/abs/${p.arxivId}`);
      expect(p.title).not.toMatch(/\s{2}|\n|^\s|\s$/);
      expect(p.abstract).not.toMatch(/^Abstract:|Announce Type/);
      expect(p.authors.length).toBeGreaterThan(0);
      expect(p.categories.length).toBeGreaterThan(0);
    }
  });

  it.each(days)('feed-%s agrees with the labelled papers of that day on id, type and title', async (day) => {
    const feed = await parseFeed(read(`relevance/feed-${day}.xml`));
    const byId = new Map(feed.papers.map((p) => [p.arxivId, p]));
    const ofDay = labelled.filter((l) => l.date === day);
    expect(ofDay.length).toBeGreaterThan(100);
    for (const l of ofDay) {
      expect(byId.get(l.arxivId), l.arxivId).toMatchObject({ announceType: l.announceType, title: l.title });
    }
  });
});

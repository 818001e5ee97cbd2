import { describe, expect, it } from 'vitest';
import { arxivAbsUrl, arxivIdFromText, arxivIdFromUrl, parseArxivId, parseArxivUrl } from '../../src/core/arxiv-id.js';

describe('parseArxivId', () => {
  it.each([
    ['2604.01234', { id: '2604.01234' }],
    ['2604.01234v3', { id: '2604.01234', version: 3 }],
    ['arXiv:2109.01134', { id: '2109.01134' }],
    ['  ARXIV: 2109.01134v2 ', { id: '2109.01134', version: 2 }],
    ['oai:arXiv.org:2609.26811v1', { id: '2609.26811', version: 1 }],
    ['1805.08875', { id: '1805.08875' }],
    ['2109.01134.pdf', { id: '2109.01134' }],
    ['hep-ex/0601001', { id: 'hep-ex/0601001' }],
    ['cond-mat/0102536v1', { id: 'cond-mat/0102536', version: 1 }],
    ['math.GT/0309136', { id: 'math/0309136' }],
    ['https://arxiv.org/abs/2109.01134v2', { id: '2109.01134', version: 2 }],
  ])('reads %j', (text, expected) => {
    expect(parseArxivId(text)).toEqual(expected);
  });

  it.each(['', 'CoOp', '2109.0113', '2113.01134', '21090.1134', 'hep-ex/060100', 'https://example.org/abs/2109.01134', '10.1093/bioinformatics/btac431'])(
    'rejects %j',
    (text) => {
      expect(parseArxivId(text)).toBeUndefined();
    },
  );
});

describe('arXiv links', () => {
  it.each([
    ['https://arxiv.org/abs/2109.01134', '2109.01134', undefined],
    ['http://arxiv.org/abs/2109.01134v2', '2109.01134', 2],
    ['https://arxiv.org/pdf/2109.01134v3.pdf', '2109.01134', 3],
    ['https://arxiv.org/pdf/2109.01134', '2109.01134', undefined],
    ['https://www.arxiv.org/html/2604.01234v1/', '2604.01234', 1],
    ['https://export.arxiv.org/abs/hep-ex/0601001v2', 'hep-ex/0601001', 2],
    ['http://arxiv.org/abs/1510.05980v1?context=cs#x', '1510.05980', 1],
  ])('%s → %s', (url, id, version) => {
    expect(arxivIdFromUrl(url)).toBe(id);
    expect(parseArxivUrl(url)?.version).toBe(version);
  });

  it('ignores other sites and arXiv pages that are not papers', () => {
    expect(arxivIdFromUrl('https://openaccess.thecvf.com/content/CVPR2022/papers/x.pdf')).toBeUndefined();
    expect(arxivIdFromUrl('http://arxiv.org/api/errors#incorrect_id_format_for_1234')).toBeUndefined();
    expect(arxivIdFromUrl('https://notarxiv.org/abs/2109.01134')).toBeUndefined();
    expect(arxivIdFromUrl('not a url')).toBeUndefined();
  });

  it('accepts either spelling in arxivIdFromText and builds the canonical abs link', () => {
    expect(arxivIdFromText('https://arxiv.org/pdf/2109.01134v2.pdf')).toBe('2109.01134');
    expect(arxivIdFromText('arXiv:2109.01134v2')).toBe('2109.01134');
    expect(arxivAbsUrl('hep-ex/0601001')).toBe('https://arxiv.org/abs/hep-ex/0601001');
  });
});

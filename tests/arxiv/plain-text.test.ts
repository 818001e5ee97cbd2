import { describe, expect, it } from 'vitest';
import { decodeEntities, toPlainText } from '../../src/arxiv/plain-text.js';

describe('toPlainText', () => {
  it('strips tags, keeps their text, and joins inline markup without spaces', () => {
    expect(toPlainText('<p>Ma<b>chine</b> <a href="x">learning</a></p><p>again</p>')).toBe('Machine learning again');
  });

  it('drops script and style blocks entirely', () => {
    expect(toPlainText('safe<script>alert(1)</script> text<style>p{}</style>')).toBe('safe text');
  });

  it('decodes entities once, and makes double-escaped markup inert too', () => {
    expect(toPlainText('Tom &amp; Jerry &#8211; &#x2014; &hellip;')).toBe('Tom & Jerry – — …');
    expect(toPlainText('&lt;b&gt;bold&lt;/b&gt;')).toBe('bold');
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
    expect(decodeEntities('&unknown; &#0; &#xD800;')).toBe('&unknown; &#0; &#xD800;');
  });

  it('leaves LaTeX comparisons alone', () => {
    for (const tex of ['$2.6<\\eta<4$', '$a<b$ and $c>d$', '$x <n \\rangle$ with y > 0', 'p <0.05']) {
      expect(toPlainText(tex)).toBe(tex);
    }
  });

  it('collapses whitespace and treats undefined as empty', () => {
    expect(toPlainText('  a\n\t  b  ')).toBe('a b');
    expect(toPlainText(undefined)).toBe('');
  });
});

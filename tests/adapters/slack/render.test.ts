import { describe, expect, it } from 'vitest';
import { decodeSlackText, escapeText, safeUrl } from '../../../src/adapters/slack/escape.js';
import { fitText, splitText } from '../../../src/adapters/slack/limits.js';
import { PAGE_ACTIONS, renderReply } from '../../../src/adapters/slack/render.js';
import type { Reply, ReplyItem } from '../../../src/core/reply.js';
import { allTexts, blockKitProblems, liveMentions } from '../../fakes/slack/block-kit-check.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const item = (i: number, over: Partial<ReplyItem> = {}): ReplyItem => ({
  title: `Paper ${i}`,
  url: `https://arxiv.org/abs/2101.0000${i}`,
  subtitle: 'CVPR 2023 · Prompt tuning',
  links: [{ label: 'Code', url: 'https://github.com/x/y' }],
  ...over,
});

describe('renderReply', () => {
  it('renders a title, numbered linked items and their links as Block Kit', () => {
    const msg = renderReply({ title: '2 results for “clip”', items: [item(1), item(2)] });
    expect(blockKitProblems(msg)).toEqual([]);
    expect(msg.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: '2 results for “clip”' } });
    const texts = allTexts(msg).join('\n');
    expect(texts).toContain('*1. <https://arxiv.org/abs/2101.00001|Paper 1>*');
    expect(texts).toContain('<https://github.com/x/y|Code>');
    expect(msg.text).toContain('1. Paper 1');
  });

  it('shows an item’s marker (a candidate’s #id) instead of its position', () => {
    const msg = renderReply({ items: [item(1, { marker: '#12' })] });
    expect(allTexts(msg).join('\n')).toContain('*#12 <https://arxiv.org/abs/2101.00001|Paper 1>*');
    expect(msg.text).toContain('#12 Paper 1');
    expect(msg.text).not.toContain('1. Paper 1');
  });

  it('keeps <!channel>, user mentions, links and @everyone from untrusted text inert', () => {
    const evil = '<!channel> <!everyone> <@U123> <#C123> <https://evil.example|click> & @here';
    const msg = renderReply({
      title: evil,
      text: evil,
      items: [item(1, { title: evil, subtitle: evil, details: [evil], links: [{ label: evil, url: 'https://ok.example/?a=1&b=<2>' }] })],
      fields: [{ name: evil, value: evil }],
      links: [{ label: evil, url: 'javascript:alert(1)' }],
    });
    expect(blockKitProblems(msg)).toEqual([]);
    expect(liveMentions(msg)).toEqual([]);
    expect(JSON.stringify(msg)).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(msg)).not.toContain('javascript:');
  });

  it('links only http(s) URLs, with & and | made safe for <url|label>', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('slack://open')).toBeUndefined();
    expect(safeUrl('https://x.example/a|b?c=1&d=2')).toBe('https://x.example/a%7Cb?c=1&amp;d=2');
    expect(escapeText('a & b < c > d @channel')).toBe('a &amp; b &lt; c &gt; d @\u2060channel');
  });

  it('decodes Slack’s escaping of slash command text back to what was typed', () => {
    expect(decodeSlackText('R&amp;D &lt;b&gt; &amp;lt;')).toBe('R&D <b> &lt;');
    expect(decodeSlackText('<https://arxiv.org/abs/2109.01134|arxiv.org/abs/2109.01134> <https://x.example>')).toBe('https://arxiv.org/abs/2109.01134 https://x.example');
    expect(decodeSlackText('<@U123|ana> <#C123|general> <!here> <@U999>')).toBe('@ana #general @here @U999');
  });

  it('splits a 10,000-character text into sections at word boundaries, losing nothing', () => {
    const text = words(1300);
    expect(text.length).toBeGreaterThan(10_000);
    const msg = renderReply({ title: 'Long', text });
    expect(blockKitProblems(msg)).toEqual([]);
    const sections = msg.blocks.filter((b) => b.type === 'section').map((b) => (b as { text: { text: string } }).text.text);
    expect(sections.length).toBeGreaterThan(3);
    expect(sections.join(' ').split(' ')).toEqual(text.split(' '));
  });

  it('keeps a reply of 10,000-character items, titles and fields within every limit', () => {
    const long = words(1500);
    const reply: Reply = {
      title: long,
      text: long,
      items: [1, 2, 3, 4, 5].map((i) => item(i, { title: long, subtitle: long, details: [long, long] })),
      fields: Array.from({ length: 25 }, (_, i) => ({ name: `f${i}`, value: i % 5 ? 'short' : long })),
      page: { page: 1, pages: 3, size: 5, total: 15, next: 'abc.2' },
    };
    const msg = renderReply(reply);
    expect(blockKitProblems(msg)).toEqual([]);
    // The page controls survive even when the body had to be shortened.
    expect(msg.blocks.at(-1)).toMatchObject({ type: 'actions' });
    expect(allTexts(msg).some((t) => t.includes('did not fit'))).toBe(true);
  });

  it('never cuts a word in a header or a title', () => {
    const msg = renderReply({ title: words(100), items: [item(1, { title: words(200) })] });
    const header = (msg.blocks[0] as { text: { text: string } }).text.text;
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header).toMatch(/ word\d+…$/);
    expect(words(100).startsWith(header.slice(0, -1))).toBe(true);
  });

  it('cuts a single overlong word without splitting an escaped character', () => {
    const pieces = splitText(escapeText('&'.repeat(2000)), 3000);
    expect(pieces.length).toBe(4);
    for (const p of pieces) expect(p).toMatch(/^(&amp;)+$/);
    expect(fitText(escapeText('<'.repeat(100)), 50)).toMatch(/^(&lt;)+…$/);
  });

  it('offers Previous/Next buttons carrying the page tokens', () => {
    const msg = renderReply({ items: [item(6)], page: { page: 2, pages: 3, size: 5, total: 11, prev: 'tok.1', next: 'tok.3' } });
    expect(blockKitProblems(msg)).toEqual([]);
    const actions = msg.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value: string }[] };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      [PAGE_ACTIONS.prev, 'tok.1'],
      [PAGE_ACTIONS.next, 'tok.3'],
    ]);
    expect(allTexts(msg).join('\n')).toContain('Page 2 of 3 · 11 results');
    // Numbering continues across pages.
    expect(allTexts(msg).join('\n')).toContain('*6. <https://arxiv.org/abs/2101.00006|Paper 6>*');
  });

  it('drops whole trailing blocks (and says so) when a reply cannot fit one message', () => {
    const items = Array.from({ length: 80 }, (_, i) => item(i));
    const msg = renderReply({ title: 'Everything', items });
    expect(blockKitProblems(msg)).toEqual([]);
    expect(msg.blocks.length).toBe(50);
    expect(allTexts(msg).at(-1)).toContain('did not fit');
  });

  it('marks errors with a warning and still produces fallback text', () => {
    const msg = renderReply({ status: 'user-error', text: 'There is no command "x".', ephemeral: true });
    expect(allTexts(msg)[1]).toMatch(/^:warning: There is no command/);
    expect(renderReply({}).text).toBeTruthy();
  });

  it('puts short fields side by side, ten to a section, and long ones in their own sections', () => {
    const msg = renderReply({ fields: [...Array.from({ length: 12 }, (_, i) => ({ name: `n${i}`, value: 'v' })), { name: 'Abstract', value: words(600) }] });
    expect(blockKitProblems(msg)).toEqual([]);
    const kinds = msg.blocks.map((b) => ((b as { fields?: unknown[] }).fields ? `fields:${(b as { fields: unknown[] }).fields.length}` : b.type));
    expect(kinds).toEqual(['fields:10', 'fields:2', 'section', 'section']);
  });
});

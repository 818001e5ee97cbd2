import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/discord/render.js';
import { clipWords, inert, safeUrl, shareBudget } from '../../../src/adapters/discord/text.js';

describe('discord render: text', () => {
  it('shortens at the last whitespace and marks the cut with …', () => {
    expect(clipWords('open vocabulary detection', 20)).toBe('open vocabulary…');
    expect(clipWords('short', 20)).toBe('short');
    expect(clipWords('open vocabulary detection', 20).length).toBeLessThanOrEqual(20);
  });

  it('cuts inside a word only when one word is longer than the limit, never splitting an emoji or an escape', () => {
    expect(clipWords('a'.repeat(50), 10)).toBe('a'.repeat(9) + '…');
    expect(clipWords('aaaaaaaa😀😀', 10)).toBe('aaaaaaaa…');
    expect(clipWords('aaaaaaa\\*bbbb', 10)).toBe('aaaaaaa\\*…');
    expect(clipWords('aaaaaaaa\\*bbb', 10)).toBe('aaaaaaaa…');
  });

  it('makes mentions and markdown inert', () => {
    expect(inert('@everyone @here <@123> <@!5> <@&7> <#9>')).toBe('@\u200beveryone @\u200bhere <@\u200b123> <@!\u200b5> <@&\u200b7> <#\u200b9>');
    expect(inert('**b** _i_ `c` ~~s~~ ||x|| [l](https://e.x)\n# h\n- li')).toBe('\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\~\\~s\\~\\~ \\|\\|x\\|\\| \\[l](https://e.x)\n\\# h\n\\- li');
  });

  it('keeps only http(s) links, with parentheses encoded so markdown cannot break', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl('https://en.wikipedia.org/wiki/CLIP_(model)')).toBe('https://en.wikipedia.org/wiki/CLIP_%28model%29');
  });

  it('shares a budget so small pieces keep their length and long ones split the rest', () => {
    expect(shareBudget([10, 1000, 1000], 310)).toEqual([10, 150, 150]);
    expect(shareBudget([10, 20], 100)).toEqual([10, 20]);
    expect(shareBudget([5, 5, 5], 7).reduce((a, b) => a + b)).toBe(7);
    expect(shareBudget([100], -5)).toEqual([0]);
  });
});

describe('discord render: replies', () => {
  it('renders a short notice as plain content without an embed', () => {
    expect(renderReply({ text: 'No such paper @everyone.', status: 'user-error', ephemeral: true })).toEqual({
      content: 'No such paper @\u200beveryone.',
      embeds: [],
      components: [],
    });
  });

  it('renders items as bold linked titles with their subtitle and links', () => {
    const { embeds } = renderReply({
      title: '1 result',
      items: [{ title: 'CoOp: Learning to Prompt', url: 'https://arxiv.org/abs/2109.01134', subtitle: 'IJCV 2022', links: [{ label: 'Code', url: 'https://github.com/KaiyangZhou/CoOp' }, { label: 'Bad', url: 'javascript:x' }] }],
    });
    expect(embeds[0]!.description).toBe('**1. [CoOp: Learning to Prompt](https://arxiv.org/abs/2109.01134)**\nIJCV 2022\n[Code](https://github.com/KaiyangZhou/CoOp)');
  });

  it('keeps 25 fields at most, saying how many were left out', () => {
    const { embeds } = renderReply({ title: 'Stats', fields: Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: String(i) })) });
    expect(embeds[0]!.fields).toHaveLength(25);
    expect(embeds[0]!.fields![24]).toEqual({ name: 'More', value: '…and 6 more not shown.' });
  });

  it('fills empty field names and values with a blank Discord accepts', () => {
    const { embeds } = renderReply({ title: 'x', fields: [{ name: '', value: '' }] });
    expect(embeds[0]!.fields![0]).toEqual({ name: '\u200b', value: '\u200b' });
  });

  it('pages with Prev/Next buttons carrying the token, disabling a missing direction', () => {
    const { components, embeds } = renderReply({ title: 'r', items: [{ title: 'a' }], page: { page: 1, pages: 3, total: 12, size: 5, next: 'abc.2' } });
    expect(embeds[0]!.footer).toEqual({ text: 'Page 1 of 3 · 12 results' });
    expect(components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: '◀ Prev', custom_id: 'vlm:none:prev', disabled: true },
          { type: 2, style: 2, label: 'Next ▶', custom_id: 'vlm:page:abc.2', disabled: false },
        ],
      },
    ]);
  });

  it('drops a page button whose token would not fit in a custom_id rather than be rejected', () => {
    const { components } = renderReply({ title: 'r', items: [{ title: 'a' }], page: { page: 1, pages: 2, total: 6, size: 5, next: 'x'.repeat(100) } });
    expect((components[0]!.components[1] as { disabled: boolean; custom_id: string })).toMatchObject({ disabled: true, custom_id: 'vlm:none:next' });
  });
});

describe('discord render: candidates', () => {
  it('shows an item’s marker (a candidate’s #id) instead of its position', () => {
    const { embeds } = renderReply({ title: 'Pending', items: [{ marker: '#12', title: 'A Paper', url: 'https://arxiv.org/abs/2604.00012' }] });
    expect(embeds[0]!.description).toContain('**#12 [A Paper](https://arxiv.org/abs/2604.00012)**');
    expect(embeds[0]!.description).not.toContain('**1.');
  });
});

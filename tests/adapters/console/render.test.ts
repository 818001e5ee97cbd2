import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render.js';
import { styleFor } from '../../../src/adapters/console/terminal-style.js';

const reply = {
  title: 'Approved #3: PromptX',
  text: 'Added to **Text Prompt Tuning**. `triage undo 3` reopens it; see [the list](https://github.com/jingyi0000/VLM_survey).',
  fields: [{ name: 'Line added', value: '|[PromptX](https://arxiv.org/abs/2604.01234)|CVPR 2026||' }],
};

describe('replies in a terminal', () => {
  it('show markdown as plain words when piped: no backticks, no stars, links spelled out', () => {
    const text = renderText(reply);
    expect(text).toContain('Added to Text Prompt Tuning. triage undo 3 reopens it; see the list <https://github.com/jingyi0000/VLM_survey>.');
    expect(text).not.toMatch(/\u001b\[/);
    // A table row in a field is data, not a link to render: it is shown as written.
    expect(text).toContain('Line added: |[PromptX](https://arxiv.org/abs/2604.01234)|CVPR 2026||');
  });

  it('show titles as written: a stranger’s **stars** are not markup', () => {
    expect(renderText({ title: '@everyone **Bold** CLIP', items: [{ title: '`rm -rf` **x**' }] })).toContain('@everyone **Bold** CLIP\n\n1. `rm -rf` **x**');
  });

  it('are coloured on a terminal: bold, code and links', () => {
    const text = renderText(reply, { color: true });
    expect(text).toContain('\u001b[1mApproved #3: PromptX\u001b[22m');
    expect(text).toContain('\u001b[36mtriage undo 3\u001b[39m');
    expect(text).toContain('\u001b[1mText Prompt Tuning\u001b[22m');
    expect(text).toContain('\u001b[4mthe list\u001b[24m');
  });

  it('use colour only on a terminal and only when NO_COLOR is unset', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    expect(styleFor(tty, {})).toEqual({ color: true });
    expect(styleFor(tty, { NO_COLOR: '1' })).toEqual({ color: false });
    expect(styleFor(new PassThrough(), {})).toEqual({ color: false });
  });

  it('strip terminal escapes that came in untrusted text', () => {
    expect(renderText({ title: 'Evil \u001b[2J\u001b]0;pwned\u0007 title' }, { color: true })).not.toMatch(/\u001b\[2J|\u001b\]0/);
  });
});

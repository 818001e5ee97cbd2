import { afterEach, describe, expect, it } from 'vitest';
import type { FakeInteraction, FakeMessage } from '../../fakes/discord/state.js';
import { type Harness, startHarness } from './harness.js';

type Button = { custom_id: string; label: string; disabled?: boolean };
const buttons = (m: FakeMessage) => ((m.components[0] as { components?: Button[] } | undefined)?.components ?? []);
const footer = (m: FakeMessage) => (m.embeds[0] as { footer?: { text: string } }).footer?.text;

describe('discord adapter: autocomplete', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const choicesFor = async (i: FakeInteraction) => {
    const data = await h!.discord.waitFor(() => i.callbackType === 8 && i.callbackData, 'autocomplete choices');
    return data.choices as { name: string; value: string }[];
  };

  it('completes a paper from the search index: the arXiv id as value, the title as name', async () => {
    h = await startHarness();
    const choices = await choicesFor(h.discord.autocomplete(h.discord.reader, 'vlm', 'paper', { ref: 'coop' }, 'ref'));
    expect(choices[0]).toEqual({ name: 'CoOp: Learning to Prompt for Vision-Language Models', value: '2109.01134' });
  });

  it('offers at most 25 choices, each within 100 characters, even for an empty prefix', async () => {
    h = await startHarness();
    const choices = await choicesFor(h.discord.autocomplete(h.discord.reader, 'vlm', 'paper', { ref: '' }, 'ref'));
    expect(choices.length).toBe(25);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('completes sections from the list headings', async () => {
    h = await startHarness();
    const choices = await choicesFor(h.discord.autocomplete(h.discord.reader, 'vlm', 'section', { name: 'text prompt' }, 'name'));
    expect(choices[0]).toEqual({ name: expect.stringMatching(/Transfer with Text Prompt Tuning$/), value: 'Transfer with Text Prompt Tuning' });
  });

  it('completes the section filter of /vlm search too', async () => {
    h = await startHarness();
    const choices = await choicesFor(h.discord.autocomplete(h.discord.reader, 'vlm', 'search', { query: 'clip', section: 'visual prompt' }, 'section'));
    expect(choices[0]).toEqual({ name: expect.stringMatching(/Visual Prompt Tuning$/), value: expect.stringMatching(/Visual Prompt Tuning$/) });
  });
});

describe('discord adapter: paging', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** Clicks a button and waits until the message was edited once more. */
  const click = async (message: FakeMessage, label: RegExp) => {
    const before = message.edits;
    const button = buttons(message).find((b) => label.test(b.label))!;
    const i = h!.discord.click(h!.discord.reader, message, button.custom_id);
    await h!.discord.waitFor(() => message.edits > before, 'the page edit');
    return i;
  };

  it('pages long results with Prev/Next buttons that edit the message in place', async () => {
    h = await startHarness();
    const { message } = await h.answer(h.discord.command(h.discord.reader, 'vlm', 'search', { query: 'prompt tuning' }));
    expect(footer(message)).toMatch(/^Page 1 of (\d+)/);
    const [prev, next] = buttons(message);
    expect(prev).toMatchObject({ label: '◀ Prev', disabled: true });
    expect(next!.custom_id).toMatch(/^vlm:page:[\w-]+\.2$/);
    expect(next!.custom_id.length).toBeLessThanOrEqual(100);
    const page1 = (message.embeds[0] as { description: string }).description;

    const toNext = await click(message, /Next/);
    expect(h.requestsOf(toNext).map((r) => `${r.method} ${r.path.replace(toNext.token, 'TOKEN').replace(toNext.id, 'ID')}`)).toEqual([
      'POST /interactions/ID/TOKEN/callback',
      `PATCH /webhooks/${h.discord.state.application.id}/TOKEN/messages/@original`,
    ]);
    expect(toNext.callbackType).toBe(6);
    expect(footer(message)).toMatch(/^Page 2 of/);
    expect((message.embeds[0] as { description: string }).description).toMatch(/^\*\*6\. /);
    expect((message.embeds[0] as { description: string }).description).not.toBe(page1);
    expect(buttons(message).every((b) => !b.disabled)).toBe(true);

    await click(message, /Prev/);
    expect(footer(message)).toMatch(/^Page 1 of/);
    expect((message.embeds[0] as { description: string }).description).toBe(page1);
  });

  it('answers a button that outlived its results with a polite ephemeral "search again" and removes the buttons', async () => {
    h = await startHarness();
    // A results message from before the bot restarted: its result set is gone.
    const stale = h.discord.state.addMessage(h.discord.general.id, h.discord.state.bot, {
      embeds: [{ title: 'Old results', footer: { text: 'Page 1 of 3 · 12 results' } }],
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Next ▶', custom_id: 'vlm:page:GoneGone.2' }] }],
    });
    const i = h.discord.click(h.discord.reader, stale, 'vlm:page:GoneGone.2');
    const { message, ephemeral } = await h.answer(i);

    expect(ephemeral).toBe(true);
    expect(message.content).toMatch(/expired.*search again/i);
    await h.discord.waitFor(() => stale.components.length === 0, 'the stale buttons to go');
    expect(h.requestsOf(i).every((r) => r.status < 300)).toBe(true);
    expect(h.log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../../src/core/command.js';
import { UserError } from '../../../src/core/errors.js';
import { Registry } from '../../../src/core/registry.js';
import type { Reply } from '../../../src/core/reply.js';
import type { RecordedRequest } from '../../fakes/discord/fake-discord.js';
import { type Harness, startHarness } from './harness.js';

/** Distinct nine-character words (a four-character prefix, five digits): a cut word is easy to spot. */
const words = (n: number, prefix = 'word') => Array.from({ length: n }, (_, i) => `${prefix.padEnd(4, 'x').slice(0, 4)}${String(i).padStart(5, '0')}`);
const TEN_THOUSAND = words(1000).join(' ');

/** Holds the `slow` command until the test has seen the acknowledgement. */
let releaseSlow: () => void = () => undefined;
const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));

const testCommands = () =>
  Registry.from([
    defineCommand({
      name: 'slow',
      description: 'Takes as long as the test wants.',
      options: z.object({}),
      run: async (): Promise<Reply> => {
        await slowGate;
        return { title: 'Done', text: 'finally' };
      },
    }),
    defineCommand({ name: 'boom', description: 'Throws.', options: z.object({}), run: () => { throw new Error('kaboom'); } }),
    defineCommand({ name: 'oops', description: 'A user error.', options: z.object({}), run: () => { throw new UserError('nope', 'No such paper.'); } }),
    defineCommand({
      name: 'whoami',
      description: 'Echoes the caller.',
      options: z.object({}),
      run: (_args, ctx) => ({ text: `maintainer=${ctx.caller.isMaintainer} id=${ctx.caller.id}` }),
    }),
    defineCommand({
      name: 'loud',
      description: 'Text that tries to ping.',
      options: z.object({}),
      run: () => ({
        title: '@everyone new paper <@&123>',
        text: 'Hey @here and <@456>: **bold** [click](https://evil.example) # heading',
        items: [{ title: '@everyone CLIP <@&123> [x](y)', url: 'https://arxiv.org/abs/2103.00020', subtitle: '<@&123> arXiv 2021' }],
        fields: [{ name: '@everyone', value: '<@&123> **x**' }],
      }),
    }),
    defineCommand({
      name: 'huge',
      description: 'A 10,000-character result.',
      options: z.object({ shape: z.enum(['text', 'items', 'fields']) }),
      run: ({ shape }): Reply =>
        shape === 'text'
          ? { title: words(60, 'head').join(' '), text: TEN_THOUSAND }
          : shape === 'items'
            ? { title: 'Items', items: [0, 1, 2, 3, 4].map((i) => ({ title: words(250, `t${i}`).join(' '), url: 'https://arxiv.org/abs/2103.00020', subtitle: TEN_THOUSAND, details: [TEN_THOUSAND], links: [{ label: 'Code', url: 'https://github.com/x/y' }] })) }
            : { title: 'Fields', text: TEN_THOUSAND, fields: Array.from({ length: 40 }, (_, i) => ({ name: words(40, `n${i}`).join(' '), value: TEN_THOUSAND })) },
    }),
  ]);

/** Bodies of every request that carries a message (create, edit, follow-up, immediate reply). */
function messageBodies(requests: RecordedRequest[]): Record<string, unknown>[] {
  return requests
    .filter((r) => (r.method === 'POST' || r.method === 'PATCH') && /messages|webhooks|callback/.test(r.path))
    .map((r) => (r.path.endsWith('/callback') ? ((r.body as { data?: Record<string, unknown> }).data ?? {}) : (r.body as Record<string, unknown>)))
    .filter((b) => 'content' in b || 'embeds' in b);
}

/** Every generated word in `text` is whole (nine characters); `…` marks where text was shortened. */
function expectWholeWords(text: string) {
  for (const w of text.split(/[\s…]+/).filter((x) => /\d{3}/.test(x))) expect(w).toMatch(/^[a-z0-9]{4}\d{5}$/);
}

describe('discord adapter: answering commands', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('defers `/vlm search` at once, then edits the reply into an embed of results', async () => {
    h = await startHarness();
    const i = h.discord.command(h.discord.reader, 'vlm', 'search', { query: 'prompt tuning' });
    const { message, ephemeral } = await h.answer(i);

    const [ack, edit] = h.requestsOf(i);
    expect(ack).toMatchObject({ method: 'POST', path: `/interactions/${i.id}/${i.token}/callback`, status: 204 });
    expect((ack!.body as { type: number }).type).toBe(5);
    expect(edit).toMatchObject({ method: 'PATCH', path: `/webhooks/${h.discord.state.application.id}/${i.token}/messages/@original`, status: 200 });
    expect(ephemeral).toBe(false);
    const embed = message.embeds[0] as { title: string; description: string; footer: { text: string } };
    expect(embed.title).toMatch(/results for “prompt tuning”/);
    expect(embed.description).toContain('**1. [ProGrad: Prompt-aligned Gradient for Prompt Tuning](https://arxiv.org/abs/2205.14865)**');
    expect(embed.description).toContain('[Code](https://github.com/BeierZhu/Prompt-align)');
    expect(embed.footer.text).toMatch(/^Page 1 of \d+ · \d+ results$/);
  });

  it('acknowledges before the command runs, so slow work cannot miss the 3-second window', async () => {
    h = await startHarness({ registry: testCommands() });
    const i = h.discord.command(h.discord.reader, 'vlm', 'slow');
    await h.discord.waitFor(() => i.callbackType === 5, 'the deferral');
    expect(h.requestsOf(i).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 204']);
    releaseSlow();
    const { message } = await h.answer(i);
    expect((message.embeds[0] as { description: string }).description).toBe('finally');
  });

  it('tells the command whether the caller holds a maintainer role', async () => {
    h = await startHarness({ registry: testCommands() });
    const asMaintainer = await h.answer(h.discord.command(h.discord.maintainer, 'vlm', 'whoami'));
    const asReader = await h.answer(h.discord.command(h.discord.reader, 'vlm', 'whoami'));
    expect(asMaintainer.message.content).toBe(`maintainer=true id=${h.discord.maintainer.user.id}`);
    expect(asReader.message.content).toBe(`maintainer=false id=${h.discord.reader.user.id}`);
  });

  it('answers a user error only to the user who asked', async () => {
    h = await startHarness({ registry: testCommands() });
    const i = h.discord.command(h.discord.reader, 'vlm', 'oops');
    const { message, ephemeral } = await h.answer(i);
    expect(ephemeral).toBe(true);
    expect(message.content).toBe('No such paper.');
    expect(h.discord.state.messages.get(i.originalId!)!.deleted).toBe(true);
    expect(h.log.lines.filter((l) => l.level === 'error')).toHaveLength(0);
  });

  it('turns an exception inside a command into one ephemeral error and one log line', async () => {
    h = await startHarness({ registry: testCommands() });
    const i = h.discord.command(h.discord.reader, 'vlm', 'boom');
    const { message, ephemeral } = await h.answer(i);

    expect(ephemeral).toBe(true);
    expect(message.content).toMatch(/^Sorry, something went wrong on our side \(ref [0-9a-f]{8}\)\.$/);
    expect(h.requestsOf(i).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 204', 'POST 200', 'DELETE 204']);
    expect(i.followUpIds).toHaveLength(1);
    const errors = h.log.lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.extra).toMatchObject({ command: 'boom', platform: 'discord' });
    expect(message.content).toContain(String(errors[0]!.extra!.ref));
  });

  it('pings nobody and shows mention and markdown syntax inert, whatever the text says', async () => {
    h = await startHarness({ registry: testCommands() });
    const { message } = await h.answer(h.discord.command(h.discord.reader, 'vlm', 'loud'));
    const embed = message.embeds[0] as { title: string; description: string; fields: { name: string; value: string }[] };

    for (const text of [embed.title, embed.description, embed.fields[0]!.name, embed.fields[0]!.value]) {
      expect(text).not.toMatch(/@(everyone|here)/);
      expect(text).not.toMatch(/<@&?\d+>/);
    }
    expect(embed.description).toContain('\\*\\*bold\\*\\*');
    expect(embed.description).toContain('\\[click](https://evil.example)');
    expect(embed.description).toContain('**1. [@\u200beveryone CLIP <@&\u200b123> \\[x\\](y)](https://arxiv.org/abs/2103.00020)**');
    const bodies = messageBodies(h.discord.requests);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it.each(['text', 'items', 'fields'] as const)('keeps a 10,000-character result (%s) within every Discord limit, cut only between words', async (shape) => {
    h = await startHarness({ registry: testCommands() });
    const i = h.discord.command(h.discord.reader, 'vlm', 'huge', { shape });
    const { message } = await h.answer(i);

    // The fake rejects anything over a limit with 400, as Discord does; nothing was rejected.
    expect(h.requestsOf(i).every((r) => r.status < 300)).toBe(true);
    expect(message.content.length).toBeLessThanOrEqual(2000);
    const embed = message.embeds[0] as { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } };
    const fields = embed.fields ?? [];
    expect((embed.title ?? '').length).toBeLessThanOrEqual(256);
    expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
    expect(fields.length).toBeLessThanOrEqual(25);
    for (const f of fields) {
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    const total = [embed.title, embed.description, embed.footer?.text, ...fields.flatMap((f) => [f.name, f.value])].reduce((n, s) => n + (s ?? '').length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect((embed.description ?? '').length).toBeGreaterThan(shape === 'fields' ? 0 : 1000);
    for (const text of [embed.title ?? '', ...(embed.description ?? '').split('\n'), ...fields.flatMap((f) => [f.name, f.value])]) {
      expectWholeWords(text.replace(/\*\*|\[|\]\(https:[^)]*\)/g, ' '));
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PAGE_ACTIONS } from '../../../src/adapters/slack/render.js';
import { defineCommand } from '../../../src/core/command.js';
import type { ReactionEvent } from '../../../src/core/publisher.js';
import { allTexts, blockKitProblems, liveMentions } from '../../fakes/slack/block-kit-check.js';
import { BOT_TOKEN, MAINTAINER, SIGNING_SECRET, type SlackHarness, startSlackHarness } from '../../fakes/slack/harness.js';
import { reactionEvent } from '../../fakes/slack/send.js';
import { signSlackRequest, slackTimestamp } from '../../fakes/slack/sign.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
let probeRuns = 0;

const testCommands = [
  defineCommand({
    name: 'probe',
    description: 'Counts its runs (tests that a refused request runs nothing).',
    options: z.object({}),
    run: () => {
      probeRuns += 1;
      return { text: `probed ${probeRuns}` };
    },
  }),
  defineCommand({
    name: 'evil',
    description: 'Answers with text crafted to ping everyone.',
    options: z.object({}),
    run: () => ({
      title: '<!channel> Free GPUs',
      items: [
        {
          title: '<!channel> <!everyone> Segment <@U0ASKER01> & <https://evil.example|click>',
          url: 'javascript:alert(1)',
          subtitle: '@everyone at <#C0GENERAL>',
          links: [{ label: '<!here>', url: 'https://arxiv.org/abs/2401.00001' }],
        },
      ],
    }),
  }),
  defineCommand({
    name: 'echo',
    description: 'Says back what it was given.',
    options: z.object({ words: z.string().optional() }),
    positional: ['words'],
    run: ({ words }) => ({ text: `you said: ${words}` }),
  }),
  defineCommand({
    name: 'huge',
    description: 'Answers with a 10,000-character result.',
    options: z.object({}),
    run: () => ({ title: 'A very long answer', text: words(1300), items: [1, 2, 3].map((i) => ({ title: `Long ${i}`, details: [words(400)] })) }),
  }),
];

type Body = Record<string, unknown> & { text?: string; blocks?: unknown[] };

describe('Slack over HTTP (real Bolt app, signed requests, fake Slack)', () => {
  let h: SlackHarness;
  const reactions: ReactionEvent[] = [];

  beforeAll(async () => {
    h = await startSlackHarness({ commands: testCommands, adapter: { maxBodyBytes: 8 * 1024 } });
    h.slack.publisher.onReaction((e) => reactions.push(e));
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Runs `/vlm <text>` and resolves with what the bot posted to the response_url. */
  async function command(text: string, user_id?: string): Promise<Body> {
    const response_url = h.fake.responseUrl();
    const res = await h.sender.slashCommand({ text, response_url, user_id });
    expect(res.status).toBe(200);
    return (await h.fake.waitFor(() => h.fake.responsesTo(response_url)[0], `the reply to /vlm ${text}`)).body as Body;
  }

  async function click(action_id: string, value: string): Promise<Body> {
    const response_url = h.fake.responseUrl();
    const res = await h.sender.buttonClick({ action_id, value, response_url });
    expect(res.status).toBe(200);
    return (await h.fake.waitFor(() => h.fake.responsesTo(response_url)[0], `the answer to ${action_id}`)).body as Body;
  }

  const buttons = (body: Body) =>
    ((body.blocks ?? []) as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions')?.elements ?? [];

  it('answers a signed /vlm search through response_url, in the channel, with valid blocks', async () => {
    const body = await command('search clip');
    expect(body.response_type).toBe('in_channel');
    expect(blockKitProblems(body)).toEqual([]);
    expect(allTexts(body)[1]).toMatch(/results? for “clip”/);
    expect(allTexts(body).join('\n')).toMatch(/\*1\. <https:\/\/[^|]+\|[^>]*CLIP[^>]*>\*/i);
  });

  it('pages with Next and Previous buttons, replacing the original message', async () => {
    const first = await command('search prompt');
    const next = buttons(first).find((b) => b.action_id === PAGE_ACTIONS.next);
    expect(next).toBeDefined();
    const second = await click(next!.action_id, next!.value);
    expect(second.replace_original).toBe(true);
    expect(blockKitProblems(second)).toEqual([]);
    expect(allTexts(second).join('\n')).toMatch(/Page 2 of \d+/);
    expect(allTexts(second).join('\n')).toContain('*6. ');
    const prev = buttons(second).find((b) => b.action_id === PAGE_ACTIONS.prev);
    const back = await click(prev!.action_id, prev!.value);
    expect(allTexts(back).join('\n')).toMatch(/Page 1 of \d+/);
    expect(allTexts(back).join('\n')).toContain('*1. ');
  });

  it('answers a stale page button politely and privately, leaving the results alone', async () => {
    const body = await click(PAGE_ACTIONS.next, 'long-gone-result.2');
    expect(body.response_type).toBe('ephemeral');
    expect(body.replace_original).toBe(false);
    expect(body.text).toMatch(/expired — please run the search again/);
  });

  it('hands commands what the user typed, not Slack’s escaped form', async () => {
    const body = await command('echo R&amp;D &lt;3 <https://arxiv.org/abs/2109.01134|arxiv.org/abs/2109.01134> <@U0MAINT01|ana>');
    const text = (body.blocks as { text?: { text: string } }[]).find((b) => b.text?.text.startsWith('you said'))!.text!.text;
    expect(text).toBe('you said: R&amp;D &lt;3 https://arxiv.org/abs/2109.01134 @ana');
  });

  it('keeps user errors private', async () => {
    const body = await command('frobnicate');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('There is no command');
    expect(blockKitProblems(body)).toEqual([]);
  });

  it('refuses a bad signature, an old and a future timestamp with 401, and runs nothing', async () => {
    const before = probeRuns;
    const response_url = h.fake.responseUrl();
    const send = (options: Parameters<typeof h.sender.slashCommand>[1]) => h.sender.slashCommand({ text: 'probe', response_url }, options);
    expect((await send({ secret: 'not-the-signing-secret' })).status).toBe(401);
    expect((await send({ signature: 'v0=' + '0'.repeat(64) })).status).toBe(401);
    expect((await send({ timestamp: slackTimestamp(-6 * 60) })).status).toBe(401);
    expect((await send({ timestamp: slackTimestamp(+6 * 60) })).status).toBe(401);
    expect((await send({ headers: { 'x-slack-signature': '' } })).status).toBe(401);
    // A properly signed request afterwards is the only one that runs.
    expect((await send({})).status).toBe(200);
    await h.fake.waitFor(() => h.fake.responsesTo(response_url)[0], 'the probe reply');
    expect(probeRuns).toBe(before + 1);
    expect(h.fake.responsesTo(response_url)).toHaveLength(1);
    expect(h.log.lines.filter((l) => l.msg === 'slack: request refused').map((l) => l.extra?.reason)).toEqual(
      expect.arrayContaining(['bad-signature', 'stale-timestamp', 'future-timestamp', 'missing-headers']),
    );
  });

  it('refuses an oversized body with 413 before reading it into Bolt', async () => {
    const before = probeRuns;
    const res = await h.sender.slashCommand({ text: `probe ${'x'.repeat(20_000)}`, response_url: h.fake.responseUrl() });
    expect(res.status).toBe(413);
    expect(probeRuns).toBe(before);
  });

  it('answers url_verification with the challenge, but only when signed', async () => {
    const body = JSON.stringify({ token: 'legacy', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    const ok = await h.sender.raw(body, 'application/json');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    expect((await h.sender.raw(body, 'application/json', { secret: 'wrong-secret-value' })).status).toBe(401);
  });

  it('answers Slack’s ssl_check without running anything, and 404s other paths', async () => {
    const before = probeRuns;
    const res = await fetch(h.sender.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ssl_check=1&command=%2Fvlm&text=probe' });
    expect(res.status).toBe(200);
    expect(probeRuns).toBe(before);
    expect((await fetch(h.sender.url.replace('/slack/events', '/elsewhere'), { method: 'POST', body: 'x' })).status).toBe(404);
    expect((await fetch(h.sender.url)).status).toBe(404);
  });

  it('delivers a maintainer’s ✅ to onReaction as an approve vote', async () => {
    const res = await h.sender.event(reactionEvent('reaction_added', MAINTAINER, 'white_check_mark', 'C0NEWS001', '1700000100.000100'), 'Ev0APPROVE1');
    expect(res.status).toBe(200);
    const event = await h.fake.waitFor(() => reactions.find((e) => e.eventId === 'Ev0APPROVE1'), 'the reaction');
    expect(event).toEqual({
      platform: 'slack',
      channelId: 'C0NEWS001',
      messageId: '1700000100.000100',
      userId: MAINTAINER,
      emoji: 'white_check_mark',
      vote: 'approve',
      added: true,
      isMaintainer: true,
      isSelf: false,
      eventId: 'Ev0APPROVE1',
    });
  });

  it('marks other users’ votes as non-maintainer, the bot’s own as self, and removals as such', async () => {
    await h.sender.event(reactionEvent('reaction_added', 'U0RANDOM01', 'x', 'C0NEWS001', '1700000100.000100'), 'Ev0OTHER01');
    await h.sender.event(reactionEvent('reaction_added', h.fake.botUserId, 'one', 'C0NEWS001', '1700000100.000100'), 'Ev0SELF001');
    await h.sender.event(reactionEvent('reaction_removed', MAINTAINER, 'two::skin-tone-2', 'C0NEWS001', '1700000100.000100'), 'Ev0REMOVE1');
    const other = await h.fake.waitFor(() => reactions.find((e) => e.eventId === 'Ev0OTHER01'), 'the other reaction');
    const self = await h.fake.waitFor(() => reactions.find((e) => e.eventId === 'Ev0SELF001'), 'the bot reaction');
    const removed = await h.fake.waitFor(() => reactions.find((e) => e.eventId === 'Ev0REMOVE1'), 'the removal');
    expect(other).toMatchObject({ vote: 'reject', isMaintainer: false, isSelf: false, added: true });
    expect(self).toMatchObject({ vote: 'pick1', isSelf: true });
    expect(removed).toMatchObject({ vote: 'pick2', emoji: 'two', added: false, isMaintainer: true });
  });

  it('processes a redelivered event (same event_id, X-Slack-Retry-Num) once', async () => {
    const event = reactionEvent('reaction_added', MAINTAINER, 'three', 'C0NEWS001', '1700000200.000100');
    expect((await h.sender.event(event, 'Ev0RETRY01')).status).toBe(200);
    await h.fake.waitFor(() => reactions.find((e) => e.eventId === 'Ev0RETRY01'), 'the first delivery');
    const retry = await h.sender.event(event, 'Ev0RETRY01', { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await h.fake.waitFor(() => h.log.lines.find((l) => l.msg === 'slack: duplicate event ignored' && l.extra?.eventId === 'Ev0RETRY01'), 'the duplicate to be dropped');
    expect(reactions.filter((e) => e.eventId === 'Ev0RETRY01')).toHaveLength(1);
  });

  it('keeps <!channel> and friends in a title inert end to end', async () => {
    const body = await command('evil');
    expect(blockKitProblems(body)).toEqual([]);
    expect(liveMentions(body)).toEqual([]);
    const json = JSON.stringify(body);
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).not.toContain('javascript:');
  });

  it('keeps a 10,000-character result within Slack’s limits without losing words', async () => {
    const body = await command('huge');
    expect(blockKitProblems(body)).toEqual([]);
    const sectionText = allTexts({ blocks: body.blocks }).join(' ');
    expect(sectionText).toContain('word0 ');
    expect(sectionText).toContain('word1299');
  });

  it('never writes the bot token or the signing secret to the log', () => {
    const logged = JSON.stringify(h.log.lines);
    expect(h.log.lines.length).toBeGreaterThan(0);
    expect(logged).not.toContain(BOT_TOKEN);
    expect(logged).not.toContain(SIGNING_SECRET);
  });

  it('signs with the secret the harness uses (sanity check of the fixture)', () => {
    const ts = '1531420618';
    expect(signSlackRequest(SIGNING_SECRET, 'a=b', ts)['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { type PostedMessage, VOTE_REACTIONS } from '../../src/core/publisher.js';
import type { FakeMessage } from '../fakes/discord/state.js';
import { MAINTAINER, type SlackHarness, startSlackHarness } from '../fakes/slack/harness.js';
import { reactionEvent } from '../fakes/slack/send.js';
import { type Harness, startHarness } from '../adapters/discord/harness.js';
import { lineDiff } from '../helpers/line-diff.js';
import { nextReaction, SEED, triageFixture, type TriageFixture } from '../helpers/triage.js';

const ROW = '|[PromptX: Better Prompts for CLIP](https://arxiv.org/abs/2604.01234)|arXiv 2026||';

describe('one candidate posted on Discord and on Slack', () => {
  let d: Harness | undefined;
  let s: SlackHarness | undefined;
  let t: TriageFixture | undefined;
  let events = 0;
  afterEach(async () => {
    await t?.cleanup();
    await d?.close();
    await s?.close();
    t = d = s = undefined;
  });

  async function setup(approvalsRequired: number) {
    d = await startHarness();
    s = await startSlackHarness();
    t = await triageFixture({ publishers: [d.adapter.publisher, s.slack.publisher], approvalsRequired });
    const c = t.candidate('2604.01234', 'PromptX: Better Prompts for CLIP');
    const header = d.discord.state.addMessage(d.discord.news.id, d.discord.state.bot, { content: 'arXiv watch' });
    const thread = d.discord.state.addThread(d.discord.news, header.id, 'arXiv watch');
    const onDiscord = d.discord.state.addMessage(thread.id, d.discord.state.bot, { content: c.title });
    t.posted(c.id, { platform: 'discord', channelId: thread.id, messageId: onDiscord.id, threadId: thread.id });
    const onSlack = await s.slack.publisher.postInThread(await s.slack.publisher.post({ title: 'arXiv watch' }), { title: c.title }, VOTE_REACTIONS);
    t.posted(c.id, onSlack);
    await t.service.start();
    return { c, onDiscord, onSlack };
  }

  function discordApproves(message: FakeMessage): Promise<unknown> {
    const seen = nextReaction(d!.adapter.publisher);
    d!.discord.react(d!.discord.maintainer, message, '✅');
    return seen;
  }

  async function slackApproves(message: PostedMessage): Promise<unknown> {
    const seen = nextReaction(s!.slack.publisher);
    s!.fake.react(message.channelId, message.messageId, 'white_check_mark', MAINTAINER);
    await s!.sender.event(reactionEvent('reaction_added', MAINTAINER, 'white_check_mark', message.channelId, message.messageId), `Ev0BOTH${++events}`);
    return seen;
  }

  it('votes on both at once decide once: one line, one decision, each message edited once', async () => {
    const { c, onDiscord, onSlack } = await setup(1);
    await Promise.all([discordApproves(onDiscord), slackApproves(onSlack)]);
    await t!.service.idle();

    expect(lineDiff(SEED, t!.text())).toMatchObject({ removed: [], added: [ROW] });
    expect(t!.service.decisions.history(c.id).map((x) => [x.action, x.state])).toEqual([['approve', 'applied']]);
    expect(t!.store.candidate(c.id)!.decidedBy).toHaveLength(1);
    expect(d!.discord.find('PATCH', `/channels/${onDiscord.channel_id}/messages/${onDiscord.id}`)).toHaveLength(1);
    expect(s!.fake.callsTo('chat.update').filter((x) => x.args.ts === onSlack.messageId)).toHaveLength(1);
    // Each platform's message shows the outcome.
    expect(JSON.stringify(d!.discord.state.messages.get(onDiscord.id)!.embeds)).toContain('Approved by');
    expect(JSON.stringify(s!.fake.message(onSlack.channelId, onSlack.messageId)!.blocks)).toContain('Approved by');
  });

  it('with APPROVALS_REQUIRED=2, a maintainer on each platform adds up to two', async () => {
    const { c, onDiscord, onSlack } = await setup(2);
    await discordApproves(onDiscord);
    await t!.service.idle();
    expect(t!.store.candidate(c.id)!.status).toBe('pending');
    await slackApproves(onSlack);
    await t!.service.idle();
    expect(t!.store.candidate(c.id)).toMatchObject({ status: 'approved', decidedBy: [`discord:${d!.discord.maintainer.user.id}`, `slack:${MAINTAINER}`] });
    expect(lineDiff(SEED, t!.text()).added).toEqual([ROW]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOTE_REACTIONS } from '../../../src/core/publisher.js';
import { blockKitProblems, liveMentions } from '../../fakes/slack/block-kit-check.js';
import { BOT_TOKEN, MAINTAINER, type SlackHarness, startSlackHarness } from '../../fakes/slack/harness.js';

const candidate = { title: 'Candidate <!channel>', items: [{ title: 'A paper & <@U1>', url: 'https://arxiv.org/abs/2401.00001', subtitle: 'score 0.91' }] };

describe('Slack News publisher (against the fake Web API)', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness({ config: { newsChannel: '#vlm-news' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is enabled when a News channel is configured', () => {
    expect(h.slack.publisher.platform).toBe('slack');
    expect(h.slack.publisher.enabled).toBe(true);
  });

  it('posts to the News channel with escaped blocks and no unfurling, addressing it by id afterwards', async () => {
    const posted = await h.slack.publisher.post({ title: 'arXiv digest — 3 candidates', text: 'Best first.' });
    const call = h.fake.callsTo('chat.postMessage').at(-1)!;
    expect(call.args).toMatchObject({ channel: '#vlm-news', unfurl_links: false, unfurl_media: false });
    expect(call.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(blockKitProblems(call.args)).toEqual([]);
    expect(posted).toEqual({ platform: 'slack', channelId: 'CVLMNEWS', messageId: expect.stringMatching(/^\d+\.\d+$/) });
  });

  it('posts a candidate in the thread and adds the vote reactions in order', async () => {
    const parent = await h.slack.publisher.post({ title: 'digest' });
    const before = h.fake.callsTo('reactions.add').length;
    const posted = await h.slack.publisher.postInThread(parent, candidate, VOTE_REACTIONS);
    const call = h.fake.callsTo('chat.postMessage').at(-1)!;
    expect(call.args.thread_ts).toBe(parent.messageId);
    expect(liveMentions(call.args)).toEqual([]);
    expect(posted).toMatchObject({ channelId: parent.channelId, threadId: parent.messageId });
    const added = h.fake.callsTo('reactions.add').slice(before);
    expect(added.map((c) => c.args.name)).toEqual(['white_check_mark', 'x', 'one', 'two', 'three']);
    expect(added.every((c) => c.args.timestamp === posted.messageId && c.args.channel === posted.channelId)).toBe(true);
  });

  it('treats an affordance that is already there as done (a retried post)', async () => {
    const parent = await h.slack.publisher.post({ title: 'digest' });
    h.fake.failNext('reactions.add', 'already_reacted');
    await expect(h.slack.publisher.postInThread(parent, candidate, ['approve', 'reject'])).resolves.toBeDefined();
  });

  it('a reaction that cannot be added is logged; the posted message is still returned, so it is never posted again', async () => {
    const parent = await h.slack.publisher.post({ title: 'digest' });
    h.fake.failNext('reactions.add', 'ratelimited');
    const posted = await h.slack.publisher.postInThread(parent, candidate, ['approve', 'reject']);
    expect(h.fake.message(posted.channelId, posted.messageId)).toBeDefined();
    expect(h.log.lines.some((l) => l.level === 'warn' && l.msg === 'slack: posted, but could not add the vote reactions')).toBe(true);
  });

  it('edits a posted message in place', async () => {
    const posted = await h.slack.publisher.post({ title: 'pending' });
    await h.slack.publisher.edit(posted, { title: 'Approved by <@U0MAINT01>', text: 'Added to “Prompt tuning”.' });
    const msg = h.fake.message(posted.channelId, posted.messageId)!;
    expect(msg.updates).toBe(1);
    expect(JSON.stringify(msg.blocks)).toContain('Approved by &lt;@U0MAINT01&gt;');
  });

  it('reads current reactions for reconciliation, without the bot’s own, votes mapped, skin tones merged', async () => {
    const parent = await h.slack.publisher.post({ title: 'digest' });
    const posted = await h.slack.publisher.postInThread(parent, candidate, VOTE_REACTIONS);
    h.fake.react(posted.channelId, posted.messageId, 'white_check_mark', MAINTAINER);
    h.fake.react(posted.channelId, posted.messageId, 'white_check_mark::skin-tone-4', 'U0MAINT02');
    h.fake.react(posted.channelId, posted.messageId, 'tada', 'U0RANDOM01');
    const reactions = await h.slack.publisher.reactions(posted);
    expect(h.fake.callsTo('reactions.get').at(-1)!.args).toMatchObject({ channel: posted.channelId, timestamp: posted.messageId, full: true });
    expect(reactions).toEqual([
      { emoji: 'white_check_mark', vote: 'approve', userIds: [MAINTAINER, 'U0MAINT02'] },
      { emoji: 'tada', vote: undefined, userIds: ['U0RANDOM01'] },
    ]);
  });

  it('knows maintainers by user id', async () => {
    await expect(h.slack.publisher.isMaintainer(MAINTAINER)).resolves.toBe(true);
    await expect(h.slack.publisher.isMaintainer('U0RANDOM01')).resolves.toBe(false);
  });

  it('stops listening when a reaction listener unsubscribes, and survives a failing listener', async () => {
    const seen: string[] = [];
    const off = h.slack.publisher.onReaction((e) => seen.push(e.eventId ?? ''));
    h.slack.publisher.onReaction(() => {
      throw new Error('listener bug');
    });
    const { reactionEvent } = await import('../../fakes/slack/send.js');
    await h.sender.event(reactionEvent('reaction_added', MAINTAINER, 'x', 'C1', '1.2'), 'Ev0LISTEN1');
    await h.fake.waitFor(() => seen.includes('Ev0LISTEN1'), 'the listener');
    off();
    await h.sender.event(reactionEvent('reaction_added', MAINTAINER, 'x', 'C1', '1.2'), 'Ev0LISTEN2');
    await h.fake.waitFor(() => h.log.lines.filter((l) => l.msg === 'slack: a reaction listener failed').length >= 2, 'the second delivery');
    expect(seen).toEqual(['Ev0LISTEN1']);
  });
});

describe('Slack start-up', () => {
  it('is disabled (and says how to enable it) without a News channel', async () => {
    const h = await startSlackHarness({ config: { newsChannel: undefined } });
    try {
      expect(h.slack.publisher.enabled).toBe(false);
      await expect(h.slack.publisher.post({ title: 'x' })).rejects.toThrow(/SLACK_NEWS_CHANNEL/);
    } finally {
      await h.close();
    }
  });

  it('fails fast naming SLACK_BOT_TOKEN, never the token, when auth.test rejects it', async () => {
    const wrong = 'xoxb-9999-wrong-token-value';
    const started = startSlackHarness({ config: { botToken: wrong } });
    await expect(started).rejects.toThrow(/auth\.test failed \(invalid_auth\); check SLACK_BOT_TOKEN/);
    await expect(started).rejects.not.toThrow(wrong);
  });

  it('stops cleanly and can be stopped twice', async () => {
    const h = await startSlackHarness();
    const url = h.sender.url;
    await h.slack.stop();
    await h.slack.stop();
    await expect(fetch(url, { method: 'POST', body: 'x' })).rejects.toThrow();
    await h.close();
  });
});

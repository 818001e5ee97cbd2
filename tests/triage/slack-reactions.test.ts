import { afterEach, describe, expect, it } from 'vitest';
import { type PostedMessage, VOTE_REACTIONS } from '../../src/core/publisher.js';
import { MAINTAINER, type SlackHarness, startSlackHarness } from '../fakes/slack/harness.js';
import { reactionEvent } from '../fakes/slack/send.js';
import { lineDiff } from '../helpers/line-diff.js';
import { nextReaction, SECTIONS, SEED, triageFixture, type TriageFixture } from '../helpers/triage.js';

const SECOND_MAINTAINER = 'U0MAINT02';
const ROW = '|[PromptX: Better Prompts for CLIP](https://arxiv.org/abs/2604.01234)|arXiv 2026||';

describe('triage by reaction on Slack (signed reaction_added / reaction_removed events)', () => {
  let h: SlackHarness | undefined;
  let t: TriageFixture | undefined;
  let message: PostedMessage;
  let events = 0;
  afterEach(async () => {
    await t?.cleanup();
    await h?.close();
    t = h = undefined;
  });

  async function setup(options: Parameters<typeof triageFixture>[0] = {}, start = true) {
    h = await startSlackHarness({ config: { maintainerUserIds: [MAINTAINER, SECOND_MAINTAINER] } });
    t = await triageFixture({ publishers: [h.slack.publisher], ...options });
    const c = t.candidate('2604.01234', 'PromptX: Better Prompts for CLIP');
    const header = await h.slack.publisher.post({ title: 'arXiv watch' });
    message = await h.slack.publisher.postInThread(header, { title: c.title }, VOTE_REACTIONS);
    t.posted(c.id, message);
    if (start) await t.service.start();
    return c;
  }

  /** The user reacts in Slack (its state changes), Slack sends the signed event; waits until triage applied it. */
  async function react(user: string, name: string, added = true, eventId = `Ev0TRIAGE${++events}`) {
    const state = h!.fake.message(message.channelId, message.messageId)!;
    if (added) h!.fake.react(message.channelId, message.messageId, name, user);
    else state.reactions.set(name, (state.reactions.get(name) ?? []).filter((u) => u !== user));
    const seen = nextReaction(h!.slack.publisher);
    const res = await h!.sender.event(reactionEvent(added ? 'reaction_added' : 'reaction_removed', user, name, message.channelId, message.messageId), eventId);
    expect(res.status).toBe(200);
    await seen;
    await t!.service.idle();
  }

  const updates = () => h!.fake.callsTo('chat.update').filter((c) => c.args.ts === message.messageId);

  it('a maintainer’s ✅ writes exactly one line in the suggested table and updates the message', async () => {
    const c = await setup();
    await react(MAINTAINER, 'white_check_mark');
    expect(lineDiff(SEED, t!.text())).toMatchObject({ removed: [], added: [ROW] });
    expect(t!.catalogue.catalogue.entries.find((e) => e.arxivId === '2604.01234')?.section).toEqual(SECTIONS.contrastive);
    expect(t!.store.candidate(c.id)).toMatchObject({ status: 'approved', decidedBy: [`slack:${MAINTAINER}`] });
    expect(updates()).toHaveLength(1);
    const blocks = JSON.stringify(h!.fake.message(message.channelId, message.messageId)!.blocks);
    // By their Slack display name (users.info), not `slack:U…`.
    expect(blocks).toContain('Approved by Ada —');
    expect(blocks).not.toContain(`slack:${MAINTAINER}`);
    expect(blocks).toContain('Pre-training with Contrastive Objective');
  });

  it('a non-maintainer’s ✅ changes nothing', async () => {
    const c = await setup();
    await react('U0RANDOM01', 'white_check_mark');
    expect(t!.text()).toBe(SEED);
    expect(t!.store.candidate(c.id)!.status).toBe('pending');
    expect(updates()).toHaveLength(0);
  });

  it('a duplicated event applies once: a Slack retry is dropped, a second delivery of the same reaction changes nothing', async () => {
    const c = await setup();
    await react(MAINTAINER, 'white_check_mark', true, 'Ev0DUP1');
    const retry = await h!.sender.event(reactionEvent('reaction_added', MAINTAINER, 'white_check_mark', message.channelId, message.messageId), 'Ev0DUP1', {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await h!.fake.waitFor(() => h!.log.lines.some((l) => l.msg === 'slack: duplicate event ignored'), 'the retry to be dropped');
    await react(MAINTAINER, 'white_check_mark', true, 'Ev0DUP2');
    expect(lineDiff(SEED, t!.text()).added).toEqual([ROW]);
    expect(updates()).toHaveLength(1);
    expect(t!.service.decisions.history(c.id).map((d) => [d.action, d.state])).toEqual([['approve', 'applied']]);
  });

  it('❌ rejects', async () => {
    const c = await setup();
    await react(MAINTAINER, 'x');
    expect(t!.store.candidate(c.id)!.status).toBe('rejected');
    expect(t!.text()).toBe(SEED);
    expect(JSON.stringify(h!.fake.message(message.channelId, message.messageId)!.blocks)).toContain('Rejected by');
  });

  it('APPROVALS_REQUIRED=2: a removed ✅ is withdrawn, and two maintainers approve', async () => {
    const c = await setup({ approvalsRequired: 2 });
    await react(MAINTAINER, 'white_check_mark');
    await react(MAINTAINER, 'white_check_mark', false);
    await react(SECOND_MAINTAINER, 'white_check_mark');
    expect(t!.store.candidate(c.id)!.status).toBe('pending');
    await react(MAINTAINER, 'white_check_mark::skin-tone-2');
    expect(t!.store.candidate(c.id)).toMatchObject({ status: 'approved', decidedBy: [`slack:${SECOND_MAINTAINER}`, `slack:${MAINTAINER}`] });
  });

  it('a vote cast while the bot was down is picked up by reconciliation (reactions.get)', async () => {
    const c = await setup({}, false);
    h!.fake.react(message.channelId, message.messageId, 'two', MAINTAINER);
    h!.fake.react(message.channelId, message.messageId, 'white_check_mark', MAINTAINER);
    h!.fake.react(message.channelId, message.messageId, 'white_check_mark', 'U0RANDOM01');
    await t!.service.start();
    expect(h!.fake.callsTo('reactions.get').some((call) => call.args.timestamp === message.messageId)).toBe(true);
    expect(t!.store.candidate(c.id)).toMatchObject({ status: 'approved', decidedBy: [`slack:${MAINTAINER}`], decidedSection: SECTIONS.textPrompt });
    expect(lineDiff(SEED, t!.text()).added).toEqual([ROW]);
  });
});

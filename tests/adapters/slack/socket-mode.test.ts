import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReactionEvent } from '../../../src/core/publisher.js';
import { blockKitProblems } from '../../fakes/slack/block-kit-check.js';
import { APP_TOKEN, BOT_TOKEN, MAINTAINER, type SlackHarness, startSlackHarness } from '../../fakes/slack/harness.js';
import { reactionEvent } from '../../fakes/slack/send.js';

describe('Slack in Socket Mode (real Bolt SocketModeReceiver, fake Socket Mode server)', () => {
  let h: SlackHarness;
  const reactions: ReactionEvent[] = [];

  beforeAll(async () => {
    h = await startSlackHarness({ socketMode: true });
    h.slack.publisher.onReaction((e) => reactions.push(e));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens the connection with the app-level token and listens on no port', async () => {
    await h.socket!.connected();
    const open = h.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(h.slack.port).toBeUndefined();
    expect(h.slack.health()).toEqual({ ok: true, mode: 'socket', connected: true });
  });

  it('acknowledges a /vlm envelope and answers through response_url', async () => {
    const response_url = h.fake.responseUrl();
    const ack = await h.socket!.deliver('slash_commands', {
      token: 'legacy',
      team_id: 'T0TEAM01',
      channel_id: 'C0GENERAL',
      user_id: 'U0ASKER01',
      user_name: 'asker',
      command: '/vlm',
      text: 'search clip',
      response_url,
      trigger_id: '1.2.3',
    });
    expect(ack).toEqual({});
    const reply = await h.fake.waitFor(() => h.fake.responsesTo(response_url)[0], 'the reply');
    expect(reply.body.response_type).toBe('in_channel');
    expect(blockKitProblems(reply.body)).toEqual([]);
  });

  it('delivers reactions, and a redelivered envelope (retry_attempt) only once', async () => {
    const payload = {
      token: 'legacy',
      team_id: 'T0TEAM01',
      api_app_id: 'A0APP0001',
      type: 'event_callback',
      event_id: 'Ev0SOCKET1',
      event_time: 1700000002,
      event: reactionEvent('reaction_added', MAINTAINER, 'white_check_mark', 'C0NEWS001', '1700000300.000100'),
    };
    await h.socket!.deliver('events_api', payload, { retry_attempt: 0, retry_reason: '' });
    await h.fake.waitFor(() => reactions.find((e) => e.eventId === 'Ev0SOCKET1'), 'the reaction');
    await h.socket!.deliver('events_api', payload, { retry_attempt: 1, retry_reason: 'timeout' });
    await h.fake.waitFor(() => h.log.lines.find((l) => l.msg === 'slack: duplicate event ignored' && l.extra?.eventId === 'Ev0SOCKET1'), 'the duplicate to be dropped');
    expect(reactions.filter((e) => e.eventId === 'Ev0SOCKET1')).toEqual([expect.objectContaining({ vote: 'approve', isMaintainer: true, added: true })]);
  });

  it('closes the socket on stop and logs no token', async () => {
    const closed = h.socket!.closedByClient();
    await h.slack.stop();
    await closed;
    expect(h.slack.health()).toMatchObject({ ok: false, connected: false });
    const logged = JSON.stringify(h.log.lines);
    expect(logged).not.toContain(APP_TOKEN);
    expect(logged).not.toContain(BOT_TOKEN);
  });
});

describe('Socket Mode start-up', () => {
  it('fails naming SLACK_APP_TOKEN, never the token, when Slack refuses it', async () => {
    const wrong = 'xapp-1-A0APP0001-wrong-app-token';
    const started = startSlackHarness({ socketMode: true, config: { appToken: wrong } });
    await expect(started).rejects.toThrow(/Socket Mode could not connect \(invalid_auth\); check SLACK_APP_TOKEN/);
    await expect(started).rejects.not.toThrow(wrong);
  });
});

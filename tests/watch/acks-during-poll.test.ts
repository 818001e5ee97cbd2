import { writeFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from '../adapters/discord/harness.js';
import { startSlackHarness, type SlackHarness } from '../fakes/slack/harness.js';
import { bigFeed } from '../helpers/big-feed.js';
import { observedWorker } from '../helpers/poll-worker/index.js';
import { testWatch } from '../helpers/watch.js';

/**
 * Issue 11's "acks that never wait", counted rather than timed: with a 2,000-item poll scoring
 * in the worker thread, 50 Discord interactions and 50 Slack slash commands, sent at once, are all
 * acknowledged while the poll is still scoring. The worker is held busy scoring (the real scorer,
 * round after round) until every ack is in, so the order does not depend on the machine's speed:
 * were the scoring on the event loop, no ack could be sent before it ended.
 */
const ITEMS = 2000;
const BURST = 50;

let discord: Harness | undefined;
let slack: SlackHarness | undefined;
let watch: Awaited<ReturnType<typeof testWatch>> | undefined;
afterEach(async () => {
  await watch?.watch.close();
  watch?.tmp.cleanup();
  await discord?.close();
  await slack?.close();
});

it(`acks ${BURST} Discord and ${BURST} Slack interactions while a ${ITEMS}-item poll is scoring`, async () => {
  discord = await startHarness();
  slack = await startSlackHarness();
  const worker = observedWorker({ holdScores: true });
  watch = await testWatch({ realScorer: true, watch: { pollThread: 'worker', pollWorkerEntry: worker.entry } });
  const feed = watch.tmp.path('big-day.xml');
  writeFileSync(feed, await bigFeed(ITEMS));

  const events: string[] = [];
  const poll = watch.watch.poll([feed]).then((report) => {
    events.push('poll finished');
    return report;
  });
  await worker.until((jobs) => jobs.some((j) => j.kind === 'score'));
  events.push('poll scoring');

  const d = discord;
  const interactions = Array.from({ length: BURST }, (_, i) => d.discord.command(d.discord.reader, 'vlm', 'search', { query: i % 2 ? 'clip' : 'prompt tuning' }));
  const discordAcks = d.discord.waitFor(() => interactions.every((i) => i.callbackType !== undefined), 'every Discord interaction acknowledged').then(() => events.push('discord acked'));
  const s = slack;
  const slackAcks = Promise.all(
    Array.from({ length: BURST }, () =>
      s.sender.slashCommand({ text: 'search clip', response_url: s.fake.responseUrl() }).then((res) => {
        events.push(`slack ${res.status}`);
      }),
    ),
  );
  await Promise.all([discordAcks, slackAcks]);

  // Every ack came in while the poll was scoring; only then may it finish.
  expect(events[0]).toBe('poll scoring');
  expect(events.filter((e) => e === 'slack 200')).toHaveLength(BURST);
  expect(events).toContain('discord acked');
  expect(events).not.toContain('poll finished');
  expect(interactions.every((i) => i.callbackType === 5 || i.callbackType === 4)).toBe(true);

  worker.release();
  const report = await poll;
  expect(events.at(-1)).toBe('poll finished');
  expect(report.feeds[0]!.outcome).toBe('ok');
  expect(report.papers).toHaveLength(ITEMS);
  // The seed list has none of these ids: every new announcement was scored, in the worker.
  const scored = report.papers.filter((p) => p.result).length;
  expect(scored).toBe(report.papers.filter((p) => p.paper.announceType === 'new' || p.paper.announceType === 'cross').length);
  expect(worker.jobs.find((j) => j.kind === 'score')?.papers).toBe(scored);
  worker.close();
});

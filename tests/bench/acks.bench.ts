import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { createMemoryLogger } from '../../src/core/logger.js';
import { startWorkerThread } from '../../src/core/worker-thread.js';
import { pollFeeds, type PollWork } from '../../src/watch/poll.js';
import { startHarness } from '../adapters/discord/harness.js';
import { SIGNING_SECRET, startSlackHarness } from '../fakes/slack/harness.js';
import { bigFeed } from '../helpers/big-feed.js';
import { SHARED } from '../helpers/fixtures.js';
import { testWatch } from '../helpers/watch.js';
import { Latencies } from './synthetic.js';
import { QUICK, reportRows } from './table.js';

/**
 * How long Discord deferrals and Slack acks take while a 2,000-item poll scores, against the same
 * burst with nothing else to do. A burst is 50 `/vlm search` interactions at once through the fake
 * Discord (latency: gateway dispatch → the deferral's callback arrives) or 50 signed Slack slash
 * commands over HTTP from another thread, as Slack's servers are elsewhere (request sent → 200). During a poll, the burst is sent the moment the poll
 * starts scoring: with the scoring in the worker thread (what the bot does) and on the main
 * thread (what it did). The poll is the real one (pollFeeds with a watch's own work, the real scorer and list, a
 * fresh 2,000-item feed each time). The fake Discord and Slack's response_url server run in this
 * process, so their own work is in every number, idle included. Deadlines: Discord 3 s, Slack 3 s; aim p99 ≤ 100 ms.
 */
const ITEMS = 2000;
const BURST = 50;
const ROUNDS = QUICK ? 2 : 6;

const discord = await startHarness();
const slack = await startSlackHarness();
// Slack's requests come from another thread: a burst of 50 fetches costs this thread tens of ms by itself.
const slackSide = startWorkerThread(new URL('./slack-burst-thread.ts', import.meta.url));
await new Promise((resolve) => slackSide.once('message', resolve));
// The real list (a checkout of 2025-05-24), as in the poll bench: a watch scoring in the worker
// thread (the bot) and one on the main thread (as before). Their own poll work is used, hooked.
const survey = readFileSync(path.join(SHARED, 'survey/history/2025-05-24-5af1687.md'), 'utf8');
const watches = {
  worker: await testWatch({ survey, realScorer: true, watch: { pollThread: 'worker' } }),
  main: await testWatch({ survey, realScorer: true, watch: { pollThread: 'main' } }),
};
const log = createMemoryLogger();
const lat = new Latencies();
let feeds = 0;
let round = 0;

/** A fresh feed for the next poll: ids of month 2601, 2602, … (new to the watch's seen papers). */
async function freshFeed(): Promise<string> {
  const n = feeds++;
  const file = watches.main.tmp.path(`day-${n}.xml`);
  writeFileSync(file, await bigFeed(ITEMS, [], `${2601 + (n % 12) + 100 * Math.floor(n / 12)}`));
  return file;
}

type Platform = 'Discord' | 'Slack';

/** Sends a burst; resolves with each ack's latency (ms) once all are in. */
function burst(platform: Platform): Promise<number[]> {
  if (platform === 'Discord') {
    const interactions = Array.from({ length: BURST }, (_, i) => discord.discord.command(discord.discord.reader, 'vlm', 'search', { query: i % 2 ? 'clip' : 'prompt tuning' }));
    return discord.discord.waitFor(() => interactions.every((i) => i.ackedAt !== undefined), 'every deferral').then(() => interactions.map((i) => i.ackedAt! - i.sentAt));
  }
  return new Promise((resolve, reject) => {
    slackSide.once('message', (m: { times?: number[]; error?: string }) => (m.times ? resolve(m.times) : reject(new Error(m.error))));
    slackSide.postMessage({ url: slack.sender.url, secret: SIGNING_SECRET, responseUrls: Array.from({ length: BURST }, () => slack.fake.responseUrl()) });
  });
}

/** A burst while `work` scores a fresh 2,000-item poll (sent as the scoring starts), or with nothing running. */
async function measure(platform: Platform, mode: 'idle' | 'worker' | 'main'): Promise<void> {
  let times: Promise<number[]> | undefined;
  if (mode === 'idle') times = burst(platform);
  else {
    const { watch, stores, catalogue } = watches[mode];
    const work = watch.work;
    const feed = await freshFeed();
    const report = await pollFeeds([feed], {
      stores,
      catalogue,
      includeCrossLists: true,
      log,
      work: {
        parse: (text, source) => work.parse(text, source),
        score: (papers) => {
          times = burst(platform);
          return work.score(papers);
        },
      } satisfies PollWork,
    });
    if (report.papers.filter((p) => p.result).length < ITEMS / 2) throw new Error('acks bench: the poll scored too few papers; are the feeds fresh?');
  }
  const ms = await times!;
  if (round > 1) ms.forEach((v) => lat.record(`${platform} ${mode}`, v));
}

describe(`acks during a ${ITEMS}-item poll`, () => {
  bench(
    `bursts of ${BURST}`,
    async () => {
      round++;
      for (const platform of ['Discord', 'Slack'] as const) for (const mode of ['idle', 'worker', 'main'] as const) await measure(platform, mode);
    },
    { iterations: ROUNDS, time: 0, warmupIterations: 1 },
  );
});

afterAll(async () => {
  const group = `acks, ${BURST} at once, during a ${ITEMS}-item poll (deadline 3 s)`;
  const rows = (platform: Platform, what: string) => [
    { group, measure: `${what}, idle (no poll)`, ours: lat.stats(`${platform} idle`) },
    { group, measure: `${what}, poll scoring in the worker (the bot)`, ours: lat.stats(`${platform} worker`), baseline: { name: 'scoring on the main thread', stat: lat.stats(`${platform} main`) }, aim: 'p99 ≤ 100 ms' },
  ];
  reportRows([...rows('Discord', 'Discord deferral'), ...rows('Slack', 'Slack ack (HTTP)')]);
  const fmt = (n: string) => {
    const s = lat.stats(n);
    return s ? `median ${s.median.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms (n=${s.n})` : 'n/a';
  };
  const lines = (['Discord', 'Slack'] as const).flatMap((p) => (['idle', 'worker', 'main'] as const).map((m) => `  ${p}, ${m}: ${fmt(`${p} ${m}`)}`));
  console.log(`\n${group}:\n${lines.join('\n')}\n`);
  await slackSide.terminate();
  for (const w of Object.values(watches)) {
    await w.watch.close();
    w.tmp.cleanup();
  }
  await discord.close();
  await slack.close();
});

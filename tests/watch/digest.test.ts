import { afterEach, describe, expect, it } from 'vitest';
import { VOTE_REACTIONS } from '../../src/core/publisher.js';
import type { FeedPaper } from '../../src/arxiv/paper.js';
import type { WatchService } from '../../src/watch/watch-service.js';
import { candidateReply } from '../../src/triage/candidate-message.js';
import { composeDigest } from '../../src/watch/digest.js';
import { recordPoll } from '../../src/watch/poll.js';
import type { WatchStores } from '../../src/watch/stores.js';
import { fakeScorer, never, RecordingPublisher, testWatch, type RecordedPost } from '../helpers/watch.js';

const FEED = 'https://rss.arxiv.org/rss/cs.CV';
const DAY = '2026-04-20';
/** Monday 20 April 2026, 09:00 US Eastern: the default digest time. */
const MONDAY_9AM = Date.UTC(2026, 3, 20, 13, 0);

let t: Awaited<ReturnType<typeof testWatch>>;
const extra: WatchService[] = [];

async function setup(env: Record<string, string> = {}, start = MONDAY_9AM) {
  t = await testWatch({ env: { FEEDS: FEED, ...env }, start });
}

/** Watches whose "process died" mid-digest: their run never settles, so only their database is closed. */
const dead = new Set<WatchService>();

afterEach(async () => {
  for (const w of extra.splice(0)) await w.close();
  if (dead.has(t.watch)) t.db.close();
  else await t.watch.close();
  dead.clear();
  t.tmp.cleanup();
});

function paper(id: string, title: string, authors = ['Ada Lovelace', 'Alan Turing']): FeedPaper {
  return { arxivId: id, title, abstract: 'We study things.', authors, categories: ['cs.CV'], announceType: 'new', link: `https://arxiv.org/abs/${id}` };
}

/** Records a successful poll at `at` that found these papers (all candidates, scored by the fake scorer). */
function pollFound(stores: WatchStores, at: number, papers: FeedPaper[], fresh = papers.length) {
  const scorer = fakeScorer();
  recordPoll(stores, {
    feed: FEED,
    startedAt: at,
    finishedAt: at + 1000,
    outcome: 'ok',
    validator: {},
    seen: papers,
    candidates: papers.map((p) => ({ paper: p, assessment: scorer.score(p) })),
    counts: { items: papers.length, fresh, scored: papers.length, candidates: papers.length, skipped: 0 },
  });
}

function pollNothing(stores: WatchStores, at: number) {
  recordPoll(stores, { feed: FEED, startedAt: at, finishedAt: at + 1000, outcome: 'not-modified' });
}

const five = () => [
  paper('2604.00001', 'Okay Paper score=0.61'),
  paper('2604.00002', 'Best Paper score=0.97'),
  paper('2604.00003', 'Good Paper score=0.80'),
  paper('2604.00004', 'Fine Paper score=0.70'),
  paper('2604.00005', 'Weak Paper score=0.55'),
];

const titles = (posts: readonly RecordedPost[]) => posts.map((p) => p.reply.title);

/**
 * Runs today's digest on Discord until post number `n` (1-based) and "kills the process" there:
 * `before` the post is recorded or `after` it went out. Returns a restarted watch with a fresh
 * Discord publisher, and every post of both runs.
 */
async function crashAtPost(n: number, when: 'before' | 'after') {
  const all: RecordedPost[] = [];
  let reached!: () => void;
  const died = new Promise<void>((resolve) => (reached = resolve));
  const dieAtN = (i: number) => (i === n ? (reached(), never()) : undefined);
  t.watch.addPublisher(new RecordingPublisher('discord', when === 'before' ? { beforePost: dieAtN } : { afterPost: dieAtN }, true, all));
  void t.watch.digest(DAY);
  await died;
  dead.add(t.watch);

  const restarted = t.reopen();
  extra.push(restarted);
  restarted.addPublisher(new RecordingPublisher('discord', {}, true, all));
  return { all, restarted };
}

describe('the digest', () => {
  it('posts one header, then at most DIGEST_MAX candidates in its thread, best first, each with the vote reactions', async () => {
    await setup({ DIGEST_MAX: '3' });
    pollFound(t.stores, MONDAY_9AM - 6 * 3_600_000, five());
    const discord = new RecordingPublisher('discord');
    t.watch.addPublisher(discord);

    const outcome = await t.watch.digest(DAY);

    expect(outcome).toMatchObject({ day: DAY, shown: 3, covered: 5, complete: true, staleFeeds: [], posted: { discord: 4 } });
    const [header, ...candidates] = discord.posts;
    expect(header).toMatchObject({ op: 'post', reply: { title: 'arXiv watch · Mon 20 Apr 2026' } });
    expect(header!.reply.text).toMatch(/^3 new papers .* 2 more scored lower: see \/vlm news\. React ✅ .* ❌ .* 1️⃣ 2️⃣ 3️⃣/);
    expect(titles(candidates)).toEqual(['Best Paper score=0.97', 'Good Paper score=0.80', 'Fine Paper score=0.70']);
    for (const c of candidates) {
      expect(c.op).toBe('thread');
      expect(c.parent).toEqual(header!.message);
      expect(c.reactions).toEqual(VOTE_REACTIONS);
    }
    expect(t.stores.digests.digest(DAY)?.postedAt).toBe(MONDAY_9AM);
  });

  it('says, per candidate: title, authors, link, score, sections numbered as the pick reactions, and why', async () => {
    await setup();
    pollFound(t.stores, MONDAY_9AM - 1000, [paper('2604.00007', 'A Vision-Language Model', ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])]);
    const discord = new RecordingPublisher('discord');
    t.watch.addPublisher(discord);
    await t.watch.digest(DAY);

    const reply = discord.posts[1]!.reply;
    const id = t.store.candidateByArxivId('2604.00007')!.id;
    expect(reply).toEqual({
      title: 'A Vision-Language Model',
      text: 'A, B, C, D, E, F et al. (8 authors)',
      fields: [
        { name: 'Score', value: '90%', inline: true },
        { name: 'arXiv', value: '2604.00007', inline: true },
        { name: 'Candidate', value: `#${id}`, inline: true },
        {
          name: 'Suggested section',
          value: '1️⃣ Vision-Language Pre-training Methods › Pre-training with Contrastive Objective\n2️⃣ Vision-Language Pre-training Methods › Pre-training with Generative Objective',
        },
        { name: 'Why', value: 'matches: vision-language' },
      ],
      links: [
        { label: 'arXiv', url: 'https://arxiv.org/abs/2604.00007' },
        { label: 'PDF', url: 'https://arxiv.org/pdf/2604.00007' },
      ],
    });
  });

  it('keeps untrusted titles as plain text in the Reply (renderers escape per platform)', async () => {
    await setup();
    const title = '@everyone **CLIP** <b>wins</b> [click](https://evil.example) `rm -rf` <@123>';
    pollFound(t.stores, MONDAY_9AM - 1000, [paper('2604.00008', title, ['@here', '_Mallory_'])]);
    const reply = candidateReply(t.store.candidateByArxivId('2604.00008')!);
    expect(reply.title).toBe(title);
    expect(reply.text).toBe('@here, _Mallory_');
  });

  it('goes to every enabled News channel and skips disabled ones', async () => {
    await setup();
    pollFound(t.stores, MONDAY_9AM - 1000, five().slice(0, 2));
    const discord = new RecordingPublisher('discord');
    const slack = new RecordingPublisher('slack');
    const off = new RecordingPublisher('console', {}, false);
    [discord, slack, off].forEach((p) => t.watch.addPublisher(p));

    expect((await t.watch.digest(DAY)).posted).toEqual({ discord: 3, slack: 3 });
    expect(titles(discord.posts)).toEqual(titles(slack.posts));
    expect(off.posts).toEqual([]);
  });

  it('posts nothing on a day without candidates, and nothing twice on a day it already posted', async () => {
    await setup();
    const discord = new RecordingPublisher('discord');
    t.watch.addPublisher(discord);
    expect(await t.watch.digest(DAY)).toMatchObject({ shown: 0, complete: true });
    expect(discord.posts).toEqual([]);
    expect(t.stores.digests.digest(DAY)?.postedAt).toBeDefined();
    expect(t.log.lines.some((l) => /no candidates today; nothing posted/.test(l.msg))).toBe(true);

    pollFound(t.stores, MONDAY_9AM + 1000, five().slice(0, 1));
    await t.watch.digest('2026-04-21');
    await t.watch.digest('2026-04-21');
    expect(discord.posts).toHaveLength(2);
  });

  it('after a crash between posts, the restarted digest resumes and posts nothing twice', async () => {
    await setup();
    pollFound(t.stores, MONDAY_9AM - 1000, five().slice(0, 4));
    // Post 3 (the second candidate) reaches Discord, then the process dies before recording it.
    const { all, restarted } = await crashAtPost(3, 'after');
    const outcome = await restarted.digest(DAY);

    expect(titles(all)).toEqual(['arXiv watch · Mon 20 Apr 2026', 'Best Paper score=0.97', 'Good Paper score=0.80', 'Fine Paper score=0.70', 'Okay Paper score=0.61']);
    // The resumed candidates go into the first run's thread.
    expect(all.slice(1).every((p) => p.parent?.messageId === all[0]!.message.messageId)).toBe(true);
    expect(outcome).toMatchObject({ complete: true, posted: { discord: 2 } });
    expect(t.log.lines.filter((l) => /interrupted and may have been posted/.test(l.msg))).toHaveLength(1);
  });

  it('a crash before a message went out loses that one message rather than risk posting it twice', async () => {
    await setup();
    pollFound(t.stores, MONDAY_9AM - 1000, five().slice(0, 3));
    const { all, restarted } = await crashAtPost(2, 'before');
    await restarted.digest(DAY);
    expect(titles(all)).toEqual(['arXiv watch · Mon 20 Apr 2026', 'Good Paper score=0.80', 'Okay Paper score=0.61']);
  });

  it('a platform error stops that platform only; the next run retries what failed, without duplicates', async () => {
    await setup();
    pollFound(t.stores, MONDAY_9AM - 1000, five().slice(0, 3));
    const all: RecordedPost[] = [];
    const flaky = new RecordingPublisher('slack', { beforePost: (n) => (n === 3 ? Promise.reject(new Error('slack: ratelimited')) : undefined) }, true, all);
    const discord = new RecordingPublisher('discord');
    t.watch.addPublisher(flaky);
    t.watch.addPublisher(discord);

    const first = await t.watch.digest(DAY);
    expect(first).toMatchObject({ complete: false, posted: { slack: 2, discord: 4 } });
    expect(t.stores.digests.digest(DAY)?.postedAt).toBeUndefined();
    expect(t.log.lines.filter((l) => l.level === 'error' && /posting to slack failed/.test(l.msg))).toHaveLength(1);

    const second = await t.watch.digest(DAY);
    expect(second).toMatchObject({ complete: true, posted: { slack: 2, discord: 0 } });
    expect(titles(all)).toEqual(['arXiv watch · Mon 20 Apr 2026', 'Best Paper score=0.97', 'Good Paper score=0.80', 'Okay Paper score=0.61']);
  });

  it('skips a candidate decided before it was posted', async () => {
    await setup();
    pollFound(t.stores, MONDAY_9AM - 1000, five().slice(0, 2));
    composeDigest(t.stores, DAY, 10, MONDAY_9AM);
    t.store.setCandidateStatus(t.store.candidateByArxivId('2604.00002')!.id, 'rejected', { at: MONDAY_9AM, by: ['console:console'] });
    const discord = new RecordingPublisher('discord');
    t.watch.addPublisher(discord);
    await t.watch.digest(DAY);
    expect(titles(discord.posts)).toEqual(['arXiv watch · Mon 20 Apr 2026', 'Okay Paper score=0.61']);
  });
});

describe('the stale-feed alert', () => {
  const FRIDAY_1AM = Date.UTC(2026, 3, 17, 5, 15); // Thursday's announcement reaches the feed
  const MONDAY_615 = Date.UTC(2026, 3, 20, 10, 15); // polled after Sunday's announcement should be in

  it('is posted once when arXiv announced and a feed brought nothing new for the cycle', async () => {
    await setup();
    pollFound(t.stores, FRIDAY_1AM, five().slice(0, 1));
    await t.watch.digest('2026-04-17');
    pollNothing(t.stores, MONDAY_615);
    const discord = new RecordingPublisher('discord');
    t.watch.addPublisher(discord);

    const outcome = await t.watch.digest(DAY);

    expect(outcome.staleFeeds).toEqual([FEED]);
    expect(discord.posts).toHaveLength(1);
    expect(discord.posts[0]).toMatchObject({ op: 'post', reply: { title: 'The arXiv feed looks stale' } });
    expect(discord.posts[0]!.reply.fields).toEqual([
      { name: FEED, value: 'last new papers: 2026-04-17 05:15 UTC\nannouncement missed: 2026-04-20 00:00 UTC\nthe feed answers, with nothing new' },
    ]);

    // Again the same day, and the next day while it stays stale: no second alert.
    await t.watch.digest(DAY);
    t.clock.advance(86_400_000);
    pollNothing(t.stores, MONDAY_615 + 86_400_000);
    await t.watch.digest('2026-04-21');
    expect(discord.posts).toHaveLength(1);

    // The feed recovers, then goes stale again: a new alert.
    pollFound(t.stores, MONDAY_615 + 86_400_000 + 1000, [], 1);
    t.clock.advance(2 * 86_400_000);
    pollNothing(t.stores, t.clock.now() - 3 * 3_600_000);
    await t.watch.digest('2026-04-23');
    expect(titles(discord.posts)).toEqual(['The arXiv feed looks stale', 'The arXiv feed looks stale']);
  });

  it('names the last error of a feed that keeps failing', async () => {
    await setup();
    pollFound(t.stores, FRIDAY_1AM, []);
    recordPoll(t.stores, { feed: FEED, startedAt: MONDAY_615, finishedAt: MONDAY_615, outcome: 'error', error: { code: 'feed-http', message: 'feed/fetch: HTTP 503' } });
    const discord = new RecordingPublisher('discord');
    t.watch.addPublisher(discord);
    await t.watch.digest(DAY);
    expect(discord.posts[0]!.reply.fields![0]!.value).toMatch(/last error: feed\/fetch: HTTP 503/);
  });

  it('is not sent on a weekend (no announcements Friday and Saturday nights)', async () => {
    await setup({}, Date.UTC(2026, 3, 19, 13, 0)); // Sunday 09:00 ET
    pollFound(t.stores, FRIDAY_1AM, [], 1);
    pollNothing(t.stores, Date.UTC(2026, 3, 18, 10, 15));
    pollNothing(t.stores, Date.UTC(2026, 3, 19, 10, 15));
    const discord = new RecordingPublisher('discord');
    t.watch.addPublisher(discord);
    expect((await t.watch.digest('2026-04-19')).staleFeeds).toEqual([]);
    expect(discord.posts).toEqual([]);
  });

  it('waits until the feed has had its chance to carry the announcement', async () => {
    await setup({}, Date.UTC(2026, 3, 20, 4, 30)); // Monday 00:30 ET
    pollFound(t.stores, FRIDAY_1AM, [], 1);
    pollNothing(t.stores, Date.UTC(2026, 3, 20, 4, 15));
    const discord = new RecordingPublisher('discord');
    t.watch.addPublisher(discord);
    expect((await t.watch.digest(DAY)).staleFeeds).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { NewsChannelMissingError } from '../../../src/adapters/discord/index.js';
import { type NewsPublisher, type ReactionEvent, VOTE_REACTIONS } from '../../../src/core/publisher.js';
import { type Harness, startHarness } from './harness.js';

/** Reaction events in arrival order; `next()` resolves with the next one (already arrived or not). */
function eventsOf(publisher: NewsPublisher, filter: (e: ReactionEvent) => boolean = (e) => !e.isSelf) {
  const seen: ReactionEvent[] = [];
  const waiting: ((e: ReactionEvent) => void)[] = [];
  let read = 0;
  const unsubscribe = publisher.onReaction((e) => {
    if (!filter(e)) return;
    seen.push(e);
    waiting.shift()?.(seen[read++]!);
  });
  return {
    seen,
    unsubscribe,
    next: () => (read < seen.length ? Promise.resolve(seen[read++]!) : new Promise<ReactionEvent>((resolve) => waiting.push(resolve))),
  };
}

describe('discord adapter: News publisher', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('posts a header, starts one thread on it and posts candidates there with the vote reactions in order', async () => {
    h = await startHarness();
    const { publisher } = h.adapter;
    const { discord } = h;
    expect(publisher.enabled).toBe(true);

    const header = await publisher.post({ title: 'New papers — 2026-11-23', text: '2 candidates for the list' });
    const first = await publisher.postInThread(header, { title: 'Paper A <@&123>', text: '@everyone look' }, VOTE_REACTIONS);
    const second = await publisher.postInThread(header, { title: 'Paper B' }, ['approve', 'reject']);

    expect(header).toEqual({ platform: 'discord', channelId: discord.news.id, messageId: expect.any(String) });
    // Discord gives a thread started on a message that message's id.
    expect(first).toEqual({ platform: 'discord', channelId: header.messageId, messageId: expect.any(String), threadId: header.messageId });
    expect(second.threadId).toBe(header.messageId);

    const threads = discord.find('POST', `/channels/${discord.news.id}/messages/${header.messageId}/threads`);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.body).toEqual({ name: 'New papers — 2026-11-23', auto_archive_duration: 10080 });
    const thread = discord.state.channels.get(header.messageId)!;
    expect(thread).toMatchObject({ type: 11, parent_id: discord.news.id });
    expect(discord.find('POST', `/channels/${thread.id}/messages`)).toHaveLength(2);

    const firstReactions = discord.find('PUT', new RegExp(`/messages/${first.messageId}/reactions/`)).map((r) => r.path.split('/')[6]);
    expect(firstReactions).toEqual(['✅', '❌', '1️⃣', '2️⃣', '3️⃣']);
    for (const r of discord.requests.filter((x) => x.method === 'POST' && x.path.endsWith('/messages'))) {
      expect((r.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
    }
    const text = JSON.stringify(discord.state.messages.get(first.messageId)!.embeds);
    expect(text).not.toMatch(/@everyone|<@&123>/);
  });

  it('edits a posted message in place, keeping its reactions', async () => {
    h = await startHarness();
    const { publisher } = h.adapter;
    const header = await publisher.post({ title: 'New papers' });
    const candidate = await publisher.postInThread(header, { title: 'Paper A', text: 'pending' }, ['approve']);
    await publisher.edit(candidate, { title: 'Paper A', text: 'Approved by @everyone-fan' });

    const message = h.discord.state.messages.get(candidate.messageId)!;
    expect(message.edits).toBe(1);
    expect((message.embeds[0] as { description: string }).description).toBe('Approved by @\u200beveryone-fan');
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.reactions.get('✅')).toEqual([h.discord.state.bot.id]);
  });

  it('lists who reacted with what, leaving out the bot itself', async () => {
    h = await startHarness();
    const { publisher } = h.adapter;
    const { discord } = h;
    const header = await publisher.post({ title: 'New papers' });
    const candidate = await publisher.postInThread(header, { title: 'Paper A' }, VOTE_REACTIONS);
    const message = discord.state.messages.get(candidate.messageId)!;
    discord.react(discord.maintainer, message, '✅');
    discord.react(discord.reader, message, '✅');
    discord.react(discord.reader, message, '👀');

    expect(await publisher.reactions(candidate)).toEqual([
      { emoji: '✅', vote: 'approve', userIds: [discord.maintainer.user.id, discord.reader.user.id].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)) },
      { emoji: '👀', userIds: [discord.reader.user.id] },
    ]);
  });

  it('reports a reaction on a message (in a thread) the client never cached, with the vote and maintainer flag', async () => {
    h = await startHarness();
    const { discord } = h;
    // Posted before a restart: the client has seen neither the thread nor the message.
    const header = discord.state.addMessage(discord.news.id, discord.state.bot, { content: 'New papers' });
    const thread = discord.state.addThread(discord.news, header.id, 'New papers');
    const old = discord.state.addMessage(thread.id, discord.state.bot, { content: 'Paper A' });
    expect(h.adapter.client.channels.cache.has(thread.id)).toBe(false);

    const events = eventsOf(h.adapter.publisher);
    discord.react(discord.maintainer, old, '✅');
    expect(await events.next()).toEqual({
      platform: 'discord',
      channelId: thread.id,
      messageId: old.id,
      userId: discord.maintainer.user.id,
      emoji: '✅',
      vote: 'approve',
      added: true,
      isMaintainer: true,
      isSelf: false,
    });

    discord.react(discord.reader, old, '2️⃣');
    expect(await events.next()).toMatchObject({ userId: discord.reader.user.id, vote: 'pick2', added: true, isMaintainer: false });

    // A removal carries no member: the maintainer flag comes from Discord, asked afresh.
    discord.react(discord.maintainer, old, '✅', false);
    expect(await events.next()).toMatchObject({ userId: discord.maintainer.user.id, vote: 'approve', added: false, isMaintainer: true });
    expect(discord.find('GET', `/guilds/${discord.state.guild.id}/members/${discord.maintainer.user.id}`)).toHaveLength(1);
    events.unsubscribe();
  });

  it('marks the bot’s own affordance reactions as its own', async () => {
    h = await startHarness();
    const events = eventsOf(h.adapter.publisher, () => true);
    const header = await h.adapter.publisher.post({ title: 'New papers' });
    const candidate = await h.adapter.publisher.postInThread(header, { title: 'Paper A' }, ['approve']);
    expect(await events.next()).toMatchObject({ messageId: candidate.messageId, vote: 'approve', isSelf: true, isMaintainer: false });
  });

  it('reuses the thread a header already has (a retried digest after a restart)', async () => {
    h = await startHarness();
    const { discord } = h;
    const header = discord.state.addMessage(discord.news.id, discord.state.bot, { content: 'New papers' });
    discord.state.addThread(discord.news, header.id, 'New papers');
    const posted = await h.adapter.publisher.postInThread({ platform: 'discord', channelId: discord.news.id, messageId: header.id }, { title: 'Paper C' });
    expect(posted.channelId).toBe(header.id);
    expect(discord.find('POST', `/channels/${discord.news.id}/messages/${header.id}/threads`)[0]!.status).toBe(400);
    expect(discord.state.messages.get(posted.messageId)!.channel_id).toBe(header.id);
  });

  it('knows who is a maintainer: a member with a maintainer role, nobody else', async () => {
    h = await startHarness();
    const { publisher } = h.adapter;
    expect(await publisher.isMaintainer(h.discord.maintainer.user.id)).toBe(true);
    expect(await publisher.isMaintainer(h.discord.reader.user.id)).toBe(false);
    expect(await publisher.isMaintainer('123456789012345678')).toBe(false);
  });

  it('is disabled without a News channel and says which variable to set', async () => {
    h = await startHarness({ news: false });
    expect(h.adapter.publisher.enabled).toBe(false);
    await expect(h.adapter.publisher.post({ title: 'x' })).rejects.toThrow(NewsChannelMissingError);
    await expect(h.adapter.publisher.post({ title: 'x' })).rejects.toThrow(/DISCORD_NEWS_CHANNEL_ID/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import type { FakeMember, FakeMessage } from '../fakes/discord/state.js';
import { reactionEvent } from '../fakes/discord/payloads.js';
import { type Harness, startHarness } from '../adapters/discord/harness.js';
import { lineDiff } from '../helpers/line-diff.js';
import { nextReaction, SECTIONS, SEED, triageFixture, type TriageFixture } from '../helpers/triage.js';

const ROW = '|[PromptX: Better Prompts for CLIP](https://arxiv.org/abs/2604.01234)|arXiv 2026||';

describe('triage by reaction on Discord (through the fake Discord, on messages the client never cached)', () => {
  let h: Harness | undefined;
  let t: TriageFixture | undefined;
  afterEach(async () => {
    await t?.cleanup();
    await h?.close();
    t = h = undefined;
  });

  /** A candidate posted before a restart: the thread and message exist only on Discord's side. */
  async function setup(options: Parameters<typeof triageFixture>[0] = {}, start = true) {
    h = await startHarness();
    t = await triageFixture({ publishers: [h.adapter.publisher], ...options });
    const { discord } = h;
    const c = t.candidate('2604.01234', 'PromptX: Better Prompts for CLIP');
    const header = discord.state.addMessage(discord.news.id, discord.state.bot, { content: 'arXiv watch' });
    const thread = discord.state.addThread(discord.news, header.id, 'arXiv watch');
    const message = discord.state.addMessage(thread.id, discord.state.bot, { content: c.title });
    t.posted(c.id, { platform: 'discord', channelId: thread.id, messageId: message.id, threadId: thread.id });
    expect(h.adapter.client.channels.cache.has(thread.id)).toBe(false);
    if (start) await t.service.start();
    return { c, message, discord, t, h };
  }

  /** Reacts and waits until triage has applied the event. */
  async function react(who: FakeMember, message: FakeMessage, emoji: string, added = true) {
    const seen = nextReaction(h!.adapter.publisher);
    h!.discord.react(who, message, emoji, added);
    await seen;
    await t!.service.idle();
  }

  const edits = (message: FakeMessage) => h!.discord.find('PATCH', `/channels/${message.channel_id}/messages/${message.id}`);

  it('a maintainer’s ✅ writes exactly one line, last in the suggested table, and edits the message with the outcome', async () => {
    const { c, message, discord } = await setup();
    await react(discord.maintainer, message, '✅');

    const diff = lineDiff(SEED, t!.text());
    expect(diff.removed).toEqual([]);
    expect(diff.added).toEqual([ROW]);
    // Right after the former last row of “Pre-training with Contrastive Objective”.
    expect(diff.at - 1).toBe(Catalogue.parse(SEED).sectionByPath(SECTIONS.contrastive)!.table!.lastLine);
    expect(t!.catalogue.catalogue.entries.find((e) => e.arxivId === '2604.01234')?.section).toEqual(SECTIONS.contrastive);
    expect(t!.store.candidate(c.id)).toMatchObject({ status: 'approved', decidedBy: [`discord:${discord.maintainer.user.id}`], decidedSection: SECTIONS.contrastive, decidedLine: ROW });
    expect(t!.feedback).toEqual([expect.objectContaining({ arxivId: '2604.01234', decision: 'approved', section: SECTIONS.contrastive })]);

    expect(edits(message)).toHaveLength(1);
    const embed = JSON.stringify(discord.state.messages.get(message.id)!.embeds);
    // The maintainer by their server nickname, not `discord:<snowflake>`.
    expect(embed).toContain('Approved by Mia —');
    expect(embed).not.toContain(`discord:${discord.maintainer.user.id}`);
    expect(embed).toContain('Pre-training with Contrastive Objective');
    expect(embed).toContain('arxiv.org/abs/2604.01234');
  });

  it('a non-maintainer’s ✅ changes nothing (and is not an error)', async () => {
    const { c, message, discord } = await setup();
    await react(discord.reader, message, '✅');
    expect(t!.text()).toBe(SEED);
    expect(t!.store.candidate(c.id)!.status).toBe('pending');
    expect(t!.store.votes(c.id)).toEqual([]);
    expect(edits(message)).toHaveLength(0);
    expect(t!.log.lines.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('a duplicated event (a gateway replay) applies once', async () => {
    const { c, message, discord } = await setup();
    await react(discord.maintainer, message, '✅');
    const replay = nextReaction(h!.adapter.publisher);
    discord.gateway.dispatch('MESSAGE_REACTION_ADD', reactionEvent(discord.state, message, '✅', discord.maintainer, true));
    await replay;
    await t!.service.idle();
    expect(lineDiff(SEED, t!.text()).added).toEqual([ROW]);
    expect(edits(message)).toHaveLength(1);
    expect(t!.service.decisions.history(c.id).map((d) => [d.action, d.state])).toEqual([['approve', 'applied']]);
  });

  it('❌ from one maintainer rejects: the list is untouched, the message says so, the scorer learns', async () => {
    const { c, message, discord } = await setup();
    await react(discord.maintainer, message, '❌');
    expect(t!.text()).toBe(SEED);
    expect(t!.store.candidate(c.id)).toMatchObject({ status: 'rejected', decidedBy: [`discord:${discord.maintainer.user.id}`] });
    expect(JSON.stringify(discord.state.messages.get(message.id)!.embeds)).toContain('Rejected by');
    expect(t!.feedback).toEqual([expect.objectContaining({ decision: 'rejected' })]);
    // A later ✅ does not turn it around.
    await react(discord.maintainer, message, '✅');
    expect(t!.text()).toBe(SEED);
  });

  it('2️⃣ then ✅ puts it into the second suggested section', async () => {
    const { c, message, discord } = await setup();
    await react(discord.maintainer, message, '2️⃣');
    expect(t!.store.candidate(c.id)!.status).toBe('pending');
    await react(discord.maintainer, message, '✅');
    expect(t!.store.candidate(c.id)!.decidedSection).toEqual(SECTIONS.textPrompt);
    expect(t!.catalogue.catalogue.entries.find((e) => e.arxivId === '2604.01234')?.section).toEqual(SECTIONS.textPrompt);
  });

  it('APPROVALS_REQUIRED=2 needs two maintainers; a ✅ removed before the decision is withdrawn', async () => {
    const { c, message, discord } = await setup({ approvalsRequired: 2 });
    const second = discord.state.addMember('maintainer-max', [discord.maintainerRole.id]);
    await react(discord.maintainer, message, '✅');
    expect(t!.store.candidate(c.id)!.status).toBe('pending');
    await react(discord.maintainer, message, '✅', false);
    expect(t!.store.votes(c.id)).toEqual([]);
    await react(second, message, '✅');
    expect(t!.store.candidate(c.id)!.status).toBe('pending');
    expect(t!.text()).toBe(SEED);
    await react(discord.maintainer, message, '✅');
    expect(t!.store.candidate(c.id)).toMatchObject({ status: 'approved', decidedBy: [`discord:${second.user.id}`, `discord:${discord.maintainer.user.id}`] });
    expect(lineDiff(SEED, t!.text()).added).toEqual([ROW]);
  });

  it('a vote cast while the bot was down is picked up by reconciliation at start', async () => {
    const { c, message, discord } = await setup({}, false);
    // Nobody listens: the event is lost, only the reaction stays on the message.
    discord.react(discord.maintainer, message, '✅');
    discord.react(discord.reader, message, '✅');
    expect(t!.store.votes(c.id)).toEqual([]);

    const report = await t!.service.start();
    expect(report).toMatchObject({ candidates: 1, votesAdded: 1, failures: 0 });
    expect(discord.find('GET', `/channels/${message.channel_id}/messages/${message.id}`)).toHaveLength(1);
    expect(t!.store.candidate(c.id)).toMatchObject({ status: 'approved', decidedBy: [`discord:${discord.maintainer.user.id}`] });
    expect(lineDiff(SEED, t!.text()).added).toEqual([ROW]);
  });

  it('reconciliation reads only the candidates of the last two weeks', async () => {
    const { c, message, discord } = await setup({ now: () => Date.now() + 15 * 86_400_000 }, false);
    discord.react(discord.maintainer, message, '✅');
    expect(await t!.service.start()).toMatchObject({ candidates: 0 });
    expect(discord.find('GET', `/channels/${message.channel_id}/messages/${message.id}`)).toHaveLength(0);
    expect(t!.store.candidate(c.id)!.status).toBe('pending');
  });

  it('reconciliation withdraws a vote whose reaction was removed while the bot was down', async () => {
    const { c, message, discord } = await setup({ approvalsRequired: 2 });
    await react(discord.maintainer, message, '✅');
    await t!.service.stop();
    discord.react(discord.maintainer, message, '✅', false);
    expect(t!.store.votes(c.id)).toHaveLength(1);
    expect(await t!.service.reconcile()).toMatchObject({ votesWithdrawn: 1 });
    expect(t!.store.votes(c.id)).toEqual([]);
  });

  it('undo restores the file byte for byte, reopens the candidate, and the old ✅ no longer counts', async () => {
    const { c, message, discord } = await setup();
    await react(discord.maintainer, message, '✅');
    expect(t!.text()).not.toBe(SEED);

    const undone = await t!.service.undo(String(c.id), 'console:console');
    expect(undone).toMatchObject({ status: 'reopened', removedLine: ROW });
    expect(t!.text()).toBe(SEED);
    expect(t!.catalogue.index.byArxivId('2604.01234')).toHaveLength(0);
    expect(t!.store.candidate(c.id)!.status).toBe('pending');
    expect(JSON.stringify(discord.state.messages.get(message.id)!.embeds)).toContain('undone');

    // The ✅ is still on the message: reconciliation must not approve it again…
    await t!.service.reconcile();
    expect(t!.store.candidate(c.id)!.status).toBe('pending');
    // …but a fresh ✅ does.
    await react(discord.maintainer, message, '✅', false);
    await react(discord.maintainer, message, '✅');
    expect(t!.store.candidate(c.id)!.status).toBe('approved');
    expect(lineDiff(SEED, t!.text()).added).toEqual([ROW]);
  });
});

import { type DiscordAdapter, startDiscord } from '../../../src/adapters/discord/index.js';
import type { Registry } from '../../../src/core/registry.js';
import { type FakeDiscord, type RecordedRequest, startFakeDiscord, type FakeDiscordOptions } from '../../fakes/discord/fake-discord.js';
import type { FakeInteraction, FakeMessage } from '../../fakes/discord/state.js';
import { testBot } from '../../helpers/bot.js';

/**
 * A bot on the seed list, logged into a fresh fake Discord through the real discord.js client.
 * `close()` stops the adapter, the fake and removes the temp list.
 */
export async function startHarness(options: { registry?: Registry; fake?: FakeDiscordOptions; news?: boolean } = {}) {
  const discord = await startFakeDiscord(options.fake);
  const { bot, log, tmp } = await testBot({ registry: options.registry });
  let adapter: DiscordAdapter;
  try {
    adapter = await startDiscord(bot, discord.config(options.news === false ? {} : { newsChannelId: discord.news.id }), { rest: { retries: 0 } });
  } catch (err) {
    await discord.close();
    tmp.cleanup();
    throw err;
  }
  return {
    discord,
    bot,
    log,
    adapter,
    /** Every request made with this interaction's token, in order. */
    requestsOf: (i: FakeInteraction): RecordedRequest[] => discord.requests.filter((r) => r.path.includes(i.token)),
    /** Waits for the interaction's answer: the edited original, or the ephemeral follow-up (placeholder gone). */
    answer: (i: FakeInteraction) => answerOf(discord, i),
    async close() {
      await adapter.stop();
      await discord.close();
      tmp.cleanup();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The message a user ends up seeing for an interaction, and whether only they can see it. */
export async function answerOf(discord: FakeDiscord, i: FakeInteraction): Promise<{ message: FakeMessage; ephemeral: boolean }> {
  const message = await discord.waitFor(() => {
    const original = i.originalId ? discord.state.messages.get(i.originalId) : undefined;
    const followUp = i.followUpIds.map((id) => discord.state.messages.get(id)).find(Boolean);
    // An ephemeral answer to a command replaces the deferred placeholder, which is then deleted.
    if (followUp) return i.callbackType !== 5 || original?.deleted ? followUp : undefined;
    return original && !original.deleted && original.edits > 0 && !(original.flags & 128) ? original : undefined;
  }, `the answer to interaction ${i.id}`);
  return { message, ephemeral: Boolean(message.flags & 64) };
}

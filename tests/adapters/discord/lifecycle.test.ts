import { describe, expect, it } from 'vitest';
import { DiscordStartError, startDiscord } from '../../../src/adapters/discord/index.js';
import { startFakeDiscord } from '../../fakes/discord/fake-discord.js';
import { testBot } from '../../helpers/bot.js';

describe('discord adapter: start and stop', () => {
  it('throws a DiscordStartError naming DISCORD_TOKEN when the token is rejected (and leaves nothing running)', async () => {
    const discord = await startFakeDiscord();
    const { bot, tmp } = await testBot();
    try {
      const start = startDiscord(bot, { ...discord.config(), token: 'not-the-token' });
      await expect(start).rejects.toThrow(DiscordStartError);
      await expect(startDiscord(bot, { ...discord.config(), token: 'not-the-token' })).rejects.toThrow(/DISCORD_TOKEN/);
      expect(discord.find('GET', '/gateway/bot').every((r) => r.status === 401)).toBe(true);
      expect(discord.gateway.connections).toHaveLength(0);
    } finally {
      await discord.close();
      tmp.cleanup();
    }
  });

  it('says where it tried when Discord cannot be reached', async () => {
    const discord = await startFakeDiscord();
    const apiUrl = discord.apiUrl;
    await discord.close();
    const { bot, tmp } = await testBot();
    try {
      await expect(startDiscord(bot, { token: 't', apiUrl, maintainerRoleIds: [] }, { rest: { retries: 0 } })).rejects.toThrow(
        expect.objectContaining({ name: 'DiscordStartError', reason: 'unreachable', message: expect.stringContaining(apiUrl) }),
      );
    } finally {
      tmp.cleanup();
    }
  });

  it('stops cleanly: the gateway connection closes and stop() can be called twice', async () => {
    const discord = await startFakeDiscord();
    const { bot, tmp } = await testBot();
    try {
      const adapter = await startDiscord(bot, discord.config());
      expect(discord.gateway.identified).toBe(1);
      expect(adapter.health()).toMatchObject({ ok: true, gateway: 'ready' });
      await Promise.all([adapter.stop(), adapter.stop()]);
      expect(adapter.health().ok).toBe(false);
      await discord.waitFor(() => discord.gateway.identified === 0, 'the session to close');
      await adapter.stop();
    } finally {
      await discord.close();
      tmp.cleanup();
    }
  });
});

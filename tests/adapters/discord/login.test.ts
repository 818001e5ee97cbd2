import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('discord adapter: login', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('logs in through GET /gateway/bot and the gateway, with only the Guilds and GuildMessageReactions intents', async () => {
    h = await startHarness();
    const identify = h.discord.gateway.frames.find((f) => f.direction === 'in' && f.op === 2)!.d as { intents: number; token: string };
    expect(identify.intents).toBe((1 << 0) | (1 << 10));
    expect(h.discord.find('GET', '/gateway/bot')).toHaveLength(1);
    expect(h.discord.gateway.connections[0]!.get('encoding')).toBe('json');
    expect(h.discord.gateway.connections[0]!.has('compress')).toBe(false);
    expect(h.adapter.client.guilds.cache.size).toBe(1);
  });
});

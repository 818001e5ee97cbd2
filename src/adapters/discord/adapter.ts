import { once } from 'node:events';
import { type Client, Events, type RESTOptions, Status } from 'discord.js';
import type { Bot } from '../../bot.js';
import type { NewsPublisher } from '../../core/publisher.js';
import { createDiscordClient } from './client.js';
import type { DiscordConfig } from './config.js';
import { startError } from './errors.js';
import { createInteractionHandler } from './interactions.js';
import { DiscordNewsPublisher } from './publisher.js';

export interface StartDiscordOptions {
  /** Overrides for discord.js' REST client (tests shorten timeouts and retries). */
  rest?: Partial<RESTOptions>;
}

/** A running Discord adapter. */
export interface DiscordAdapter {
  /** The News channel (digest, triage). `enabled` is false without `DISCORD_NEWS_CHANNEL_ID`. */
  publisher: NewsPublisher;
  /** The logged-in discord.js client (for diagnostics; commands never see it). */
  client: Client;
  /** Disconnects and releases everything; safe to call twice. Does not exit the process. */
  stop(): Promise<void>;
  /** Whether the gateway connection is up, for GET /healthz. */
  health(): { ok: boolean; gateway: string; pingMs?: number };
}

/**
 * Logs the bot in and answers `/vlm …` until `stop()`. Resolves once the client is ready (the
 * server's roles and channels are known). Commands are not registered here — that is
 * `npm run deploy:discord`. Throws a DiscordStartError naming what to fix when the token is
 * rejected or Discord cannot be reached; reconnects after a start are left to discord.js.
 */
export async function startDiscord(bot: Bot, config: DiscordConfig, options: StartDiscordOptions = {}): Promise<DiscordAdapter> {
  const client = createDiscordClient(config, options.rest);
  const answer = createInteractionHandler({ bot, maintainerRoleIds: config.maintainerRoleIds });
  client.on(Events.InteractionCreate, (interaction) => void answer(interaction));
  client.on(Events.Error, (err) => bot.log.error('discord: client error', { error: err.message }));
  client.on(Events.ShardDisconnect, (event) => bot.log.warn('discord: gateway disconnected', { code: event.code }));
  client.on(Events.ShardResume, () => bot.log.info('discord: gateway resumed'));
  const publisher = new DiscordNewsPublisher(client, config, bot.log);

  const ready = new AbortController();
  const isReady = once(client, Events.ClientReady, { signal: ready.signal });
  isReady.catch(() => undefined);
  try {
    await client.login(config.token);
    await isReady;
  } catch (err) {
    ready.abort();
    client.removeAllListeners();
    await client.destroy();
    throw startError(err, config.apiUrl);
  }
  bot.log.info('discord: logged in', { user: client.user?.tag, servers: client.guilds.cache.size, news: publisher.enabled });

  let stopping: Promise<void> | undefined;
  return {
    publisher,
    client,
    health: () => {
      const ok = client.isReady() && client.ws.status === Status.Ready;
      return { ok, gateway: Status[client.ws.status]?.toLowerCase() ?? String(client.ws.status), ...(client.ws.ping >= 0 && { pingMs: client.ws.ping }) };
    },
    stop() {
      stopping ??= (async () => {
        publisher.close();
        client.removeAllListeners();
        await client.destroy();
      })();
      return stopping;
    },
  };
}

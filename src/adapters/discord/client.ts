import { Client, GatewayIntentBits, type RESTOptions } from 'discord.js';
import type { DiscordConfig } from './config.js';
import { NO_MENTIONS } from './outgoing.js';

/**
 * The discord.js client with the least it needs:
 * - intents `Guilds` (the server, its roles and channels, threads the bot starts) and
 *   `GuildMessageReactions` (votes). Nothing privileged: no member list, no message content —
 *   commands arrive as interactions, which need no intent at all.
 * - no partials: reactions are read from the gateway dispatch (see `reactions.ts`), which covers
 *   uncached messages *and* uncached channels; partials would only fill the cache with stubs.
 * - `rest.api` from `DISCORD_API_URL` (a proxy, or the fake Discord in tests); the gateway URL then
 *   comes from that API's `GET /gateway/bot`, as in production.
 * - JSON gateway encoding without transport compression: discord.js only asks for `zlib-stream`
 *   when the optional `zlib-sync` package is installed, and it is not a dependency.
 * - mentions off by default for anything sent through discord.js (every send also says so itself).
 */
export function createDiscordClient(config: DiscordConfig, rest: Partial<RESTOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), ...rest },
    allowedMentions: NO_MENTIONS,
  });
}

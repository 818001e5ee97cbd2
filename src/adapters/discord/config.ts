import type { Config } from '../../config.js';

/** The Discord section of the configuration (present when `DISCORD_TOKEN` is set). */
export type DiscordConfig = NonNullable<Config['discord']>;

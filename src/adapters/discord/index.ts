/**
 * The Discord adapter: `startDiscord` runs the bot (commands, autocomplete, paging, the News
 * channel); `deploy.ts` registers the `/vlm` command (`npm run deploy:discord`).
 */
export { type DiscordAdapter, startDiscord, type StartDiscordOptions } from './adapter.js';
export type { DiscordConfig } from './config.js';
export { DiscordStartError } from './errors.js';
export { buildCommandJson, DiscordCommandShapeError, ROOT_COMMAND } from './options.js';
export { DiscordNewsPublisher, NewsChannelMissingError } from './publisher.js';
export { type DiscordMessage, renderReply } from './render.js';

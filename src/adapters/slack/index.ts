import type { Bot } from '../../bot.js';
import type { NewsPublisher } from '../../core/publisher.js';
import { createSlackApp, fetchIdentity, type SlackAdapterOptions, type SlackConfig, slackLogger } from './adapter.js';

export type { SlackAdapterOptions, SlackConfig, SlackIdentity } from './adapter.js';
export { createSlackApp } from './adapter.js';
export { buildManifest, type ManifestOptions } from './manifest.js';
export { SlackNewsPublisher } from './publisher.js';
export { renderReply, type SlackMessage } from './render.js';

/** A running Slack adapter. */
export interface RunningSlack {
  /** The News channel on Slack, for the digest and triage. */
  publisher: NewsPublisher;
  /** Disconnects (Socket Mode) or stops listening (HTTP). Never exits the process. */
  stop(): Promise<void>;
  /** HTTP mode: the port listened on. */
  port?: number;
  health(): { ok: boolean; mode: 'socket' | 'http'; connected: boolean };
}

/**
 * Starts the bot on Slack: checks the token (`auth.test`), builds the Bolt app and connects —
 * Socket Mode when `SLACK_APP_TOKEN` is set, otherwise an HTTP server on `config.port` that
 * verifies every request's signature. Rejects with a message naming the setting to fix.
 */
export async function startSlack(bot: Bot, config: SlackConfig, options: SlackAdapterOptions = {}): Promise<RunningSlack> {
  const log = slackLogger(options.log ?? bot.log, config);
  const identity = await fetchIdentity(config, log);
  const slack = createSlackApp(bot, config, identity, options);
  await slack.start();
  log.info('slack: connected', { mode: slack.mode, ...(slack.port !== undefined ? { port: slack.port } : {}) });
  let stopped: Promise<void> | undefined;
  return {
    publisher: slack.publisher,
    port: slack.port,
    health: () => slack.health(),
    stop: () => (stopped ??= slack.stop()),
  };
}

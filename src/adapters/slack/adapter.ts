import { App, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Bot } from '../../bot.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../core/logger.js';
import { SlackMaintainers } from './caller.js';
import { dedupeEvents, RecentIds } from './event-dedupe.js';
import { GuardedHttpReceiver } from './guarded-http-receiver.js';
import { boltLogger, redactingLogger } from './logging.js';
import { SlackNewsPublisher } from './publisher.js';
import { registerReactionEvents } from './reaction-events.js';
import { registerSlashCommand, SLASH_COMMAND } from './slash-command.js';
import { errorMessage } from '../../core/errors.js';

/** `config.slack`: the Slack section of the configuration. */
export type SlackConfig = NonNullable<Config['slack']>;

/** Options only tests and unusual deployments need. */
export interface SlackAdapterOptions {
  /** Logger (default `bot.log`); always wrapped so no token or secret is written. */
  log?: Logger;
  /** HTTP mode: the interface to listen on (default all; tests use 127.0.0.1). */
  host?: string;
  /** HTTP mode: overrides `config.port` (0 = any free port). */
  port?: number;
  /** HTTP mode: largest accepted request body in bytes (default 256 KiB). */
  maxBodyBytes?: number;
  /** The clock request timestamps are checked against. */
  now?: () => number;
  /** The slash command to answer (default `/vlm`; must match the app's manifest). */
  command?: string;
  /** Remembers delivered `event_id`s (default: 1 hour, 10,000 ids). */
  recentEvents?: RecentIds;
}

/** Who the bot is in the workspace, from `auth.test`. */
export interface SlackIdentity {
  botUserId: string;
  botId?: string;
  teamId?: string;
}

/** A wired Slack app; nothing is connected until `start()`. */
export interface SlackApp {
  app: App;
  publisher: SlackNewsPublisher;
  mode: 'socket' | 'http';
  /** Opens the Socket Mode connection, or starts listening (HTTP). */
  start(): Promise<void>;
  /** Closes the connection or the listener; resolves once it is closed. */
  stop(): Promise<void>;
  /** HTTP mode, once started: the port listened on. */
  readonly port: number | undefined;
  /** Whether Slack can reach the bot now (the socket is open, or the port listened on), for GET /healthz. */
  health(): { ok: boolean; mode: 'socket' | 'http'; connected: boolean };
  log: Logger;
}

/** The Web API base URL, with the trailing slash the client joins method names onto. */
export function apiUrl(config: SlackConfig): string | undefined {
  return config.apiUrl ? config.apiUrl.replace(/\/?$/, '/') : undefined;
}

/** The logger every Slack module uses: `log` with the configured secrets redacted. */
export function slackLogger(log: Logger, config: SlackConfig): Logger {
  return redactingLogger(log, [config.botToken, config.appToken, config.signingSecret]);
}

/**
 * Asks Slack who the bot is (`auth.test`). Fails fast with a message naming the variable to fix;
 * the token itself never appears in the error.
 */
export async function fetchIdentity(config: SlackConfig, log: Logger): Promise<SlackIdentity> {
  const client = new webApi.WebClient(config.botToken, {
    slackApiUrl: apiUrl(config),
    logger: boltLogger(log),
    // A start-up check: a few quick retries, not the default half hour.
    retryConfig: { retries: 2, factor: 1.5, minTimeout: 500, maxTimeout: 2000 },
  });
  let res: Awaited<ReturnType<typeof client.auth.test>>;
  try {
    res = await client.auth.test();
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    throw new Error(`slack: auth.test failed (${code ?? errorMessage(err)}); check SLACK_BOT_TOKEN${config.apiUrl ? ' and SLACK_API_URL' : ''}`, { cause: err });
  }
  if (!res.user_id) throw new Error('slack: auth.test did not name the bot user; SLACK_BOT_TOKEN must be a bot token (xoxb-…)');
  return { botUserId: res.user_id, botId: res.bot_id, teamId: res.team_id };
}

/**
 * Builds the Bolt app: Socket Mode when `appToken` is set, else the guarded HTTP receiver; the
 * `/vlm` command and paging buttons; reaction events into the News publisher; and event
 * deduplication ahead of every listener. Nothing connects until `app.start()`.
 */
export function createSlackApp(bot: Bot, config: SlackConfig, identity: SlackIdentity, options: SlackAdapterOptions = {}): SlackApp {
  const log = slackLogger(options.log ?? bot.log, config);
  const bolt = boltLogger(log);
  const slackApiUrl = apiUrl(config);
  const maintainers = new SlackMaintainers(config.maintainerUserIds);

  let httpReceiver: GuardedHttpReceiver | undefined;
  let socketReceiver: SocketModeReceiver | undefined;
  let receiver: GuardedHttpReceiver | SocketModeReceiver;
  if (config.appToken) {
    socketReceiver = new SocketModeReceiver({ appToken: config.appToken, logger: bolt, installerOptions: { clientOptions: { slackApiUrl } } });
    receiver = socketReceiver;
  } else {
    if (!config.signingSecret) throw new Error('slack: HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
    httpReceiver = new GuardedHttpReceiver({
      signingSecret: config.signingSecret,
      log,
      boltLogger: bolt,
      port: options.port ?? config.port,
      host: options.host,
      maxBodyBytes: options.maxBodyBytes,
      now: options.now,
    });
    receiver = httpReceiver;
  }

  const app = new App({
    token: config.botToken,
    // Known from auth.test already, so Bolt does not call it again per event.
    botUserId: identity.botUserId,
    botId: identity.botId,
    tokenVerificationEnabled: false,
    receiver,
    logger: bolt,
    // The bot's own reactions must reach the publisher (flagged isSelf) rather than vanish.
    ignoreSelf: false,
    // No conversation store: the bot keeps no per-conversation state, so none should accumulate.
    convoStore: false,
    clientOptions: { slackApiUrl },
  });
  app.error(async (err) => {
    log.error('slack: unhandled error in a listener', { error: err.message });
  });

  const publisher = new SlackNewsPublisher(app.client, { newsChannel: config.newsChannel, botUserId: identity.botUserId, maintainers, log });
  app.use(dedupeEvents(options.recentEvents ?? new RecentIds(), log));
  registerSlashCommand(app, bot, maintainers, log, options.command ?? SLASH_COMMAND);
  registerReactionEvents(app, publisher);
  return {
    app,
    publisher,
    mode: socketReceiver ? 'socket' : 'http',
    log,
    start: async () => {
      try {
        await app.start();
      } catch (err) {
        if (!socketReceiver) throw err;
        // Stop the client so a refused token does not leave it reconnecting in the background.
        await socketReceiver.client.disconnect().catch(() => undefined);
        const code = (err as { data?: { error?: string } }).data?.error ?? errorMessage(err);
        throw new Error(`slack: Socket Mode could not connect (${code}); check SLACK_APP_TOKEN (an app-level token with connections:write)`, { cause: err });
      }
    },
    // Bolt's SocketModeReceiver.stop() does not wait for the socket to close; the client's disconnect() does.
    stop: async () => {
      await (socketReceiver ? socketReceiver.client.disconnect() : app.stop());
    },
    get port() {
      return httpReceiver?.port;
    },
    health: () => {
      const connected = socketReceiver ? socketReceiver.client.websocket?.isActive() === true : httpReceiver?.port !== undefined;
      return { ok: connected, mode: socketReceiver ? 'socket' : 'http', connected };
    },
  };
}

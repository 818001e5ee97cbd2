import { ConsoleAdapter } from './adapters/console/adapter.js';
import { createBot } from './bot.js';
import type { Config } from './config.js';
import type { Logger } from './core/logger.js';

interface Running {
  name: string;
  stop(): Promise<void>;
}

/**
 * The composition root: config → list + commands → enabled adapters. Owns the process: signals
 * stop every adapter cleanly. With no platform configured, the console runs in the terminal.
 * Resolves when the bot has stopped.
 */
export async function startBot(config: Config, log: Logger): Promise<void> {
  const bot = await createBot({ surveyPath: config.surveyPath, log });
  const running: Running[] = [];

  if (config.discord) {
    const { startDiscord } = await import('./adapters/discord/index.js');
    const discord = await startDiscord(bot, config.discord);
    running.push({ name: 'discord', stop: discord.stop });
    log.info('discord: ready');
  }
  if (config.slack) {
    const { startSlack } = await import('./adapters/slack/index.js');
    const slack = await startSlack(bot, config.slack);
    running.push({ name: 'slack', stop: slack.stop });
    log.info('slack: ready', { mode: config.slack.appToken ? 'socket' : 'http' });
  }

  if (!running.length) {
    await new ConsoleAdapter(bot).run();
    return;
  }

  await new Promise<void>((resolve) => {
    const shutdown = async (signal: string) => {
      log.info('shutting down', { signal });
      for (const r of running.reverse()) {
        await r.stop().catch((err: Error) => log.error(`${r.name}: stop failed`, { error: err.message }));
      }
      resolve();
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  });
}

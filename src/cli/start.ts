import { startBot } from '../main.js';
import type { CliCommand } from './types.js';

export const startCommand: CliCommand = {
  usage: 'start',
  summary: 'Run the bot: Discord and/or Slack when configured, else the console.',
  async run({ config, log }) {
    if ((await startBot(config, log)) === 'stopped') return 0;
    // Past SHUTDOWN_TIMEOUT_MS something still holds the event loop (a hung socket): the deadline wins.
    process.exit(1);
  },
};

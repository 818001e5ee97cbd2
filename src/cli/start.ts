import { startBot } from '../main.js';
import type { CliCommand } from './types.js';

export const startCommand: CliCommand = {
  usage: 'start',
  summary: 'Run the bot: Discord and/or Slack when configured, else the console.',
  async run({ config, log }) {
    await startBot(config, log);
    return 0;
  },
};

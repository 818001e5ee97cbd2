import { createBot } from '../bot.js';
import { createTriage, startWatch } from '../main.js';
import { CONSOLE_CALLER } from '../adapters/console/adapter.js';
import { renderText } from '../adapters/console/render.js';
import { styleFor } from '../adapters/console/terminal-style.js';
import type { CliCommand } from './types.js';

export const askCommand: CliCommand = {
  usage: 'ask "<command line>" [--json]',
  summary: 'Run one command (as in chat) and print the reply; --json prints the Reply object.',
  flags: { json: { type: 'boolean' } },
  async run({ config, log, values, positionals, stdout }) {
    const line = positionals.join(' ');
    if (!line.trim()) throw new Error('what should I ask? Usage: curator ask "search clip"');
    const bot = await createBot({ surveyPath: config.surveyPath, lockStaleMs: config.list.lockStaleMs, log });
    // The watch and triage without schedules or platforms: `ask "pending"`, `ask "triage approve 3"` work too.
    const watch = startWatch(bot, config, log);
    const triage = createTriage(bot, watch, config, log);
    const reply = await triage
      .recover()
      .then(() => bot.registry.runLine(line, bot.context({ ...CONSOLE_CALLER, platform: 'cli' })))
      .finally(async () => {
        await triage.stop();
        await watch.close();
      });
    stdout.write(values.json ? JSON.stringify(reply) + '\n' : renderText(reply, styleFor(stdout)));
    return reply.status === 'error' ? 1 : 0;
  },
};

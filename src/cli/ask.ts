import { type Bot, createBot } from '../bot.js';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import { DatabaseError } from '../db/errors.js';
import type { WatchService } from '../watch/watch-service.js';
import { createPublishing, createTriage, startWatch } from '../main.js';
import { CONSOLE_CALLER } from '../adapters/console/adapter.js';
import { renderText } from '../adapters/console/render.js';
import { styleFor } from '../adapters/console/terminal-style.js';
import type { CliCommand } from './types.js';

/**
 * The database-backed services, with what a crashed process left half-way settled first. A
 * database that cannot be used does not stop commands that do not need it (`search`, `paper`):
 * they run without the watch and triage, and the log says which file is wrong and what to do.
 */
async function openState(bot: Bot, config: Config, log: Logger) {
  let watch: WatchService | undefined;
  try {
    watch = startWatch(bot, config, log);
    // LIST_PUBLISH=pr: what the command changed is queued, then published once before we exit.
    const publishing = createPublishing(bot, watch, config, log, { publishOnChange: false });
    const triage = createTriage(bot, watch, config, log, publishing);
    await triage.recover();
    return { watch, triage, publishing };
  } catch (err) {
    await watch?.close();
    if (!(err instanceof DatabaseError)) throw err;
    log.error(`${err.message}; running without the arXiv watch and triage`, { code: err.code });
    bot.services.watch = undefined;
    bot.services.triage = undefined;
    bot.services.stats = undefined;
    return undefined;
  }
}

export const askCommand: CliCommand = {
  usage: 'ask "<command line>" [--json]',
  summary: 'Run one command (as in chat) and print the reply; --json prints the Reply object.',
  flags: { json: { type: 'boolean' } },
  async run({ config, log, values, positionals, stdout }) {
    const line = positionals.join(' ');
    if (!line.trim()) throw new Error('what should I ask? Usage: curator ask "search clip"');
    const bot = await createBot({ surveyPath: config.surveyPath, lockStaleMs: config.list.lockStaleMs, log });
    // The watch and triage without schedules or platforms: `ask "pending"`, `ask "triage approve 3"` work too.
    const state = await openState(bot, config, log);
    const reply = await bot.registry.runLine(line, bot.context({ ...CONSOLE_CALLER, platform: 'cli' })).finally(async () => {
      await state?.triage.stop();
      // A person is waiting: retry now what an earlier run left queued (GitHub's rate limits still count).
      await state?.publishing?.drain({ retryNow: true });
      await state?.publishing?.stop();
      await state?.watch.close();
    });
    stdout.write(values.json ? JSON.stringify(reply) + '\n' : renderText(reply, styleFor(stdout)));
    return reply.status === 'error' ? 1 : 0;
  },
};

import { ConsoleAdapter } from '../../src/adapters/console/adapter.js';
import { createBot, type Bot } from '../../src/bot.js';
import { createMemoryLogger } from '../../src/core/logger.js';
import type { Registry } from '../../src/core/registry.js';
import { readShared, tempDir } from './fixtures.js';

/** A bot on a private copy of the seed list (or `survey`), with a memory logger and the console adapter. */
export async function testBot(options: { survey?: string; registry?: Registry } = {}) {
  const tmp = tempDir({ 'survey.md': options.survey ?? readShared('survey/seed-2023.md') });
  const log = createMemoryLogger();
  const bot: Bot = await createBot({ surveyPath: tmp.path('survey.md'), log, registry: options.registry });
  const console = new ConsoleAdapter(bot);
  return { bot, log, console, tmp, ask: (line: string) => console.handle(line) };
}

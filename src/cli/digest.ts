import { existsSync } from 'node:fs';
import { ConsoleNewsPublisher } from '../adapters/console/publisher.js';
import { renderText } from '../adapters/console/render.js';
import { createBot } from '../bot.js';
import { createPublishing, createTriage, startPlatforms, startWatch } from '../main.js';
import { localDay } from '../arxiv/calendar.js';
import { previewDigest } from '../watch/digest.js';
import { dbPath, memoryDatabase, openDatabase } from '../db/database.js';
import { watchStores } from '../watch/stores.js';
import type { CliCommand } from './types.js';
import { errorMessage } from '../core/errors.js';

export const digestCommand: CliCommand = {
  usage: 'digest [--dry-run]',
  summary: "Compose today's News digest and post it (to Discord/Slack when configured, else print); --dry-run only prints.",
  flags: { 'dry-run': { type: 'boolean' } },
  async run({ config, log, values, stdout }) {
    const day = localDay(Date.now(), config.timezone);
    if (values['dry-run'] === true) {
      const file = dbPath(config.dataDir);
      // Read-only: a dry run shows what would be posted and records nothing.
      const db = existsSync(file) ? openDatabase(file, { readonly: true }) : memoryDatabase();
      try {
        const preview = previewDigest(day, { stores: watchStores(db), max: config.feed.digestMax, feeds: config.feed.urls, now: Date.now });
        if (!preview.messages.length) stdout.write(`Digest of ${day}: no candidates, nothing would be posted.\n`);
        for (const m of preview.messages) stdout.write(renderText(m) + '\n');
        stdout.write(`(dry run: ${preview.shown} of ${preview.covered} candidates would be posted; nothing recorded)\n`);
      } finally {
        db.close();
      }
      return 0;
    }

    const bot = await createBot({ surveyPath: config.surveyPath, lockStaleMs: config.list.lockStaleMs, log });
    const watch = startWatch(bot, config, log);
    // Publishing wired so that a decision recovery finishes is queued for GitHub (the bot publishes it).
    await createTriage(bot, watch, config, log, createPublishing(bot, watch, config, log, { publishOnChange: false }))
      .recover()
      .catch(async (err: unknown) => {
        await watch.close();
        throw err;
      });
    const { running, publishers } = await startPlatforms(bot, config, log).catch(async (err: unknown) => {
      await watch.close();
      throw err;
    });
    try {
      for (const p of publishers) watch.addPublisher(p);
      if (!publishers.length) watch.addPublisher(new ConsoleNewsPublisher(stdout));
      const outcome = await watch.digest(day);
      if (!outcome.shown && !outcome.staleFeeds.length) stdout.write(`Digest of ${day}: no candidates, nothing posted.\n`);
      return outcome.complete ? 0 : 1;
    } finally {
      await watch.close();
      for (const r of running.reverse()) await r.stop().catch((err: unknown) => log.error(`${r.name}: stop failed`, { error: errorMessage(err) }));
    }
  },
};

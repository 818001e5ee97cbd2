import { dbPath, openDatabase } from '../db/database.js';
import { openCatalogue } from '../search/live-catalogue.js';
import type { RelevanceLearning } from '../core/services.js';
import { WatchService } from '../watch/watch-service.js';
import type { CliCommand } from './types.js';

const ACTIONS = ['retrain', 'status'] as const;

/**
 * `curator relevance retrain|status [--json]`: teach the relevance model every decision in
 * curator.db (the shipped model as the prior), or say what it has learned so far. The watch also
 * retrains before a scheduled poll once RELEVANCE_RETRAIN_MIN_DECISIONS new decisions exist.
 */
export const relevanceCommand: CliCommand = {
  usage: 'relevance retrain|status [--json]',
  summary: "Retrain the relevance model from maintainers' decisions (shipped model as the prior), or show what it learned.",
  flags: { json: { type: 'boolean' } },
  async run({ config, log, values, positionals, stdout }) {
    const action = positionals[0] ?? 'status';
    if (!(ACTIONS as readonly string[]).includes(action)) throw new Error(`unknown action "${action}"; use one of: ${ACTIONS.join(', ')}`);
    const catalogue = await openCatalogue(config.surveyPath, { log, lock: { staleMs: config.list.lockStaleMs } });
    const watch = new WatchService({ db: openDatabase(dbPath(config.dataDir)), catalogue, settings: config.feed, timezone: config.timezone, log });
    try {
      if (action === 'retrain') {
        const { update, createdAt } = watch.retrainRelevance();
        const d = update.decisions;
        if (values.json) stdout.write(JSON.stringify({ learnedFrom: d.total, approved: d.approved, rejected: d.rejected, withSection: d.withSection, learnedAt: createdAt }) + '\n');
        else stdout.write(`Relevance model retrained from ${d.total} decision(s): ${d.approved} approved (${d.withSection} with a section), ${d.rejected} rejected; the shipped model is the prior. The next poll scores with it.\n`);
        return 0;
      }
      const learning = watch.relevanceLearning();
      stdout.write(values.json ? JSON.stringify(learning) + '\n' : `${describeLearning(learning)}\n`);
      return 0;
    } finally {
      await watch.close();
    }
  },
};

/** One line for people: how many decisions the model learned from, and whether newer ones wait. */
export function describeLearning(l: RelevanceLearning): string {
  const base = l.learnedFrom > 0 ? `learned from ${l.learnedFrom} maintainer decision(s)${l.learnedAt ? ` (${new Date(l.learnedAt).toISOString().slice(0, 10)})` : ''}` : 'the shipped model, not yet retrained from decisions';
  const waiting = l.decided - l.learnedFrom;
  const stale = l.stale ? '; its last retraining was of an older shipped model' : '';
  return `Relevance model: ${base}${waiting > 0 ? `; ${waiting} newer decision(s) not learned yet (curator relevance retrain)` : ''}${stale}.`;
}

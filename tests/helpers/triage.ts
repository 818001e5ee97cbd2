/**
 * Triage over a private copy of the seed list and its own curator.db: add candidates, record the
 * messages they were posted as (the outbox), start the service with any publishers.
 */
import { readFileSync } from 'node:fs';
import { openCatalogue } from '../../src/search/live-catalogue.js';
import { createMemoryLogger } from '../../src/core/logger.js';
import type { NewsPublisher, PostedMessage, ReactionEvent } from '../../src/core/publisher.js';
import type { FeedPaper } from '../../src/arxiv/paper.js';
import type { Feedback } from '../../src/relevance/score.js';
import { dbPath, openDatabase } from '../../src/db/database.js';
import { OutboxStore } from '../../src/triage/outbox.js';
import { type CandidateRecord, TriageStore } from '../../src/triage/store.js';
import type { Assessment } from '../../src/core/services.js';
import { TriageService, type TriageServiceOptions } from '../../src/triage/triage-service.js';
import { readShared, tempDir } from './fixtures.js';

/** Three topical paper sections of the seed list, as a scorer would suggest them (rank 1, 2, 3). */
export const SECTIONS = {
  contrastive: ['Vision-Language Pre-training Methods', 'Pre-training with Contrastive Objective'],
  textPrompt: ['Vision-Language Model Transfer Learning Methods', 'Transfer with Prompt Tuning', 'Transfer with Text Prompt Tuning'],
  generative: ['Vision-Language Pre-training Methods', 'Pre-training with Generative Objective'],
};

export const SEED = readShared('survey/seed-2023.md');

export function paper(arxivId: string, title: string, extra: Partial<FeedPaper> = {}): FeedPaper {
  return {
    arxivId,
    title,
    abstract: `An abstract of ${title}.`,
    authors: ['A. Author', 'B. Author'],
    categories: ['cs.CV'],
    announceType: 'new',
    link: `https://arxiv.org/abs/${arxivId}`,
    ...extra,
  };
}

export function assessment(sections: string[][] = [SECTIONS.contrastive, SECTIONS.textPrompt, SECTIONS.generative]): Assessment {
  return { score: 0.9, sections: sections.map((path, i) => ({ path, score: 0.6 - i / 10 })), reasons: ['matches: vision-language'], nearest: [] };
}

export type TriageFixture = Awaited<ReturnType<typeof triageFixture>>;

/**
 * The fixture; `dir` reuses an existing one (a "restart": same list file and database).
 * `close()` stops the service and closes the database; `cleanup()` also removes the files.
 */
export async function triageFixture(options: Partial<Omit<TriageServiceOptions, 'db' | 'catalogue' | 'log'>> & { dir?: ReturnType<typeof tempDir> } = {}) {
  const { dir: reuse, ...serviceOptions } = options;
  const dir = reuse ?? tempDir({ 'survey.md': SEED });
  const list = dir.path('survey.md');
  const catalogue = await openCatalogue(list);
  const db = openDatabase(dbPath(dir.path('data')));
  const store = new TriageStore(db);
  const outbox = new OutboxStore(db);
  const log = createMemoryLogger();
  const feedback: Feedback[] = [];
  const service = new TriageService({
    db,
    catalogue,
    log,
    approvalsRequired: 1,
    gitCommit: false,
    reconcileIntervalMs: 0,
    feedback: (f) => feedback.push(f),
    ...serviceOptions,
  });
  let now = Date.now();
  return {
    dir,
    list,
    catalogue,
    db,
    store,
    outbox,
    log,
    feedback,
    service,
    /** The list file as it is now. */
    text: () => readFileSync(list, 'utf8'),
    /** Adds a pending candidate (suggested sections: contrastive, text prompt, generative). */
    candidate(arxivId: string, title: string, sections?: string[][], extra?: Partial<FeedPaper>): CandidateRecord {
      return store.addCandidate(paper(arxivId, title, extra), assessment(sections), 'test', now++).candidate;
    },
    /** Records that `message` was posted about a candidate (as the digest's outbox would). */
    posted(candidateId: number, message: PostedMessage, day = '2026-04-20'): void {
      const r = outbox.reserveMessage({ platform: message.platform, kind: 'candidate', day, candidateId }, now++);
      outbox.markPosted(r.entry.id, message, now++);
    },
    async close() {
      await service.stop();
      db.close();
    },
    async cleanup() {
      await this.close();
      dir.cleanup();
    },
  };
}

/**
 * The next reaction event (not the bot's own) `publisher` delivers. Subscribe after the service
 * has: listeners run in order, so once this resolves the service has queued its work —
 * `await service.idle()` then sees it done.
 */
export function nextReaction(publisher: NewsPublisher): Promise<ReactionEvent> {
  return new Promise((resolve) => {
    const off = publisher.onReaction((e) => {
      if (e.isSelf) return;
      off();
      resolve(e);
    });
  });
}

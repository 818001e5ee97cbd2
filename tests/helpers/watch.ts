/**
 * Test doubles for the arXiv watch: a deterministic scorer, a News publisher that records every
 * call, and a watch over a private copy of the seed list with its own curator.db.
 */
import { openCatalogue } from '../../src/search/live-catalogue.js';
import { loadConfig } from '../../src/config.js';
import { createMemoryLogger } from '../../src/core/logger.js';
import type { NewsPublisher, PostedMessage, ReactionEvent, Vote } from '../../src/core/publisher.js';
import type { Reply } from '../../src/core/reply.js';
import type { FeedPaper } from '../../src/arxiv/paper.js';
import type { PaperScore, PaperScorer } from '../../src/watch/poll.js';
import { WatchService, type WatchServiceOptions } from '../../src/watch/watch-service.js';
import { dbPath, openDatabase } from '../../src/db/database.js';
import { fakeClock } from './fake-clock.js';
import { readShared, tempDir } from './fixtures.js';

export const TEST_SECTION = ['Vision-Language Pre-training Methods', 'Pre-training with Contrastive Objective'];

/**
 * Scores by the title alone: "vision-language" or "CLIP" → 0.9 (a candidate), else 0.1; a title
 * with `score=0.NN` in it gets exactly that score (to order candidates in tests).
 */
export function fakeScorer(threshold = 0.5): PaperScorer & { scored: FeedPaper[] } {
  const scored: FeedPaper[] = [];
  return {
    scored,
    score(paper): PaperScore {
      scored.push(paper);
      const forced = /score=(0\.\d+)/.exec(paper.title)?.[1];
      const hit = /vision-language|\bclip\b/i.test(paper.title);
      const score = forced ? Number(forced) : hit ? 0.9 : 0.1;
      return {
        score,
        candidate: score >= threshold,
        sections: [
          { path: TEST_SECTION, score: 0.6 },
          { path: ['Vision-Language Pre-training Methods', 'Pre-training with Generative Objective'], score: 0.3 },
        ],
        reasons: hit ? ['matches: vision-language'] : [],
        nearest: [{ title: 'CLIP: Learning Transferable Visual Models', arxivId: '2103.00020', similarity: 0.4 }],
      };
    },
  };
}

export interface RecordedPost {
  op: 'post' | 'thread';
  reply: Reply;
  message: PostedMessage;
  parent?: PostedMessage;
  reactions?: readonly Vote[];
}

/**
 * A News channel that records what it is asked to post. `beforePost(n)` runs before post number
 * n (1-based, across post and postInThread) is recorded; `afterPost(n)` after — return a promise
 * that never settles to simulate the process dying there.
 */
export class RecordingPublisher implements NewsPublisher {
  readonly posts: RecordedPost[];
  private n = 0;

  constructor(
    readonly platform: 'discord' | 'slack' | 'console' = 'discord',
    private readonly hooks: { beforePost?: (n: number) => Promise<void> | void; afterPost?: (n: number) => Promise<void> | void } = {},
    readonly enabled = true,
    /** Share one list between "restarts" to see every message ever posted. */
    posts: RecordedPost[] = [],
  ) {
    this.posts = posts;
  }

  async post(reply: Reply): Promise<PostedMessage> {
    return this.record('post', reply);
  }

  async postInThread(parent: PostedMessage, reply: Reply, reactions: readonly Vote[] = []): Promise<PostedMessage> {
    return this.record('thread', reply, parent, reactions);
  }

  async edit(): Promise<void> {}

  async reactions(): Promise<{ emoji: string; vote?: Vote; userIds: string[] }[]> {
    return [];
  }

  onReaction(_listener: (event: ReactionEvent) => void): () => void {
    return () => {};
  }

  async isMaintainer(): Promise<boolean> {
    return true;
  }

  private async record(op: 'post' | 'thread', reply: Reply, parent?: PostedMessage, reactions?: readonly Vote[]): Promise<PostedMessage> {
    const n = ++this.n;
    await this.hooks.beforePost?.(n);
    const message: PostedMessage = {
      platform: this.platform,
      channelId: parent ? `thread-of-${parent.messageId}` : 'news',
      messageId: `${this.platform}-${this.posts.length + 1}`,
      ...(parent && { threadId: parent.threadId ?? parent.messageId }),
    };
    this.posts.push({ op, reply, message, ...(parent && { parent }), ...(reactions && { reactions }) });
    await this.hooks.afterPost?.(n);
    return message;
  }
}

/** A promise that never settles: the "process" stops there. */
export const never = () => new Promise<never>(() => {});

/**
 * A watch over a private copy of the seed list, with curator.db in a temp dir, the fake scorer,
 * a fake clock and no politeness wait. `env` overrides settings (FEEDS, DIGEST_MAX, …);
 * `realScorer` scores with the shipped model instead (and lets `watch` choose the poll thread).
 */
export async function testWatch(
  options: { env?: Record<string, string>; start?: number; survey?: string; realScorer?: boolean; watch?: Pick<WatchServiceOptions, 'pollThread' | 'pollWorkerEntry'> } = {},
) {
  const tmp = tempDir({ 'survey.md': options.survey ?? readShared('survey/seed-2023.md') });
  const config = loadConfig({ DATA_DIR: tmp.path('data'), SURVEY_PATH: tmp.path('survey.md'), FEED_MIN_INTERVAL_MS: '0', ...options.env }, tmp.dir);
  const catalogue = await openCatalogue(config.surveyPath);
  const log = createMemoryLogger();
  const clock = fakeClock(options.start);
  const scorer = fakeScorer(config.feed.threshold);
  const open = () =>
    new WatchService({
      db: openDatabase(dbPath(config.dataDir)),
      catalogue,
      settings: config.feed,
      timezone: config.timezone,
      log,
      clock,
      retry: { attempts: 3, baseDelayMs: 10, maxRetryAfterMs: 120_000 },
      ...(!options.realScorer && { createScorer: () => scorer }),
      ...options.watch,
    });
  const watch = open();
  return { tmp, config, catalogue, log, clock, scorer, watch, db: watch.db, stores: watch.stores, store: watch.store, feeds: watch.stores.feeds, reopen: open };
}

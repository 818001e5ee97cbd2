import { ConsoleAdapter } from './adapters/console/adapter.js';
import { ConsoleNewsPublisher } from './adapters/console/publisher.js';
import { type Bot, createBot } from './bot.js';
import type { Config } from './config.js';
import type { Logger } from './core/logger.js';
import type { NewsPublisher } from './core/publisher.js';
import type { Services } from './core/services.js';
import { databaseHealth, dbPath, openDatabase } from './db/database.js';
import { type HealthPart, startHealthServer } from './health/health-server.js';
import { WatchService } from './watch/watch-service.js';
import { TriageService } from './triage/triage-service.js';
import { errorMessage } from './core/errors.js';
import { ListPublishing } from './publish/list-publishing.js';

interface Running {
  name: string;
  stop(): Promise<void>;
  /** The part's state for GET /healthz (platforms: is the connection up). */
  health?(): HealthPart;
}

/** The adapters that started, and their News channels. */
export interface Platforms {
  running: Running[];
  publishers: NewsPublisher[];
}

/** Starts Discord and/or Slack when configured. Empty when neither is. */
export async function startPlatforms(bot: Bot, config: Config, log: Logger): Promise<Platforms> {
  const platforms: Platforms = { running: [], publishers: [] };
  try {
    if (config.discord) {
      const { startDiscord } = await import('./adapters/discord/index.js');
      const discord = await startDiscord(bot, config.discord);
      platforms.running.push({ name: 'discord', stop: discord.stop, health: discord.health });
      platforms.publishers.push(discord.publisher);
      log.info('discord: ready');
    }
    if (config.slack) {
      const { startSlack } = await import('./adapters/slack/index.js');
      const slack = await startSlack(bot, config.slack);
      platforms.running.push({ name: 'slack', stop: slack.stop, health: slack.health });
      platforms.publishers.push(slack.publisher);
      log.info('slack: ready', { mode: config.slack.appToken ? 'socket' : 'http' });
    }
  } catch (err) {
    // One platform failed: stop the ones already connected so the process can exit cleanly.
    for (const r of platforms.running.reverse()) await r.stop().catch(() => undefined);
    throw err;
  }
  return platforms;
}

/** The arXiv watch over the bot's list and `curator.db` in DATA_DIR, reachable by commands. */
export function startWatch(bot: Bot, config: Config, log: Logger): WatchService {
  // A worker thread parses and scores polls: the bot's interactions are acked while a big feed is scored.
  const watch = new WatchService({ db: openDatabase(dbPath(config.dataDir)), catalogue: bot.catalogue, settings: config.feed, timezone: config.timezone, log, pollThread: 'worker' });
  bot.services.watch = watch;
  bot.services.stats = { candidateCounts: () => watch.store.candidateCounts(), relevanceLearning: () => watch.relevanceLearning() };
  return watch;
}

/**
 * LIST_PUBLISH=pr: approvals also go to the list's pull request on GitHub, queued in the watch's
 * database; undefined when publishing is off. `publishOnChange: false` leaves publishing to an
 * explicit `drain` (one-off commands).
 */
export function createPublishing(bot: Bot, watch: WatchService, config: Config, log: Logger, options: { publishOnChange?: boolean } = {}): ListPublishing | undefined {
  return ListPublishing.forConfig(config, { db: watch.db, catalogue: bot.catalogue, log, ...options });
}

/** Triage over the watch's database, writing approvals into the bot's list (and queuing them for GitHub when publishing), reachable by commands. */
export function createTriage(bot: Bot, watch: WatchService, config: Config, log: Logger, publishing?: ListPublishing): TriageService {
  const triage = new TriageService({
    db: watch.db,
    catalogue: bot.catalogue,
    ...config.triage,
    timezone: config.timezone,
    feedback: (f) => watch.addFeedback(f),
    papers: watch,
    log,
    ...(publishing && { onListChange: publishing.onListChange }),
  });
  bot.services.triage = triage;
  return triage;
}

/** How a run of the bot ended: every part stopped, or the shutdown deadline passed first. */
export type BotExit = 'stopped' | 'timed-out';

/**
 * The composition root: config → list + commands → the arXiv watch → enabled adapters → the
 * watch's schedule (→ GET /healthz when HEALTH_PORT is set). Owns the process: SIGINT/SIGTERM stop
 * every part in reverse order within SHUTDOWN_TIMEOUT_MS. With no platform configured, the
 * console runs in the terminal and prints the digests. Resolves when the bot has stopped.
 */
export async function startBot(config: Config, log: Logger): Promise<BotExit> {
  const services: Services = {};
  const bot = await createBot({ surveyPath: config.surveyPath, lockStaleMs: config.list.lockStaleMs, log, services });
  // In services before any adapter takes a command.
  const watch = startWatch(bot, config, log);
  const publishing = createPublishing(bot, watch, config, log);
  const triage = createTriage(bot, watch, config, log, publishing);
  // The list is shared: follow what maintainers, git and other curator processes write into it.
  bot.catalogue.follow({ pollMs: config.list.pollMs });
  let platforms: Platforms;
  try {
    // Settle what a crashed process left half-way before anyone can ask about it.
    await triage.recover();
    platforms = await startPlatforms(bot, config, log);
  } catch (err) {
    await watch.close();
    await bot.catalogue.close();
    throw err;
  }
  const { running, publishers } = platforms;
  const consoleOnly = running.length === 0;
  for (const p of publishers) watch.addPublisher(p);
  if (consoleOnly) watch.addPublisher(new ConsoleNewsPublisher());
  // Not awaited: a catch-up digest must not hold up the console or the signal handlers.
  void watch.startSchedule().catch((err: unknown) => log.error('arXiv watch: the schedule did not start', { error: errorMessage(err) }));
  // Stopped first (running is stopped in reverse): no digest posts to an adapter that is gone.
  running.push({ name: 'arXiv watch', stop: () => watch.close() });
  // Follows reactions on every News channel; settles interrupted decisions, then reconciles (not awaited, like the schedule).
  for (const p of watch.newsPublishers) triage.addPublisher(p);
  void triage.start().catch((err: unknown) => log.error('triage: did not start', { error: errorMessage(err) }));
  running.push({ name: 'triage', stop: () => triage.stop() });
  // After triage has settled crashed decisions (their changes queue too): sync from GitHub, then publish.
  if (publishing) {
    void triage
      .recover()
      .then(() => publishing.start())
      .catch((err: unknown) => log.error('github: publishing did not start', { error: errorMessage(err) }));
    running.push({ name: 'github publishing', stop: () => publishing.stop() });
  }

  running.push({ name: 'list follower', stop: () => bot.catalogue.close() });
  if (config.health) {
    const health = await startHealthServer({ ...config.health, log, check: () => healthOf(bot, watch, running) });
    // Stopped first: a probe sees the bot going away at once.
    running.push({ name: 'health', stop: () => health.close() });
  }

  if (consoleOnly) {
    await new ConsoleAdapter(bot).run();
    return stopAll(running, config.shutdownTimeoutMs, log);
  }

  return new Promise<BotExit>((resolve) => {
    const shutdown = (signal: string) => {
      log.info('shutting down', { signal });
      void stopAll(running, config.shutdownTimeoutMs, log).then(resolve);
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
}

/** Stops every part, last started first, within the deadline (a part that hangs does not hold the others). */
export async function stopAll(running: readonly Running[], deadlineMs: number, log: Logger): Promise<BotExit> {
  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<BotExit>((resolve) => {
    deadline = setTimeout(() => resolve('timed-out'), deadlineMs);
    deadline.unref();
  });
  const stopped = (async (): Promise<BotExit> => {
    for (const r of [...running].reverse()) {
      await r.stop().catch((err: unknown) => log.error(`${r.name}: stop failed`, { error: errorMessage(err) }));
    }
    return 'stopped';
  })();
  const exit = await Promise.race([stopped, timedOut]);
  clearTimeout(deadline);
  if (exit === 'timed-out') log.error(`shutdown did not finish within SHUTDOWN_TIMEOUT_MS (${deadlineMs} ms); exiting anyway`);
  return exit;
}

/** Every part's state for GET /healthz: the list served, the database, the watch, each platform. */
function healthOf(bot: Bot, watch: WatchService, running: readonly Running[]): Record<string, HealthPart> {
  const { status } = bot.catalogue;
  const parts: Record<string, HealthPart> = {
    list: {
      ok: !status.reloadError,
      file: status.file,
      entries: bot.catalogue.catalogue.entries.length,
      loadedAt: new Date(status.loadedAt).toISOString(),
      ...(status.reloadError && { reloadError: status.reloadError.message }),
    },
    database: databaseHealth(watch.db),
    watch: watch.health(),
  };
  for (const r of running) if (r.health) parts[r.name] = r.health();
  return parts;
}

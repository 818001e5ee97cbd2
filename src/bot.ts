import { type LiveCatalogue, openCatalogue } from './search/live-catalogue.js';
import type { Caller } from './core/caller.js';
import type { CommandContext } from './core/context.js';
import type { Logger } from './core/logger.js';
import { Registry } from './core/registry.js';
import type { Services } from './core/services.js';

/**
 * What every adapter is handed: the commands, the live list, optional services and a logger.
 * Adapters turn platform events into `registry.run*(…, bot.context(caller))` and render the Reply.
 * main.ts sets the running services (watch, triage, stats) on `services` before adapters start.
 */
export interface Bot {
  registry: Registry;
  catalogue: LiveCatalogue;
  services: Services;
  log: Logger;
  context(caller: Caller): CommandContext;
}

export interface BotOptions {
  surveyPath: string;
  /** LIST_LOCK_STALE_MS (default 10 s): see catalogue/list-lock.ts. */
  lockStaleMs?: number;
  log: Logger;
  services?: Services;
  registry?: Registry;
}

/** Loads the list and the commands; fails loudly (naming the file) when either is broken. */
export async function createBot(options: BotOptions): Promise<Bot> {
  const [catalogue, registry] = await Promise.all([openCatalogue(options.surveyPath, { log: options.log, lock: { staleMs: options.lockStaleMs } }), options.registry ?? Registry.load()]);
  const services = options.services ?? {};
  const commands = registry.info();
  return {
    registry,
    catalogue,
    services,
    log: options.log,
    context: (caller) => ({ ...services, catalogue, caller, commands, log: options.log }),
  };
}

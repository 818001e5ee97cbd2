import type { Caller } from './caller.js';
import type { CatalogueCapability } from './list.js';
import type { Logger } from './logger.js';
import type { OptionSpec } from './option-spec.js';
import type { Services } from './services.js';

/** A registered command as `help` describes it (the registry fills it from the command's definition). */
export interface CommandInfo {
  name: string;
  description: string;
  options: readonly OptionSpec[];
  maintainersOnly: boolean;
  examples: readonly string[];
}

/**
 * Everything a command may use. Commands never see the platform client. The optional services
 * ({@link Services}: watch, triage, stats) are present when the bot runs them.
 */
export interface CommandContext extends Services {
  /** The live list and its search index (updates when an approval writes the list). */
  catalogue: CatalogueCapability;
  caller: Caller;
  /** Every registered command (for `help`). */
  commands: readonly CommandInfo[];
  log: Logger;
}

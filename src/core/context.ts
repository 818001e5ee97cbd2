import type { LiveCatalogue } from '../search/live-catalogue.js';
import type { Command } from './command.js';
import type { Logger } from './logger.js';
import type { Services } from './services.js';

export type Platform = 'console' | 'cli' | 'discord' | 'slack';

/** Who is asking. Adapters fill it from the platform's own identity. */
export interface Caller {
  platform: Platform;
  /** Platform user id (Discord snowflake, Slack `U…`, `console`). */
  id: string;
  name?: string;
  /** Maintainers may triage; adapters decide from roles/user lists in config. */
  isMaintainer: boolean;
}

/** Everything a command may use. Commands never see the platform client. */
export interface CommandContext {
  /** The live list and its search index (updates when an approval writes the list). */
  catalogue: LiveCatalogue;
  caller: Caller;
  services: Services;
  /** Every registered command (for `help`). */
  commands: readonly Command[];
  log: Logger;
}

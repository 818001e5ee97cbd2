import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';

export interface CliRun {
  config: Config;
  log: Logger;
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  stdout: NodeJS.WritableStream;
}

/** One `curator` sub-command: its flags (node:util parseArgs), usage line, and what it does. */
export interface CliCommand {
  usage: string;
  summary: string;
  flags?: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the process exit code. */
  run(args: CliRun): Promise<number>;
}

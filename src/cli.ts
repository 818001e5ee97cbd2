#!/usr/bin/env node
import { parseArgs } from 'node:util';
import path from 'node:path';
import { type Config, ConfigError, loadConfig, loadDotEnv } from './config.js';
import { createLogger } from './core/logger.js';
import { CLI_COMMANDS } from './cli/commands.js';
import { errorMessage, errorStack } from './core/errors.js';

/**
 * `curator <command>`: start | ask | catalogue | import | export | poll | digest | github | relevance | help.
 * Each command lives in src/cli/; this file only parses the line and maps failures to an exit code.
 */
async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const command = CLI_COMMANDS[name];
  if (!command) {
    process.stderr.write(`curator: unknown command "${name}". Commands: ${Object.keys(CLI_COMMANDS).join(', ')}\n`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.flags ?? {}, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`curator ${name}: ${errorMessage(err)}\nUsage: curator ${command.usage}\n`);
    return 2;
  }
  try {
    loadDotEnv();
    const config = loadConfig();
    const log = createLogger({ level: config.logLevel, format: config.logFormat, file: logFileFor(name, config), secrets: config.secrets });
    return await command.run({ config, log, values: parsed.values, positionals: parsed.positionals, stdout: process.stdout });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 78; // EX_CONFIG
    }
    process.stderr.write(`curator ${name}: ${errorMessage(err)}\n`);
    return 1;
  }
}

/**
 * Where logs go: LOG_FILE when set; for the console bot in a terminal, a file in DATA_DIR (log lines
 * printed to the same terminal would land between replies); else stderr.
 */
function logFileFor(command: string, config: Config): string | undefined {
  if (config.logFile) return config.logFile;
  const consoleBot = command === 'start' && !config.discord && !config.slack;
  return consoleBot && process.stdin.isTTY && process.stdout.isTTY ? path.join(config.dataDir, 'curator.log') : undefined;
}

// `curator poll --json | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`curator: ${errorStack(err)}\n`);
    process.exitCode = 1;
  },
);

import { askCommand } from './ask.js';
import { digestCommand } from './digest.js';
import { githubCommand } from './github.js';
import { catalogueCommand, exportCommand, importCommand } from './list-file.js';
import { pollCommand } from './poll.js';
import { relevanceCommand } from './relevance.js';
import { startCommand } from './start.js';
import type { CliCommand } from './types.js';

/** Every `curator` sub-command by name. */
export const CLI_COMMANDS: Record<string, CliCommand> = {
  start: startCommand,
  ask: askCommand,
  catalogue: catalogueCommand,
  import: importCommand,
  export: exportCommand,
  poll: pollCommand,
  digest: digestCommand,
  github: githubCommand,
  relevance: relevanceCommand,
  help: {
    usage: 'help',
    summary: 'This list.',
    async run({ stdout }) {
      stdout.write('curator — the vlm-curator command line\n\n');
      for (const c of Object.values(CLI_COMMANDS)) stdout.write(`  curator ${c.usage.padEnd(42)} ${c.summary}\n`);
      return 0;
    },
  },
};

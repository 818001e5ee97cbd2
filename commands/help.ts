import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { didYouMean } from '../src/core/did-you-mean.js';
import { usageLine } from '../src/core/option-spec.js';

export default defineCommand({
  name: 'help',
  description: 'What the bot can do; `help <command>` for one command’s options.',
  options: z.object({
    command: z.string().max(32).optional().describe('A command name, e.g. search'),
  }),
  positional: ['command'],
  run({ command }, ctx) {
    if (command) {
      const c = ctx.commands.find((x) => x.name === command.toLowerCase().replace(/^\/?vlm\s+/, ''));
      if (!c) throw new UserError('unknown-command', `There is no command "${command}".${didYouMean(command, ctx.commands.map((x) => x.name))} Try \`help\`.`);
      const { options } = c;
      const usage = usageLine(c.name, options);
      return {
        title: `/vlm ${c.name}`,
        text: [c.description, '', `Usage: /vlm ${usage}`, ...(c.examples.length ? ['', 'Examples:', ...c.examples.map((e) => `  /vlm ${e}`)] : [])].join('\n'),
        fields: options.map((o) => ({ name: o.positional ? o.name : `--${o.name}`, value: o.description + (o.defaultValue !== undefined ? ` (default ${String(o.defaultValue)})` : '') })),
        ephemeral: true,
      };
    }
    const visible = ctx.commands.filter((c) => !c.maintainersOnly || ctx.caller.isMaintainer);
    return {
      title: 'vlm-curator commands',
      text: visible.map((c) => `/vlm ${c.name} — ${c.description}`).join('\n') + '\n\n`help <command>` shows a command’s options. Options: `--year 2022` or `year:2022`.',
      ephemeral: true,
    };
  },
});

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { parseArgs, splitWords } from './argv.js';
import type { Command } from './command.js';
import type { CommandContext, CommandInfo } from './context.js';
import { errorMessage, errorStack, isUserError, machineTrouble, UserError } from './errors.js';
import { didYouMean } from './did-you-mean.js';
import { packageLayout } from './package-root.js';
import { type OptionSpec, usageLine } from './option-spec.js';
import { describeOptions } from './options.js';
import { Pager } from './pager.js';
import type { Reply } from './reply.js';

/** One file per command: `commands/*.ts` beside the sources, compiled to `dist/commands/*.js` in the build. */
export const COMMANDS_DIR = commandsDir();

function commandsDir(): string {
  const { root, built } = packageLayout();
  return path.join(root, ...(built ? ['dist', 'commands'] : ['commands']));
}

/** A command file is malformed; start-up stops and names the file. */
export class CommandDefinitionError extends Error {
  override name = 'CommandDefinitionError';
}

/** The prefix users type in chat and the console (`/vlm search clip`); optional everywhere. */
const PREFIX = /^\s*\/?vlm\b\s*/i;

/**
 * All commands, loaded and validated once at start. The registry is where every platform runs a
 * command and where errors are mapped, once: a UserError becomes a short ephemeral reply; anything
 * else is logged once with the command and a reference id, and the user gets one plain line.
 */
export class Registry {
  private readonly commands = new Map<string, Command>();
  private readonly specs = new Map<string, OptionSpec[]>();
  readonly pager = new Pager();

  private constructor(commands: Command[]) {
    for (const c of commands) {
      this.commands.set(c.name, c);
      this.specs.set(c.name, describeOptions(c));
    }
  }

  /** Imports every command file in `dir` (default `commands/`). Throws naming the first bad file. */
  static async load(dir = COMMANDS_DIR): Promise<Registry> {
    const files = (await fs.readdir(dir)).filter((f) => /\.(ts|js|mjs)$/.test(f) && !/\.(test|d)\.ts$/.test(f)).sort();
    const commands: Command[] = [];
    for (const file of files) {
      const where = path.join(path.basename(dir), file);
      let mod: { default?: unknown };
      try {
        mod = await import(pathToFileURL(path.join(dir, file)).href);
      } catch (err) {
        throw new CommandDefinitionError(`core/registry: ${where} failed to load: ${errorMessage(err)}`);
      }
      commands.push(validateCommand(mod.default, where, file.replace(/\.(ts|js|mjs)$/, '')));
    }
    return Registry.from(commands);
  }

  /** A registry of the given commands (validated like files are). */
  static from(commands: Command[]): Registry {
    const seen = new Set<string>();
    for (const c of commands) {
      validateCommand(c, `command "${c?.name}"`);
      if (seen.has(c.name)) throw new CommandDefinitionError(`core/registry: two commands are named "${c.name}"`);
      seen.add(c.name);
    }
    return new Registry(commands);
  }

  list(): Command[] {
    return [...this.commands.values()];
  }

  /** Every command as `help` describes it (the `commands` of a CommandContext). */
  info(): CommandInfo[] {
    return this.list().map((c) => ({ name: c.name, description: c.description, options: this.options(c.name), maintainersOnly: c.maintainersOnly ?? false, examples: c.examples ?? [] }));
  }

  get(name: string): Command | undefined {
    return this.commands.get(name);
  }

  /** Option specs of a command (the shape adapters build platform options from). */
  options(name: string): OptionSpec[] {
    return this.specs.get(name) ?? [];
  }

  /** Runs a text command line: `/vlm search clip --year 2022`, `search clip`, `help`. Never throws. */
  runLine(line: string, ctx: CommandContext): Promise<Reply> {
    return this.guard('line', ctx, async () => {
      const words = splitWords(line.replace(PREFIX, ''));
      const name = (words.shift() ?? 'help').toLowerCase();
      return this.execute(this.command(name), parseArgs(words, this.options(name), name), ctx);
    });
  }

  /** Runs a command with already-typed option values (Discord, tests). Never throws. */
  run(name: string, raw: Record<string, unknown>, ctx: CommandContext): Promise<Reply> {
    return this.guard(name, ctx, async () => this.execute(this.command(name), raw, ctx));
  }

  /** The page a paging token names. Never throws; an outlived token gets a polite reply. */
  more(token: string, ctx: CommandContext): Promise<Reply> {
    return this.guard('more', ctx, async () => this.pager.turn(token));
  }

  /** The command called `name`; a UserError suggesting the closest name when there is none. */
  private command(name: string): Command {
    const command = this.commands.get(name);
    if (!command) throw new UserError('unknown-command', `There is no command "${name}".${didYouMean(name, this.commands.keys())} Try \`help\`.`);
    return command;
  }

  private async execute(command: Command, raw: Record<string, unknown>, ctx: CommandContext): Promise<Reply> {
    if (command.maintainersOnly && !ctx.caller.isMaintainer) {
      throw new UserError('not-maintainer', `Only the list's maintainers can use \`${command.name}\`.`);
    }
    const parsed = command.options.safeParse(dropUndefined(raw));
    if (!parsed.success) throw new UserError('bad-option', describeIssues(parsed.error, command, this.options(command.name), raw));
    const reply = await command.run(parsed.data, ctx);
    return this.pager.first(reply);
  }

  private async guard(label: string, ctx: CommandContext, fn: () => Promise<Reply>): Promise<Reply> {
    try {
      return await fn();
    } catch (err) {
      if (isUserError(err)) return { status: 'user-error', errorCode: err.code, text: err.message, ephemeral: true };
      const ref = randomBytes(4).toString('hex');
      ctx.log.error('command failed', { command: label, ref, platform: ctx.caller.platform, error: errorStack(err) });
      const trouble = machineTrouble(err);
      const text = trouble ? `${trouble} (ref ${ref})` : `Sorry, something went wrong on our side (ref ${ref}).`;
      return { status: 'error', errorCode: trouble ? 'machine' : 'internal', text, ephemeral: true };
    }
  }
}

function dropUndefined(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== null));
}

/**
 * Zod's issues in the words a chat user expects: which option, what it takes, and how the command
 * is typed (with an example when the command has one). A missing option is one sentence, not a
 * validator's message.
 */
function describeIssues(error: z.ZodError, command: Command, specs: readonly OptionSpec[], raw: Record<string, unknown>): string {
  let missing = false;
  const problems = error.issues.map((issue) => {
    const key = issue.path.length ? String(issue.path[0]) : undefined;
    const spec = specs.find((s) => s.name === key);
    if (!spec) return `\`${command.name}\`: ${issue.message}.`;
    if (raw[spec.name] !== undefined && raw[spec.name] !== null) return `--${spec.name} ${explainIssue(issue)}`;
    missing = true;
    const choices = spec.choices && !spec.description.includes(spec.choices[0]!) ? ` (one of ${spec.choices.join(', ')})` : '';
    return `\`${command.name}\` needs ${spec.positional ? `<${spec.name}>` : `--${spec.name}`}: ${spec.description}${choices}.`;
  });
  if (!missing) return problems.join(' ');
  const example = command.examples?.length ? `, e.g. \`${command.examples[0]}\`` : '';
  return `${problems.join(' ')} Usage: \`${usageLine(command.name, specs)}\`${example}.`;
}

/** Zod's issues in the words a chat user expects. */
function explainIssue(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { origin?: string; maximum?: number | bigint; minimum?: number | bigint; values?: unknown[] };
  const chars = i.origin === 'string' ? ' characters' : '';
  if (i.code === 'too_big') return i.origin === 'string' ? `is too long: at most ${i.maximum}${chars}.` : `must be at most ${i.maximum}.`;
  if (i.code === 'too_small') return i.origin === 'string' ? `needs at least ${i.minimum}${chars}.` : `must be at least ${i.minimum}.`;
  if (i.code === 'invalid_value' && i.values) return `must be one of: ${i.values.join(', ')}.`;
  return `is not valid: ${i.message.replace(/^Invalid input: /, '')}.`;
}

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

function validateCommand(value: unknown, where: string, expectedName?: string): Command {
  const fail = (why: string): never => {
    throw new CommandDefinitionError(`core/registry: ${where}: ${why}`);
  };
  if (!value || typeof value !== 'object') return fail('must `export default defineCommand({ name, description, options, run })`');
  const c = value as Partial<Command>;
  if (typeof c.name !== 'string' || !NAME.test(c.name)) fail('name must be lower-case letters, digits or dashes (≤ 32)');
  if (expectedName && c.name !== expectedName) fail(`name "${c.name}" must match the file name "${expectedName}"`);
  if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 100) fail('description must be 1–100 characters (it is the help text and Discord’s limit)');
  if (!(c.options instanceof z.ZodObject)) fail('options must be a z.object({...})');
  if (typeof c.run !== 'function') fail('run must be a function returning a Reply');
  let specs: OptionSpec[] = [];
  try {
    specs = describeOptions(c as Command);
  } catch (err) {
    fail(errorMessage(err));
  }
  for (const s of specs) {
    if (!NAME.test(s.name)) fail(`option "${s.name}" must be lower-case letters, digits or dashes (≤ 32)`);
    if (s.description.length > 100) fail(`option "${s.name}" description is over 100 characters`);
  }
  for (const p of c.positional ?? []) if (!specs.some((s) => s.name === p)) fail(`positional "${String(p)}" is not an option`);
  return c as Command;
}

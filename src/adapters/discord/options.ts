import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command } from '../../core/command.js';
import type { OptionSpec } from '../../core/option-spec.js';
import type { Registry } from '../../core/registry.js';
import { LIMITS } from './limits.js';

/** The one chat-input command every subcommand hangs under: `/vlm search …`, `/vlm paper …`. */
export const ROOT_COMMAND = 'vlm';
const ROOT_DESCRIPTION = 'Search the Awesome Vision-Language Models list and follow new papers.';

/** The registry cannot be expressed as Discord commands (too many commands or options). */
export class DiscordCommandShapeError extends Error {
  override name = 'DiscordCommandShapeError';
}

const OPTION_TYPE: Record<OptionSpec['type'], ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
};

/**
 * One option spec as Discord option JSON: type, description, required flag, choices (enums of
 * ≤ 25 values), `min_length`/`max_length` on strings, `min_value`/`max_value` on numbers, and
 * `autocomplete` for options that name a catalogue item (Discord forbids it together with choices).
 */
export function optionJson(spec: OptionSpec): APIApplicationCommandBasicOption {
  const option: Record<string, unknown> = {
    type: OPTION_TYPE[spec.type],
    name: spec.name,
    description: spec.description.slice(0, LIMITS.commandDescription),
    required: spec.required,
  };
  const choices = spec.choices && spec.choices.length <= LIMITS.choices ? spec.choices : undefined;
  if (choices) option.choices = choices.map((c) => ({ name: c.slice(0, LIMITS.choiceName), value: c }));
  else if (spec.complete) option.autocomplete = true;
  if (spec.type === 'string') {
    if (spec.minLength !== undefined) option.min_length = Math.min(spec.minLength, LIMITS.stringOptionLength);
    if (spec.maxLength !== undefined) option.max_length = Math.min(spec.maxLength, LIMITS.stringOptionLength);
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    if (spec.min !== undefined) option.min_value = spec.min;
    if (spec.max !== undefined) option.max_value = spec.max;
  }
  return option as unknown as APIApplicationCommandBasicOption;
}

/** A command as a `/vlm` subcommand; Discord wants required options before optional ones. */
export function subcommandJson(command: Command, specs: readonly OptionSpec[]): APIApplicationCommandSubcommandOption {
  if (specs.length > LIMITS.optionsPerCommand) {
    throw new DiscordCommandShapeError(`discord: command "${command.name}" has ${specs.length} options; Discord allows ${LIMITS.optionsPerCommand}`);
  }
  const ordered = [...specs.filter((s) => s.required), ...specs.filter((s) => !s.required)];
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: command.name,
    description: command.description,
    options: ordered.map(optionJson),
  };
}

/**
 * The application command JSON `deploy` PUTs: one guild-only `/vlm` chat-input command whose
 * subcommands are the registry's commands, in registry order. Pure: same registry, same JSON.
 */
export function buildCommandJson(registry: Registry): RESTPutAPIApplicationCommandsJSONBody {
  const commands = registry.list();
  if (commands.length > LIMITS.optionsPerCommand) {
    throw new DiscordCommandShapeError(`discord: ${commands.length} commands; one Discord command holds at most ${LIMITS.optionsPerCommand} subcommands`);
  }
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: ROOT_COMMAND,
      description: ROOT_DESCRIPTION,
      // The bot reads member roles (maintainers) and posts in a server's channels: servers only.
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      options: commands.map((c) => subcommandJson(c, registry.options(c.name))),
    },
  ];
}

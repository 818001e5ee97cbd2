import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import type { Bot } from '../../bot.js';
import type { Reply } from '../../core/reply.js';
import { completions } from './autocomplete.js';
import { callerFrom } from './caller.js';
import { ROOT_COMMAND } from './options.js';
import { isOurButton, pageTokenFrom } from './paging.js';
import { NO_MENTIONS, sendable } from './outgoing.js';
import { renderReply } from './render.js';
import { errorMessage } from '../../core/errors.js';

const STALE_BUTTON = 'That button belongs to an old result — please run the search again.';

/** What the interaction handlers need: the bot and who counts as a maintainer. */
export interface InteractionDeps {
  bot: Bot;
  maintainerRoleIds: readonly string[];
}

/**
 * The `interactionCreate` listener: `/vlm …` commands, autocomplete and page buttons.
 *
 * Acknowledging: a command is deferred before any work (Discord allows 3 seconds) — publicly,
 * because most answers are results for the channel. Whether the answer is ephemeral is only known
 * after the command ran (a user error, a bug, help), and a deferred public reply cannot become
 * ephemeral; so such an answer replaces the "thinking…" placeholder (deleted) with an ephemeral
 * follow-up. Page buttons are deferred as updates and the message is edited in place.
 * Failures here are transport failures (the command's own errors were mapped by the registry):
 * each is logged once.
 */
export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) await answerCommand(interaction, deps);
      else if (interaction.isAutocomplete()) await answerAutocomplete(interaction, deps);
      else if (interaction.isButton()) await answerButton(interaction, deps);
    } catch (err) {
      deps.bot.log.error('discord: could not answer an interaction', {
        interaction: interaction.id,
        type: interaction.type,
        code: (err as { code?: unknown }).code,
        error: errorMessage(err),
      });
    }
  };
}

async function answerCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  if (interaction.commandName !== ROOT_COMMAND) return;
  await interaction.deferReply();
  const name = interaction.options.getSubcommand(false) ?? 'help';
  const reply = await deps.bot.registry.run(name, optionValues(interaction), contextFor(interaction, deps));
  const message = renderReply(reply);
  if (reply.ephemeral) {
    // The answer first, then the placeholder goes: if the delete fails, the user still has it.
    await interaction.followUp({ ...sendable(message), flags: MessageFlags.Ephemeral });
    await interaction.deleteReply();
  } else {
    await interaction.editReply(sendable(message));
  }
}

async function answerAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const name = interaction.options.getSubcommand(false);
  const focused = interaction.options.getFocused(true);
  const spec = name ? deps.bot.registry.options(name).find((s) => s.name === focused.name) : undefined;
  // An option without a completion source never asks (no `autocomplete` flag); answer empty anyway.
  const choices = spec?.complete ? completions(deps.bot.catalogue, spec.complete, String(focused.value ?? '')) : [];
  await interaction.respond(choices);
}

async function answerButton(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  if (!isOurButton(interaction.customId)) return;
  const token = pageTokenFrom(interaction.customId);
  if (!token) {
    await interaction.reply({ content: STALE_BUTTON, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.deferUpdate();
  const reply = await deps.bot.registry.more(token, contextFor(interaction, deps));
  if (isFailure(reply)) {
    // Only the person who clicked hears about it; the dead buttons come off the shared message.
    await interaction.followUp({ ...sendable(renderReply(reply)), components: [], flags: MessageFlags.Ephemeral });
    if (reply.errorCode === 'page-expired') await interaction.editReply({ components: [], allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.editReply(sendable(renderReply(reply)));
}

function contextFor(interaction: ChatInputCommandInteraction | ButtonInteraction, deps: InteractionDeps) {
  return deps.bot.context(callerFrom(interaction.user, interaction.member, deps.maintainerRoleIds));
}

/** The subcommand's option values by name, as Discord typed them (string, number, boolean). */
function optionValues(interaction: ChatInputCommandInteraction): Record<string, unknown> {
  const sub = interaction.options.data.find((o) => o.options);
  return Object.fromEntries((sub?.options ?? []).map((o) => [o.name, o.value]));
}

function isFailure(reply: Reply): boolean {
  return reply.status === 'user-error' || reply.status === 'error';
}

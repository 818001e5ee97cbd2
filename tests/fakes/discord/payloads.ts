/**
 * Gateway payloads the fake sends on a user's behalf, shaped like Discord's (see the captured and
 * documented examples in ../shared/fixtures/chat/discord/): INTERACTION_CREATE for a chat-input
 * command, an autocomplete request and a button click; MESSAGE_REACTION_ADD/REMOVE.
 */
import { randomBytes } from 'node:crypto';
import type { FakeChannel, FakeMember, FakeMessage, FakeState } from './state.js';
import { emojiJson } from './state.js';

export const INTERACTION = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4 } as const;
const OPTION = { Subcommand: 1, String: 3, Integer: 4, Boolean: 5, Number: 10 } as const;

export type OptionValues = Record<string, string | number | boolean>;

function envelope(state: FakeState, type: number, who: FakeMember, channel: FakeChannel): Record<string, unknown> {
  return {
    id: state.nextId(),
    application_id: state.application.id,
    type,
    token: `aW50ZXJhY3Rpb24${randomBytes(24).toString('base64url')}`,
    version: 1,
    guild_id: state.guild.id,
    guild: { id: state.guild.id, locale: 'en-US', features: [] },
    channel: { id: channel.id, type: channel.type, name: channel.name, guild_id: state.guild.id, parent_id: channel.parent_id ?? null, flags: 0 },
    channel_id: channel.id,
    member: { ...who, permissions: '2248473465835073', premium_since: null, avatar: null, communication_disabled_until: null, unusual_dm_activity_until: null },
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { '0': state.guild.id },
    context: 0,
    attachment_size_limit: 10485760,
  };
}

/**
 * The option's type as registered (Discord only sends registered options); when nothing is
 * registered yet, from the JavaScript value.
 */
function optionType(state: FakeState, command: string, sub: string, name: string, value: unknown): number {
  for (const commands of state.commands.values()) {
    const root = commands.find((c) => c.name === command);
    const subcommand = (root?.options as Record<string, unknown>[] | undefined)?.find((o) => o.name === sub);
    const option = (subcommand?.options as Record<string, unknown>[] | undefined)?.find((o) => o.name === name);
    if (option) return option.type as number;
  }
  if (typeof value === 'boolean') return OPTION.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OPTION.Integer : OPTION.Number;
  return OPTION.String;
}

function commandData(state: FakeState, command: string, sub: string, values: OptionValues, focused?: string) {
  const registered = [...state.commands.values()].flat().find((c) => c.name === command);
  return {
    id: (registered?.id as string | undefined) ?? state.nextId(),
    name: command,
    type: 1,
    options: [
      {
        type: OPTION.Subcommand,
        name: sub,
        options: Object.entries(values).map(([name, value]) => ({
          type: optionType(state, command, sub, name, value),
          name,
          value,
          ...(name === focused ? { focused: true } : {}),
        })),
      },
    ],
  };
}

/** `/command sub name:value …` typed by `who` in `channel`. */
export function chatInputInteraction(state: FakeState, who: FakeMember, channel: FakeChannel, command: string, sub: string, values: OptionValues) {
  return { ...envelope(state, INTERACTION.ApplicationCommand, who, channel), data: commandData(state, command, sub, values) };
}

/** `who` typing into option `focused` (its partial text in `values`). */
export function autocompleteInteraction(state: FakeState, who: FakeMember, channel: FakeChannel, command: string, sub: string, values: OptionValues, focused: string) {
  return { ...envelope(state, INTERACTION.Autocomplete, who, channel), data: commandData(state, command, sub, values, focused) };
}

/** `who` clicking the button `customId` on `message`. */
export function buttonInteraction(state: FakeState, who: FakeMember, channel: FakeChannel, message: FakeMessage, customId: string) {
  return {
    ...envelope(state, INTERACTION.MessageComponent, who, channel),
    data: { component_type: 2, custom_id: customId },
    message: state.messageJson(message),
  };
}

/** MESSAGE_REACTION_ADD (with the member, as Discord sends in servers) or _REMOVE (without). */
export function reactionEvent(state: FakeState, message: FakeMessage, emoji: string, who: FakeMember, added: boolean) {
  const base = {
    user_id: who.user.id,
    channel_id: message.channel_id,
    message_id: message.id,
    guild_id: state.guild.id,
    emoji: emojiJson(emoji),
    burst: false,
    type: 0,
  };
  return added ? { ...base, member: who, message_author_id: message.author.id, burst_colors: [] } : base;
}

import type { InteractionEditReplyOptions, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { DiscordMessage } from './render.js';

/**
 * How a rendered message leaves the bot. Every message — interaction replies, follow-ups, News
 * posts and edits — goes with mentions disabled: text from arXiv or the list can say `@everyone`.
 */
export const NO_MENTIONS = { parse: [] as never[] };

/** As discord.js interaction options (reply, editReply, followUp). */
export function sendable(message: DiscordMessage): InteractionEditReplyOptions & { content: string } {
  return { content: message.content, embeds: message.embeds, components: message.components, allowedMentions: NO_MENTIONS };
}

/** As a REST body for `POST/PATCH /channels/:id/messages[/:id]`. */
export function restBody(message: DiscordMessage): RESTPostAPIChannelMessageJSONBody {
  return { content: message.content, embeds: message.embeds, components: message.components, allowed_mentions: NO_MENTIONS };
}

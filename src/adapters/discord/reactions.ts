import {
  type APIEmoji,
  type Client,
  GatewayDispatchEvents,
  type GatewayMessageReactionAddDispatchData,
  type GatewayMessageReactionRemoveDispatchData,
} from 'discord.js';
import { type ReactionEvent, voteFromEmoji } from '../../core/publisher.js';
import type { Logger } from '../../core/logger.js';
import { hasMaintainerRole } from './caller.js';
import { errorMessage } from '../../core/errors.js';

/** Unicode emoji as is; a custom emoji as `name:id` (how Discord's REST routes name it). */
export function emojiText(emoji: Pick<APIEmoji, 'id' | 'name'>): string {
  return emoji.id ? `${emoji.name ?? ''}:${emoji.id}` : (emoji.name ?? '');
}

export interface ReactionWatch {
  maintainerRoleIds: readonly string[];
  /** Maintainer check for a user whose roles the event does not carry (removals). */
  isMaintainer(userId: string, guildId?: string): Promise<boolean>;
  emit(event: ReactionEvent): void;
  log: Logger;
}

/**
 * Turns the gateway's MESSAGE_REACTION_ADD/REMOVE into ReactionEvents, for every message — also
 * ones the client never cached. It listens to the gateway dispatch (`client.ws`) rather than discord.js' reaction events:
 * discord.js drops a reaction whose guild channel is not in its cache (a thread from before a
 * restart) even with `Partials.Channel`, because it cannot build a partial guild channel.
 *
 * Events are emitted in arrival order: a removal waits for its maintainer lookup (its payload has
 * no member), and an add that arrives meanwhile waits behind it, so add/remove never swap.
 * Returns a function that stops watching.
 */
export function watchReactions(client: Client, watch: ReactionWatch): () => void {
  let queue: Promise<void> = Promise.resolve();
  const handle = (added: boolean) => (data: GatewayMessageReactionAddDispatchData | GatewayMessageReactionRemoveDispatchData) => {
    queue = queue
      .then(async () => watch.emit(await toEvent(client, watch, data, added)))
      .catch((err) => watch.log.warn('discord: a reaction could not be read', { message: data.message_id, error: errorMessage(err) }));
  };
  const onAdd = handle(true);
  const onRemove = handle(false);
  client.ws.on(GatewayDispatchEvents.MessageReactionAdd, onAdd);
  client.ws.on(GatewayDispatchEvents.MessageReactionRemove, onRemove);
  return () => {
    client.ws.off(GatewayDispatchEvents.MessageReactionAdd, onAdd);
    client.ws.off(GatewayDispatchEvents.MessageReactionRemove, onRemove);
  };
}

async function toEvent(
  client: Client,
  watch: ReactionWatch,
  data: GatewayMessageReactionAddDispatchData | GatewayMessageReactionRemoveDispatchData,
  added: boolean,
): Promise<ReactionEvent> {
  const emoji = emojiText(data.emoji);
  const isSelf = data.user_id === client.user?.id;
  let isMaintainer = false;
  if (!isSelf && data.guild_id) {
    const member = 'member' in data ? data.member : undefined;
    isMaintainer = member ? hasMaintainerRole(member, watch.maintainerRoleIds) : await watch.isMaintainer(data.user_id, data.guild_id);
  }
  const vote = voteFromEmoji(emoji);
  return {
    platform: 'discord',
    channelId: data.channel_id,
    messageId: data.message_id,
    userId: data.user_id,
    emoji,
    ...(vote ? { vote } : {}),
    added,
    isMaintainer,
    isSelf,
  };
}

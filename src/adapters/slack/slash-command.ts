import { setImmediate } from 'node:timers/promises';
import type { App, BlockButtonAction, RespondArguments, RespondFn } from '@slack/bolt';
import type { Bot } from '../../bot.js';
import type { Logger } from '../../core/logger.js';
import type { Reply } from '../../core/reply.js';
import type { SlackMaintainers } from './caller.js';
import { decodeSlackText } from './escape.js';
import { PAGE_ACTION_PATTERN, renderReply } from './render.js';
import { errorMessage } from '../../core/errors.js';

/** The one slash command; every command in `commands/` is a word after it. */
export const SLASH_COMMAND = '/vlm';

/**
 * Who sees a reply. Errors, user errors and replies a command marks `ephemeral` (help) go only to
 * the asker; results go to the channel (`in_channel`), because sharing a paper or a search with
 * the conversation is why one looks it up in a channel. Paging then updates that shared message.
 */
export function responseType(reply: Reply): 'ephemeral' | 'in_channel' {
  return reply.ephemeral || (reply.status !== undefined && reply.status !== 'ok') ? 'ephemeral' : 'in_channel';
}

/**
 * Registers `/vlm …` and the paging buttons. Both acknowledge first (Slack allows 3 seconds), then
 * run the command through the registry (which never throws and maps errors once) and answer
 * through `respond()` — the interaction's `response_url`.
 */
export function registerSlashCommand(app: App, bot: Bot, maintainers: SlackMaintainers, log: Logger, command = SLASH_COMMAND): void {
  app.command(command, async ({ command: body, ack, respond }) => {
    await ack();
    // The command's work waits for the next turn of the event loop: requests already received
    // (a burst of them) are acknowledged first, each within Slack's 3 seconds.
    await setImmediate();
    const reply = await bot.registry.runLine(decodeSlackText(body.text ?? ''), bot.context(maintainers.caller(body.user_id, body.user_name)));
    await deliver(respond, { ...renderReply(reply), response_type: responseType(reply) }, log);
  });

  app.action<BlockButtonAction>({ type: 'block_actions', action_id: PAGE_ACTION_PATTERN }, async ({ ack, action, body, respond }) => {
    await ack();
    await setImmediate();
    const caller = maintainers.caller(body.user.id, body.user.username ?? body.user.name);
    const reply = await bot.registry.more(action.value ?? '', bot.context(caller));
    if (reply.status === 'user-error' || reply.status === 'error') {
      // A stale button: tell the clicker privately and leave the results message as it was.
      await deliver(respond, { ...renderReply(reply), response_type: 'ephemeral', replace_original: false }, log);
      return;
    }
    await deliver(respond, { ...renderReply(reply), replace_original: true }, log);
  });
}

async function deliver(respond: RespondFn, message: RespondArguments, log: Logger): Promise<void> {
  try {
    await respond(message);
  } catch (err) {
    // The response_url expired (30 minutes) or Slack is unreachable; the user can simply ask again.
    log.warn('slack: could not deliver a reply', { error: errorMessage(err) });
  }
}

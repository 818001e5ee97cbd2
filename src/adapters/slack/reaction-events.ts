import type { App } from '@slack/bolt';
import type { SlackNewsPublisher, SlackReactionEvent } from './publisher.js';

/**
 * Forwards `reaction_added`/`reaction_removed` to the publisher's listeners (triage). Every
 * reaction is forwarded, the bot's own included (marked `isSelf`), because deciding what counts
 * is triage's job; the app is built with Bolt's `ignoreSelf` off so the bot's reactions arrive.
 */
export function registerReactionEvents(app: App, publisher: SlackNewsPublisher): void {
  app.event('reaction_added', async ({ event, body }) => {
    publisher.emit(event as SlackReactionEvent, true, body.event_id);
  });
  app.event('reaction_removed', async ({ event, body }) => {
    publisher.emit(event as SlackReactionEvent, false, body.event_id);
  });
}

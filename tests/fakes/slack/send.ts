/**
 * Sends requests to a Slack app's Request URL the way Slack does: slash commands and interactions
 * as form posts (`payload=<json>` for interactions), Events API callbacks as JSON, each signed
 * (see sign.ts). Options break one thing at a time: the timestamp, the signature, retry headers.
 */
import { signSlackRequest, slackTimestamp } from './sign.js';

export interface SendOptions {
  /** Header timestamp (default now). */
  timestamp?: string;
  /** Sign with this secret instead of the right one. */
  secret?: string;
  /** Replace the computed signature. */
  signature?: string;
  /** Extra headers (e.g. `x-slack-retry-num`). */
  headers?: Record<string, string>;
}

export interface SentResponse {
  status: number;
  body: string;
}

export interface SlashCommandFields {
  text: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  response_url: string;
  command?: string;
}

export class SlackSender {
  constructor(
    readonly url: string,
    private readonly signingSecret: string,
  ) {}

  /** POSTs `body` with Slack's signature headers. */
  async raw(body: string, contentType: string, options: SendOptions = {}): Promise<SentResponse> {
    const signed = signSlackRequest(options.secret ?? this.signingSecret, body, options.timestamp ?? slackTimestamp());
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...signed,
        ...(options.signature ? { 'x-slack-signature': options.signature } : {}),
        ...options.headers,
      },
      body,
    });
    return { status: res.status, body: await res.text() };
  }

  /** A `/vlm` invocation, shaped like Slack's slash command form body. */
  slashCommand(fields: SlashCommandFields, options?: SendOptions): Promise<SentResponse> {
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: 'T0TEAM01',
      team_domain: 'fake',
      channel_id: fields.channel_id ?? 'C0GENERAL',
      channel_name: 'general',
      user_id: fields.user_id ?? 'U0ASKER01',
      user_name: fields.user_name ?? 'asker',
      command: fields.command ?? '/vlm',
      text: fields.text,
      api_app_id: 'A0APP0001',
      is_enterprise_install: 'false',
      response_url: fields.response_url,
      trigger_id: '111.222.abc',
    });
    return this.raw(form.toString(), 'application/x-www-form-urlencoded', options);
  }

  /** A button click (`block_actions`) on a message, as Slack posts it (`payload=<json>`). */
  buttonClick(click: { action_id: string; value: string; block_id?: string; user_id?: string; response_url: string; message_ts?: string }, options?: SendOptions): Promise<SentResponse> {
    const payload = {
      type: 'block_actions',
      user: { id: click.user_id ?? 'U0ASKER01', username: 'asker', name: 'asker', team_id: 'T0TEAM01' },
      api_app_id: 'A0APP0001',
      token: 'legacy-verification-token',
      container: { type: 'message', message_ts: click.message_ts ?? '1700000000.000100', channel_id: 'C0GENERAL', is_ephemeral: false },
      trigger_id: '111.222.abc',
      team: { id: 'T0TEAM01', domain: 'fake' },
      channel: { id: 'C0GENERAL', name: 'general' },
      response_url: click.response_url,
      actions: [
        {
          action_id: click.action_id,
          block_id: click.block_id ?? 'vlm_pager',
          text: { type: 'plain_text', text: 'Next', emoji: true },
          value: click.value,
          type: 'button',
          action_ts: '1700000001.000200',
        },
      ],
    };
    return this.raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** An Events API callback wrapping `event`. */
  event(event: Record<string, unknown>, eventId: string, options?: SendOptions): Promise<SentResponse> {
    const body = {
      token: 'legacy-verification-token',
      team_id: 'T0TEAM01',
      api_app_id: 'A0APP0001',
      event: { event_ts: '1700000002.000300', ...event },
      type: 'event_callback',
      authorizations: [{ team_id: 'T0TEAM01', user_id: 'UBOT0001', is_bot: true, is_enterprise_install: false }],
      event_id: eventId,
      event_time: 1700000002,
    };
    return this.raw(JSON.stringify(body), 'application/json', options);
  }
}

/** A `reaction_added`/`reaction_removed` event on a message. */
export function reactionEvent(type: 'reaction_added' | 'reaction_removed', user: string, reaction: string, channel: string, ts: string): Record<string, unknown> {
  return { type, user, reaction, item_user: 'UBOT0001', item: { type: 'message', channel, ts } };
}

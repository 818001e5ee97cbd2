/**
 * Signs a request exactly as Slack does ("Verifying requests from Slack"):
 * `X-Slack-Signature: v0=` + hex HMAC-SHA256(signing secret, `v0:<timestamp>:<raw body>`), with
 * `X-Slack-Request-Timestamp: <timestamp>`. Written independently of src/ on purpose: a fake that
 * shared the adapter's code could not catch the adapter getting the scheme wrong.
 * tests/adapters/slack/signing.test.ts checks it against Slack's published test vector.
 */
import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
}

/** Seconds since the epoch, as Slack puts it in the header. */
export function slackTimestamp(offsetSeconds = 0): string {
  return String(Math.floor(Date.now() / 1000) + offsetSeconds);
}

export function signSlackRequest(signingSecret: string, rawBody: string, timestamp: string = slackTimestamp()): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`, 'utf8').digest('hex');
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${digest}` };
}

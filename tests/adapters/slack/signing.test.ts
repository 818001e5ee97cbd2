import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSlackSignature, slackSignature } from '../../../src/adapters/slack/request-signature.js';
import { signSlackRequest } from '../../fakes/slack/sign.js';

const vector = JSON.parse(readFileSync('/work/shared/fixtures/chat/slack/signing_test_vector_slash_command.json', 'utf8')) as {
  signing_secret: string;
  x_slack_request_timestamp: string;
  raw_body: string;
  expected_x_slack_signature: string;
};
const at = Number(vector.x_slack_request_timestamp) * 1000;
const request = (over: Partial<{ body: string; timestamp: string; signature: string }> = {}) => ({
  body: vector.raw_body,
  timestamp: vector.x_slack_request_timestamp,
  signature: vector.expected_x_slack_signature,
  ...over,
});

describe('Slack request signing', () => {
  it('the test helper signs Slack’s published vector exactly', () => {
    expect(signSlackRequest(vector.signing_secret, vector.raw_body, vector.x_slack_request_timestamp)).toEqual({
      'x-slack-request-timestamp': vector.x_slack_request_timestamp,
      'x-slack-signature': vector.expected_x_slack_signature,
    });
  });

  it('the adapter computes the same signature and accepts the vector at its own time', () => {
    expect(slackSignature(vector.signing_secret, vector.x_slack_request_timestamp, vector.raw_body)).toBe(vector.expected_x_slack_signature);
    expect(checkSlackSignature(vector.signing_secret, request(), at)).toEqual({ ok: true });
    expect(checkSlackSignature(vector.signing_secret, { ...request(), body: Buffer.from(vector.raw_body) }, at)).toEqual({ ok: true });
  });

  it('accepts a clock skew of up to five minutes either way', () => {
    expect(checkSlackSignature(vector.signing_secret, request(), at + 300_000).ok).toBe(true);
    expect(checkSlackSignature(vector.signing_secret, request(), at - 300_000).ok).toBe(true);
  });

  it('refuses a timestamp more than five minutes old or in the future', () => {
    expect(checkSlackSignature(vector.signing_secret, request(), at + 301_000)).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(checkSlackSignature(vector.signing_secret, request(), at - 301_000)).toEqual({ ok: false, reason: 'future-timestamp' });
  });

  it('refuses a changed body, a wrong secret, another version and missing headers', () => {
    expect(checkSlackSignature(vector.signing_secret, request({ body: vector.raw_body.replace('text=', 'text=x') }), at)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(checkSlackSignature('another-secret-entirely', request(), at)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(checkSlackSignature(vector.signing_secret, request({ signature: vector.expected_x_slack_signature.replace('v0=', 'v1=') }), at).ok).toBe(false);
    expect(checkSlackSignature(vector.signing_secret, request({ signature: 'v0=' }), at).ok).toBe(false);
    expect(checkSlackSignature(vector.signing_secret, { body: vector.raw_body, timestamp: undefined, signature: undefined }, at)).toEqual({ ok: false, reason: 'missing-headers' });
    expect(checkSlackSignature(vector.signing_secret, request({ timestamp: '15e8' }), at)).toEqual({ ok: false, reason: 'missing-headers' });
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from our clock, either way (Slack's replay window). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export interface SignedRequest {
  /** The raw body, exactly as received (before any parsing). */
  body: string | Buffer;
  /** `X-Slack-Request-Timestamp` (seconds since the epoch). */
  timestamp: string | undefined;
  /** `X-Slack-Signature` (`v0=<hex>`). */
  signature: string | undefined;
}

/** Why a request was refused; never contains the secret, the signature or the body. */
export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing-headers' | 'stale-timestamp' | 'future-timestamp' | 'bad-signature' };

/**
 * Verifies a request the way Slack signs it: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`
 * keyed with the signing secret, compared in constant time. Unlike Bolt's own check, a timestamp
 * more than five minutes in the *future* is refused too: a captured request replayed against a
 * server whose clock runs behind would otherwise be accepted for as long as the skew lasts.
 */
export function checkSlackSignature(signingSecret: string, request: SignedRequest, nowMs: number, toleranceSeconds = TIMESTAMP_TOLERANCE_SECONDS): SignatureCheck {
  const { timestamp, signature } = request;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature) return { ok: false, reason: 'missing-headers' };
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (skew < -toleranceSeconds) return { ok: false, reason: 'stale-timestamp' };
  if (skew > toleranceSeconds) return { ok: false, reason: 'future-timestamp' };
  const expected = Buffer.from(slackSignature(signingSecret, timestamp, request.body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  return { ok: true };
}

/** `v0=<hex HMAC-SHA256(secret, "v0:<timestamp>:<body>")>` */
export function slackSignature(signingSecret: string, timestamp: string, body: string | Buffer): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(body);
  return `v0=${hmac.digest('hex')}`;
}

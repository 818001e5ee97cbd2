/** How hard one fetch tries before it reports failure. */
export interface RetryOptions {
  /** Total attempts, first one included. Default 3. */
  attempts?: number;
  /** Backoff before retry n is `baseDelayMs * 2^(n-1)`. Default 1000. */
  baseDelayMs?: number;
  /** Cap on one computed backoff wait. Default 30 000. */
  maxDelayMs?: number;
  /** Longest `Retry-After` we sit out within one fetch; longer asks end the fetch with an error. Default 120 000. */
  maxRetryAfterMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  attempts: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** Statuses that a later attempt may cure: rate limiting, timeouts and server-side trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Exponential backoff before attempt `attempt + 1` (attempt counts from 1), capped. */
export function backoffDelay(attempt: number, retry: Required<RetryOptions>): number {
  return Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * Reads a `Retry-After` header — delta-seconds (`120`) or an HTTP date — as a wait in ms from
 * `nowMs`. Undefined when absent or unreadable; dates in the past give 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

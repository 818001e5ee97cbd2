import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { ExpiringMap } from '../../core/expiring-map.js';
import type { Logger } from '../../core/logger.js';

/**
 * A bounded set of recently seen ids: each is remembered for `ttlMs`, and at most `capacity` are
 * kept (oldest forgotten first), so a flood of events cannot grow memory without limit.
 */
export class RecentIds {
  private readonly seen: ExpiringMap<true>;

  constructor(ttlMs = 60 * 60_000, capacity = 10_000, now: () => number = Date.now) {
    this.seen = new ExpiringMap(ttlMs, capacity, now);
  }

  /** True when `id` was already seen within the TTL; otherwise remembers it and returns false. */
  checkAndAdd(id: string): boolean {
    if (this.seen.get(id)) return true;
    this.seen.set(id, true);
    return false;
  }

  get size(): number {
    return this.seen.size;
  }
}

/**
 * Global Bolt middleware that lets each Events API `event_id` through once. Slack redelivers an
 * event (with `X-Slack-Retry-Num`) when our acknowledgement was slow or lost; the redelivery is
 * acknowledged (Bolt acks events before middleware runs) and dropped here. Works the same for
 * HTTP and Socket Mode. Triage keys its state changes too; this keeps duplicates from reaching it.
 */
export function dedupeEvents(recent: RecentIds, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && recent.checkAndAdd(eventId)) {
      log.info('slack: duplicate event ignored', { eventId, retryNum: context.retryNum ?? null, retryReason: context.retryReason ?? null });
      return;
    }
    await next();
  };
}

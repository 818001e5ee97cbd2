import { randomBytes } from 'node:crypto';
import { UserError } from './errors.js';
import { ExpiringMap } from './expiring-map.js';
import type { Reply, ReplyItem } from './reply.js';

export const PAGE_SIZE = 5;

interface PagedResult {
  reply: Reply;
  items: ReplyItem[];
  pageSize: number;
}

/**
 * Keeps long result lists in memory so adapters can page them with buttons. A token names a page
 * (`<result id>.<page>`), so "next" and "previous" are plain lookups. Results live `ttlMs` and at
 * most `capacity` are kept (oldest dropped first); an outlived token is a polite UserError.
 */
export class Pager {
  private readonly results: ExpiringMap<PagedResult>;

  constructor(ttlMs = 15 * 60_000, capacity = 500, now: () => number = Date.now) {
    this.results = new ExpiringMap(ttlMs, capacity, now);
  }

  /** Returns page 1 of `reply`, remembering the rest when its items do not fit one page. */
  first(reply: Reply, pageSize = PAGE_SIZE): Reply {
    const items = reply.items ?? [];
    if (items.length <= pageSize) return reply;
    const id = randomBytes(6).toString('base64url');
    const result = { reply, items, pageSize };
    this.results.set(id, result);
    return this.page(id, result, 1);
  }

  /** The page a token names. */
  turn(token: string): Reply {
    const m = /^([\w-]+)\.(\d+)$/.exec(token);
    const id = m?.[1];
    const stored = id ? this.results.get(id) : undefined;
    if (!m || !stored) throw new UserError('page-expired', 'Those results have expired — please run the search again.');
    return this.page(id!, stored, Number(m[2]));
  }

  private page(id: string, { reply, items, pageSize }: PagedResult, page: number): Reply {
    const pages = Math.ceil(items.length / pageSize);
    const p = Math.min(Math.max(page, 1), pages);
    return {
      ...reply,
      items: items.slice((p - 1) * pageSize, p * pageSize),
      page: {
        page: p,
        pages,
        size: pageSize,
        total: items.length,
        next: p < pages ? `${id}.${p + 1}` : undefined,
        prev: p > 1 ? `${id}.${p - 1}` : undefined,
      },
    };
  }
}

import { randomBytes } from 'node:crypto';
import { UserError } from './errors.js';
import type { Reply, ReplyItem } from './reply.js';

export const PAGE_SIZE = 5;

interface PagedResult {
  reply: Reply;
  items: ReplyItem[];
  pageSize: number;
  expires: number;
}

/**
 * Keeps long result lists in memory so adapters can page them with buttons. A token names a page
 * (`<result id>.<page>`), so "next" and "previous" are plain lookups. Results live `ttlMs` and at
 * most `capacity` are kept (oldest dropped first); an outlived token is a polite UserError.
 */
export class Pager {
  private readonly results = new Map<string, PagedResult>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly capacity = 500,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns page 1 of `reply`, remembering the rest when its items do not fit one page. */
  first(reply: Reply, pageSize = PAGE_SIZE): Reply {
    const items = reply.items ?? [];
    if (items.length <= pageSize) return reply;
    const id = randomBytes(6).toString('base64url');
    this.results.set(id, { reply, items, pageSize, expires: this.now() + this.ttlMs });
    this.evict();
    return this.page(id, 1);
  }

  /** The page a token names. */
  turn(token: string): Reply {
    const m = /^([\w-]+)\.(\d+)$/.exec(token);
    const id = m?.[1];
    const stored = id ? this.results.get(id) : undefined;
    if (!m || !stored || stored.expires < this.now()) {
      if (id) this.results.delete(id);
      throw new UserError('page-expired', 'Those results have expired — please run the search again.');
    }
    return this.page(id!, Number(m[2]));
  }

  private page(id: string, page: number): Reply {
    const { reply, items, pageSize } = this.results.get(id)!;
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

  private evict() {
    const now = this.now();
    for (const [id, r] of this.results) if (r.expires < now) this.results.delete(id);
    while (this.results.size > this.capacity) this.results.delete(this.results.keys().next().value!);
  }
}

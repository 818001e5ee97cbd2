import type { Platform } from '../core/caller.js';
import { ExpiringMap } from '../core/expiring-map.js';
import type { NewsPublisher } from '../core/publisher.js';

/** Names change rarely; an hour keeps the platforms' APIs out of every message edit. */
const NAME_TTL_MS = 60 * 60_000;

const OPERATORS: Partial<Record<Platform, string>> = { console: 'the console operator', cli: 'the operator (curator ask)' };

/**
 * How maintainers appear in approval notes: their name on the platform they decided from (a
 * Discord server nickname or display name, a Slack display or real name), asked of that
 * platform's News publisher once and cached, instead of ids like `discord:1577752622377598979`.
 * An id no platform can name (the platform is not running, the user left) is shown as it is.
 */
export class DisplayNames {
  private readonly cache = new ExpiringMap<string>(NAME_TTL_MS, 5_000);

  constructor(private readonly publishers: () => readonly NewsPublisher[]) {}

  /** The display name of each `platform:user` voter id, in order. Never rejects. */
  async of(voterIds: readonly string[]): Promise<string[]> {
    return Promise.all(voterIds.map((id) => this.one(id)));
  }

  private async one(voterId: string): Promise<string> {
    const cached = this.cache.get(voterId);
    if (cached !== undefined) return cached;
    const colon = voterId.indexOf(':');
    const platform = voterId.slice(0, colon) as Platform;
    const userId = voterId.slice(colon + 1);
    const operator = OPERATORS[platform];
    if (operator) return operator;
    const publisher = this.publishers().find((p) => p.platform === platform);
    const name = await publisher?.displayName?.(userId).catch(() => undefined);
    if (!name) return voterId;
    this.cache.set(voterId, name);
    return name;
  }
}

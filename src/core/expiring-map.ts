/**
 * A map whose entries live `ttlMs` from when they were set, holding at most `capacity` of them
 * (oldest dropped first), so nothing strangers can trigger grows memory without limit.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value under `key` while it lives; an outlived one is forgotten. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expires > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Sets `key` (its lifetime starts again) and drops what has outlived its time or the capacity. */
  set(key: string, value: V): void {
    const now = this.now();
    this.entries.delete(key);
    this.entries.set(key, { value, expires: now + this.ttlMs });
    // Insertion order is expiry order (every entry gets the same TTL), so stop at the first live one.
    for (const [k, entry] of this.entries) {
      if (entry.expires > now && this.entries.size <= this.capacity) break;
      this.entries.delete(k);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

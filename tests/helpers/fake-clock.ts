import type { Clock } from '../../src/arxiv/clock.js';

/**
 * A clock whose sleeps take no real time: each one is recorded and (unless `frozen`) moves `now`
 * forward. Frozen suits concurrent sleepers, whose waits then all count from the same instant.
 */
export function fakeClock(start = Date.UTC(2026, 3, 17, 12, 0, 0), { frozen = false } = {}): Clock & { sleeps: number[]; advance(ms: number): void } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms) => void (now += ms),
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      if (ms > 0) {
        sleeps.push(ms);
        if (!frozen) now += ms;
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

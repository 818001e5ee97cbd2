import { isIP } from 'node:net';
import { systemClock, type Clock } from './clock.js';

/** arXiv's terms of use: no more than one request every three seconds. */
export const DEFAULT_MIN_INTERVAL_MS = 3000;

/**
 * Spaces out requests to one site: `wait(url)` resolves once at least `minIntervalMs` has passed
 * since the previous request to the same site *started*. Concurrent callers queue up in order,
 * each getting its own slot. Share one gate per process (the default in fetch.ts does).
 */
export interface HostGate {
  wait(url: string | URL, signal?: AbortSignal): Promise<void>;
}

export interface HostGateOptions {
  minIntervalMs?: number;
  clock?: Clock;
}

/** Creates a gate; tests pass a tiny interval or a fake clock. */
export function createHostGate({ minIntervalMs = DEFAULT_MIN_INTERVAL_MS, clock = systemClock }: HostGateOptions = {}): HostGate {
  const nextFree = new Map<string, number>();
  return {
    async wait(url, signal) {
      const key = siteKey(url);
      const now = clock.now();
      const slot = Math.max(now, nextFree.get(key) ?? now);
      nextFree.set(key, slot + minIntervalMs);
      await clock.sleep(slot - now, signal);
    },
  };
}

/**
 * rss.arxiv.org and export.arxiv.org are one service under one set of terms, so the gate keys on
 * the last two labels of the host name (IP addresses and `localhost` stay whole).
 */
export function siteKey(url: string | URL): string {
  const host = (typeof url === 'string' ? new URL(url) : url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host)) return host;
  const labels = host.split('.').filter(Boolean);
  return labels.slice(-2).join('.');
}

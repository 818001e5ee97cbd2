import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../src/core/logger.js';
import { stopAll } from '../src/main.js';

describe('shutting down', () => {
  it('stops the parts last started first', async () => {
    const order: string[] = [];
    const part = (name: string) => ({ name, stop: async () => void order.push(name) });
    expect(await stopAll([part('platform'), part('watch'), part('health')], 10_000, createMemoryLogger())).toBe('stopped');
    expect(order).toEqual(['health', 'watch', 'platform']);
  });

  it('gives up at SHUTDOWN_TIMEOUT_MS when a part hangs, saying so; a part that fails does not stop the others', async () => {
    const log = createMemoryLogger();
    const stopped: string[] = [];
    const exit = await stopAll(
      [
        { name: 'hung socket', stop: () => new Promise<void>(() => {}) },
        { name: 'broken', stop: () => Promise.reject(new Error('already gone')) },
        { name: 'watch', stop: async () => void stopped.push('watch') },
      ],
      50,
      log,
    );
    expect(exit).toBe('timed-out');
    expect(stopped).toEqual(['watch']);
    expect(log.lines.map((l) => `${l.level}: ${l.msg}`)).toEqual(['error: broken: stop failed', 'error: shutdown did not finish within SHUTDOWN_TIMEOUT_MS (50 ms); exiting anyway']);
  });
});

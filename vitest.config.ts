import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Fakes bind ephemeral ports on 127.0.0.1; files run in parallel on the two cores.
    pool: 'forks',
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
  },
});

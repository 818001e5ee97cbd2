import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Fakes bind ephemeral ports on 127.0.0.1; test files run in separate processes.
    pool: 'forks',
    // .ci/run sets this to read the counts; `npm test` alone prints the usual summary.
    reporters: process.env.VITEST_SUMMARY_FILE ? ['default', ['json', { outputFile: process.env.VITEST_SUMMARY_FILE }]] : ['default'],
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
  },
});

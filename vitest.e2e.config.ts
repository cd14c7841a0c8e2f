import { defineConfig } from 'vitest/config';

/** E2E suites: real headless Chromium (Debian's) against the built app, one file at a time. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each file starts its own mail servers and four worker processes: on a 2-core machine they run one at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});

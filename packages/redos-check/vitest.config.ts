import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The shards (linear-*-of-2.test.ts) wait on their own recheck agent process, which does the work: run them at
    // once on two cores (vitest's default leaves one core free, which ran them one after the other).
    maxWorkers: 2,
  },
});

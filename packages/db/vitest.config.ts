import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every file imports drizzle, postgres and the schema again in a fresh process; without isolation each worker
    // imports them once. Each file still creates its own database (createTestDatabase) and no test mocks a module.
    isolate: false,
    // CI runs one package at a time (turbo --concurrency=1): vitest's default on 2 cores (one worker) left a core idle.
    maxWorkers: 2,
    // Limits for hangs, not for speed: two files at once on a loaded 2-core machine stretch the slower tests.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

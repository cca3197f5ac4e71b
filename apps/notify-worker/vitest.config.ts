import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every file imported the worker, BullMQ and the database layer again in a fresh process; without isolation each
    // worker imports them once. Each file still starts its own harness (database, queue prefix, receivers).
    isolate: false,
    // CI runs one package at a time (turbo --concurrency=1): vitest's default on 2 cores (one worker) left a core idle.
    maxWorkers: 2,
    // Limits for hangs, not for speed: the digest tests wait out 2 s windows, and two files at once on a loaded
    // 2-core machine stretch them towards the 5 s default.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

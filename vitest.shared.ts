/**
 * Vitest settings shared by the workspace's suites; a package's vitest.config.ts merges its own over them.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Without isolation each vitest worker imports a package's modules once, instead of once per test file in a fresh
    // process (seconds of CPU per file for the app and database layers). Test files build their own fixtures
    // (database, Redis prefix, servers) in their hooks, and no test mocks a module or stubs a global.
    isolate: false,
    // CI runs one package at a time (turbo --concurrency=1): vitest's default on 2 cores (one worker) left a core idle.
    maxWorkers: 2,
  },
});

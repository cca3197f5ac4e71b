import { defineConfig } from 'vitest/config';

// Most API tests build a fresh database (a copy of the migrated template) and an app; on a shared 2-core machine under
// load that takes seconds, so the 5 s default would fail tests for the machine's sake rather than the code's.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Every file imports the whole app (fastify, drizzle, the routes): about 2.5 s of CPU each through vite's
    // transform, 45 times per run. Without isolation each worker imports it once and keeps it; every file still builds
    // its own app, database and Redis prefix in beforeAll (createTestApi), and no test mocks a module or stubs a
    // global. CPU of the suite 141 -> 58 s.
    isolate: false,
    // CI runs one package at a time (turbo --concurrency=1): vitest's default on 2 cores (one worker) left a core idle.
    maxWorkers: 2,
  },
});

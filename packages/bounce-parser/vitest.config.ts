import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each of the 55 files imported the parser (and its compiled wording) again in a fresh process; without isolation
    // each worker imports it once. The parser keeps no state between calls that a test could leak to another file.
    isolate: false,
    // CI runs one package at a time (turbo --concurrency=1): vitest's default on 2 cores (one worker) left a core idle.
    maxWorkers: 2,
  },
});

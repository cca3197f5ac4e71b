import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The files share nothing but the parser's import: without isolation each worker imports it once.
    isolate: false,
    // CI runs one package at a time (turbo --concurrency=1): vitest's default on 2 cores (one worker) left a core idle.
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The files mostly wait on the servers they start (Postfix, Dovecot, NSD, Redis): two at once, each on its own
    // ports and directories. CI runs one package at a time (turbo --concurrency=1), and vitest's default on 2 cores
    // (one worker) ran them one after the other.
    maxWorkers: 2,
  },
});

import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// Limits for hangs, not for speed: two files at once on a loaded 2-core machine stretch the slower tests.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } }));

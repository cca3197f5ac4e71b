import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// Limits for hangs, not for speed: the digest tests wait out 2 s windows, and two files at once on a loaded 2-core
// machine stretch them towards the 5 s default.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } }));

import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// Most API tests build a fresh database (a copy of the migrated template) and an app; on a shared 2-core machine under
// load that takes seconds, so the 5 s default would fail tests for the machine's sake rather than the code's.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } }));

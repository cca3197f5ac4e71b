/**
 * Test helpers of the database layer: import from `@bounce/db/testing` in tests, benchmarks and test tooling only.
 * They read TEST_DATABASE_URL and BOUNCE_CORPUS_DIR, which is why they are not in the main entry (importing
 * `@bounce/db` reads no environment).
 */
export {
  countRows,
  parsedBounce,
  type RecipientSpec,
  recipientResult,
  seedTenant,
  VERDICTS,
} from './bounce-fixtures.js';
export { errorOf } from './error-of.js';
export { outboxRowsOffRegistry } from './outbox-payloads.js';
export { corpusMessages, newTestTenant, storeTestRawMessages, TEST_CORPUS_DIR } from './raw-message-fixtures.js';
export {
  createTestDatabase,
  holdTableLock,
  TEST_SERVER_URL,
  type TestDatabase,
  type TestDatabaseOptions,
} from './test-database.js';

export {
  type Database,
  type DatabaseHandle,
  type DatabaseOptions,
  DEFAULT_PGLITE_DIR,
  type Executor,
  openDatabase,
  openMemoryDatabase,
  type Schema,
} from './client.js';
export { MIGRATIONS_DIR, migrateDatabase, runMigrations } from './migrate.js';
export * from './schema.js';
export { createTestDatabase, TEST_SERVER_URL, type TestDatabase } from './test-database.js';

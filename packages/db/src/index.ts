export * from './schema.js';
export {
  DEFAULT_PGLITE_DIR,
  openDatabase,
  openMemoryDatabase,
  type Database,
  type DatabaseHandle,
  type DatabaseOptions,
  type Executor,
  type Schema,
} from './client.js';
export { MIGRATIONS_DIR, migrateDatabase, runMigrations } from './migrate.js';
export { createTestDatabase, TEST_SERVER_URL, type TestDatabase } from './test-database.js';

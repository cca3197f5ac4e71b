import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type DatabaseHandle, openDatabase } from '../client.js';
import { migrateDatabase } from '../migrate.js';

/** Server used by tests: the local PostgreSQL (CI and dev machines), overridable with TEST_DATABASE_URL. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = DatabaseHandle & { url: string; name: string; drop: () => Promise<void> };

/**
 * Creates a fresh, migrated database with a unique name on the test server, so test files (and several packages'
 * suites running at once) never see each other's rows. `drop()` closes the pool and removes the database.
 */
export async function createTestDatabase(prefix = 'bounce_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(TEST_SERVER_URL, name);
  const migrator = openDatabase({ url, maxConnections: 2 });
  try {
    await migrateDatabase(migrator);
  } finally {
    await migrator.close();
  }
  const handle = openDatabase({ url, maxConnections: 10 });
  const drop = async () => {
    await handle.close();
    const a = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
    try {
      await a.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await a.end({ timeout: 5 });
    }
  };
  return { ...handle, url, name, drop };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

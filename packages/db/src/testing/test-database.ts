import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
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

/**
 * Holds ACCESS EXCLUSIVE on `table` from its own connection until `release()`, so every statement of the code
 * under test that touches the table waits: how tests make a database stall without stopping the server.
 */
export async function holdTableLock(url: string, table: string): Promise<{ release: () => Promise<void> }> {
  const handle = openDatabase({ url, maxConnections: 1 });
  let release!: () => void;
  const released = new Promise<void>((r) => {
    release = r;
  });
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => {
    locked = r;
  });
  const holding = handle.db.transaction(async (tx) => {
    await tx.execute(sql`lock table ${sql.identifier(table)} in access exclusive mode`);
    locked();
    await released;
  });
  // A lock that fails (wrong table) must fail the test, not leave it waiting forever.
  await Promise.race([isLocked, holding]);
  return {
    release: async () => {
      release();
      await holding;
      await handle.close();
    },
  };
}

import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { type DatabaseHandle, openDatabase } from '../client.js';
import { MIGRATIONS_DIR, migrateDatabase } from '../migrate.js';

/** Server used by tests: the local PostgreSQL (CI and dev machines), overridable with TEST_DATABASE_URL. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = DatabaseHandle & { url: string; name: string; drop: () => Promise<void> };

export type TestDatabaseOptions = {
  /**
   * Run every migration on the new, empty database instead of cloning the migrated template (the migration tests
   * themselves). Default false.
   */
  migrateFromEmpty?: boolean;
};

/**
 * Creates a fresh, migrated database with a unique name on the test server, so test files (and several packages'
 * suites running at once) never see each other's rows. `drop()` closes the pool and removes the database.
 *
 * The database is a copy (CREATE DATABASE ... TEMPLATE) of a template migrated once per set of migration files:
 * the suites create a hundred-odd databases per run, and running every migration for each took seconds apiece.
 */
export async function createTestDatabase(
  prefix = 'bounce_test',
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const template = options.migrateFromEmpty ? undefined : await migratedTemplate();
  await withAdmin((admin) =>
    admin.unsafe(template ? `create database "${name}" template "${template}"` : `create database "${name}"`),
  );
  const url = withDatabase(TEST_SERVER_URL, name);
  if (!template) await migrate(url);
  const handle = openDatabase({ url, maxConnections: 10 });
  const drop = async () => {
    await handle.close();
    await withAdmin((admin) => admin.unsafe(`drop database if exists "${name}" with (force)`));
  };
  return { ...handle, url, name, drop };
}

/** Arbitrary constant: serialises template builds across processes (several packages' suites start at once). */
const TEMPLATE_LOCK_KEY = 7_245_191_004;
const TEMPLATE_PREFIX = 'bounce_template_';
let templateName: Promise<string> | undefined;

/**
 * The name of the migrated template for the current migration files, built if missing. It is named by a hash of
 * those files, so a changed or added migration gets its own template (and worktrees on different branches share one
 * server). It is built under another name and renamed when complete: a template that exists is always whole, and
 * nobody ever connects to it (CREATE DATABASE refuses a template with open connections).
 */
function migratedTemplate(): Promise<string> {
  templateName ??= (async () => {
    const name = `${TEMPLATE_PREFIX}${migrationsHash()}`;
    await withAdmin(async (admin) => {
      const exists = async () => (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
      if (await exists()) return;
      // A session lock on the single admin connection: CREATE DATABASE cannot run inside a transaction.
      await admin`select pg_advisory_lock(${TEMPLATE_LOCK_KEY})`;
      try {
        if (await exists()) return;
        // Left by a build that was killed half-way: nobody else builds while we hold the lock.
        const stale = await admin<{ datname: string }[]>`
          select datname from pg_database where datname like ${`${TEMPLATE_PREFIX}%_building`}`;
        for (const { datname } of stale) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
        const building = `${name}_building`;
        await admin.unsafe(`create database "${building}"`);
        await migrate(withDatabase(TEST_SERVER_URL, building));
        await admin.unsafe(`alter database "${building}" rename to "${name}"`);
      } finally {
        await admin`select pg_advisory_unlock(${TEMPLATE_LOCK_KEY})`;
      }
    });
    return name;
  })();
  // A failed build is not cached: the next test database tries again.
  templateName.catch(() => {
    templateName = undefined;
  });
  return templateName;
}

/** Hash of every migration file and the journal that orders them (20 hex digits: fits PostgreSQL's 63-byte names). */
function migrationsHash(): string {
  const hash = createHash('sha256');
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  for (const file of [...files, join('meta', '_journal.json')]) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(MIGRATIONS_DIR, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 20);
}

async function migrate(url: string): Promise<void> {
  const migrator = openDatabase({ url, maxConnections: 2 });
  try {
    await migrateDatabase(migrator);
  } finally {
    await migrator.close();
  }
}

async function withAdmin<T>(work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
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

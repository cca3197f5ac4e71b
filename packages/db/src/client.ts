import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The driver-independent database handle: postgres.js on a server, PGlite when embedded. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: functions that write take this so callers can compose transactions. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction'>;

export type DatabaseOptions = {
  /** postgres:// URL. When absent, the embedded PGlite database in `dataDir` is used. */
  url?: string | undefined;
  /** Embedded database directory. Default `./data/pglite`. */
  dataDir?: string | undefined;
  /** Pool size for postgres.js. Default 10. Migrations use 1. */
  maxConnections?: number | undefined;
  /** Statement timeout in ms for every connection (protects workers from a stuck query). Default 30 s. */
  statementTimeoutMs?: number | undefined;
};

export type DatabaseHandle = {
  db: Database;
  kind: 'postgres' | 'pglite';
  close: () => Promise<void>;
};

export const DEFAULT_PGLITE_DIR = './data/pglite';

/** Opens the database. With no URL, an embedded PostgreSQL (PGlite) under ./data means a first start needs no server. */
export function openDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  if (options.url) {
    const sql = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: { statement_timeout: options.statementTimeoutMs ?? 30_000 },
    });
    const db = drizzlePostgres(sql, { schema }) as unknown as Database;
    return { db, kind: 'postgres', close: () => sql.end({ timeout: 5 }) };
  }
  const dir = resolve(options.dataDir ?? DEFAULT_PGLITE_DIR);
  mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, kind: 'pglite', close: () => client.close() };
}

/** In-memory PGlite, for tests of the embedded path. */
export function openMemoryDatabase(): DatabaseHandle {
  const client = new PGlite();
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, kind: 'pglite', close: () => client.close() };
}

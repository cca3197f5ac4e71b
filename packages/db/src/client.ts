import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { DrizzleQueryError, sql } from 'drizzle-orm';
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
  /**
   * postgres:// URL. When absent, the embedded PGlite database in `dataDir` is used. `?pgbouncer=true` declares a
   * transaction pooler (PgBouncer's pool_mode=transaction) between the process and PostgreSQL: see `pooledUrl`.
   */
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

/** The extensions the migrations create (pg_trgm: the contact search's indexes), built into PGlite's bundle. */
const PGLITE_EXTENSIONS = { pg_trgm };

export const DEFAULT_PGLITE_DIR = './data/pglite';

/** Opens the database. With no URL, an embedded PostgreSQL (PGlite) under ./data means a first start needs no server. */
export function openDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  if (options.url) {
    const { url, transactionPooler } = pooledUrl(options.url);
    const client = postgres(url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      backoff: reconnectDelaySeconds,
      // A server that accepts the TCP connection but never answers (half-open network) fails the attempt here.
      connect_timeout: 10,
      ...(transactionPooler
        ? // Each statement may run on another server connection: no named prepared statements (PgBouncer before
          // 1.21 cannot track them; Debian 12 ships 1.18), and no startup parameters PgBouncer refuses: the statement
          // timeout is then the role's (ALTER ROLE ... SET statement_timeout), applied to every server connection.
          { prepare: false }
        : { connection: { statement_timeout: options.statementTimeoutMs ?? 30_000 } }),
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  const dir = resolve(options.dataDir ?? DEFAULT_PGLITE_DIR);
  mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir, { extensions: PGLITE_EXTENSIONS });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, kind: 'pglite', close: () => client.close() };
}

/**
 * Delay before a new connection after failed ones: 50 ms doubling, at most 1 s, with jitter. postgres.js's own
 * back-off grows to 20 s, so after a PostgreSQL restart or a network cut the workers would sit idle for up to 20 s
 * after the server is back; bounded to 1 s they resume within about a second, and one attempt per second per pooled
 * connection is no load for a server that is down.
 */
export function reconnectDelaySeconds(failures: number): number {
  return Math.min(0.05 * 2 ** failures, 1) * (0.75 + Math.random() / 4);
}

/**
 * Driver codes of a connection that failed or was lost (postgres.js passes the socket's own code on, or names its
 * own); CONNECTION_ENDED and CONNECTION_DESTROYED are left out: those are our own shutdown, not an outage.
 */
const CONNECTION_LOST_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
]);
/** SQLSTATEs of a server that is going away or not accepting yet: admin/crash shutdown, cannot connect now. */
const SERVER_UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/**
 * Whether `err` says the database is unreachable (refused, cut, restarting), i.e. the same work will succeed once it
 * is back, as opposed to an error of the work itself. Looks at the error and, when drizzle wrapped the driver's
 * error (DrizzleQueryError), at its cause only: an error of another layer that merely carries a network code in
 * its cause chain (an IMAP or webhook connection refused) is not the database's.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err instanceof DrizzleQueryError ? err.cause : err;
  const code = (e as { code?: unknown } | null | undefined)?.code;
  if (typeof code !== 'string') return false;
  return CONNECTION_LOST_CODES.has(code) || SERVER_UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08');
}

/**
 * Reads and removes this product's `pgbouncer=true` URL parameter (the name operators know from other tools): the
 * rest of the URL goes to postgres.js unchanged, which would otherwise send the parameter to the server.
 */
export function pooledUrl(databaseUrl: string): { url: string; transactionPooler: boolean } {
  const url = new URL(databaseUrl);
  const flag = url.searchParams.get('pgbouncer');
  if (flag === null) return { url: databaseUrl, transactionPooler: false };
  url.searchParams.delete('pgbouncer');
  return { url: url.toString(), transactionPooler: flag === 'true' || flag === '1' };
}

/** Readiness check: one round trip to the database. */
export async function pingDatabase(db: Pick<Database, 'execute'>): Promise<void> {
  await db.execute(sql`select 1`);
}

/** In-memory PGlite, for tests of the embedded path. */
export function openMemoryDatabase(): DatabaseHandle {
  const client = new PGlite({ extensions: PGLITE_EXTENSIONS });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, kind: 'pglite', close: () => client.close() };
}

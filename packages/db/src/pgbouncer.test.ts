/**
 * The database layer through a real PgBouncer in transaction pooling mode (Debian's 1.18: no prepared-statement
 * tracking), with few server connections so that consecutive statements of one client do land on different ones:
 * migrations (concurrently, under their lock), the batched apply path and reads work; what breaks without the
 * `pgbouncer=true` settings is shown breaking.
 */
import { randomBytes } from 'node:crypto';
import { type PgBouncer, startPgBouncer } from '@bounce/test-servers';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBounces } from './bounces/apply-bounces.js';
import { type DatabaseHandle, openDatabase, pooledUrl } from './client.js';
import { runMigrations } from './migrate.js';
import { recordSends } from './sends/sends.js';
import { queryRows, queryRowsPrepared, withTransaction } from './sql/sql-util.js';
import { canSend } from './suppressions/can-send.js';
import { parsedBounce, seedTenant, VERDICTS } from './testing/bounce-fixtures.js';
import { TEST_SERVER_URL } from './testing/test-database.js';

let bouncer: PgBouncer;
let name: string;
let directUrl: string;
let pooled: string;
let handle: DatabaseHandle | undefined;

const admin = () => postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });

beforeAll(async () => {
  bouncer = await startPgBouncer({ poolMode: 'transaction', poolSize: 3 });
  name = `bounce_pgbouncer_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const a = admin();
  try {
    await a.unsafe(`create database "${name}"`);
  } finally {
    await a.end({ timeout: 5 });
  }
  const u = new URL(TEST_SERVER_URL);
  u.pathname = `/${name}`;
  directUrl = u.toString();
  pooled = `${bouncer.viaPgBouncer(directUrl)}?pgbouncer=true`;
}, 60_000);

afterAll(async () => {
  await handle?.close();
  const a = admin();
  try {
    await a.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await a.end({ timeout: 5 });
  }
  await bouncer?.stop();
});

describe('through PgBouncer (transaction pooling)', () => {
  it('strips the pgbouncer flag from the URL the driver sees', () => {
    expect(pooledUrl('postgres://u@h:6432/db?pgbouncer=true&application_name=x')).toEqual({
      url: 'postgres://u@h:6432/db?application_name=x',
      transactionPooler: true,
    });
    expect(pooledUrl('postgres://u@h/db').transactionPooler).toBe(false);
  });

  it('migrates an empty database, two migrators at once waiting on the lock', async () => {
    await Promise.all([runMigrations({ url: pooled }), runMigrations({ url: pooled })]);
    const a = admin();
    try {
      const [row] = await a.unsafe(
        `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
         where l.locktype = 'advisory' and d.datname = $1`,
        [name],
      );
      // The lock ended with its transaction: nothing left behind on a pooled server connection.
      expect(row!.n).toBe(0);
    } finally {
      await a.end({ timeout: 5 });
    }
    handle = openDatabase({ url: pooled, maxConnections: 6 });
    const tables = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from information_schema.tables where table_name in ('bounces', 'outbox', 'raw_messages')`,
    );
    expect(tables[0]!.n).toBe(3);
  }, 120_000);

  it('runs the batched apply path and reads, concurrently, on more clients than server connections', async () => {
    const db = handle!.db;
    const T = 'acme';
    await seedTenant(db, T);
    const at = new Date(Date.UTC(2025, 0, 2, 12));
    const recipients = Array.from({ length: 40 }, (_, i) => `user${i}@example.com`);
    await recordSends(
      db,
      T,
      recipients.map((recipient, i) => ({
        recipient,
        messageId: `<m${i}@acme>`,
        category: 'newsletter',
        sentAt: new Date(Date.UTC(2025, 0, 1)),
      })),
    );
    // Four batches at once over six client connections and three server connections: the same statements again
    // and again on whichever server connection is free (named prepared statements would fail here).
    const batches = [0, 1, 2, 3].map((b) =>
      recipients.slice(b * 10, b * 10 + 10).map((recipient, i) => ({
        parsed: parsedBounce([{ recipient, ...VERDICTS.userUnknown, at }], { messageId: `<m${b * 10 + i}@acme>` }),
        rawSha256: `h-${recipient}`,
      })),
    );
    const results = await Promise.all(batches.map((items) => applyBounces(db, T, items, { now: at })));
    expect(results.reduce((n, r) => n + r.applied, 0)).toBe(40);
    const checks = await Promise.all(recipients.map((r) => canSend(db, T, r, 'newsletter')));
    expect(checks.every((c) => c.allowed === false)).toBe(true);
    const pools = await bouncer.admin('SHOW POOLS');
    expect(pools).toContain(name);
    // The statement timeout comes from the pooler's connect_query (the client may not send it).
    const [timeout] = await queryRows<{ t: string }>(db, sql`select current_setting('statement_timeout') as t`);
    expect(timeout!.t).toBe('30s');
  }, 120_000);

  it('leaves no session state on the shared server connections; a client without the flag does', async () => {
    // With the flag: after all of the above, no server connection holds a named prepared statement.
    expect(await preparedStatementsPerServerConnection()).toEqual([0, 0, 0]);
    // Without it, postgres.js prepares named statements on whichever server connection ran them: state that other
    // clients then share, and that the client itself cannot find once PgBouncer hands it another connection
    // (postgres.js then re-prepares; under pipelining, concurrent clients were seen to hang in this test's drafts).
    const naive = postgres(bouncer.viaPgBouncer(directUrl), { max: 1, onnotice: () => {} });
    try {
      for (let i = 0; i < 5; i++) await naive`select ${i}::int as n`;
    } finally {
      await naive.end({ timeout: 5 });
    }
    const after = await preparedStatementsPerServerConnection();
    expect(Math.max(...after)).toBeGreaterThan(0);
  }, 60_000);

  it('prepares the hot statements (queryRowsPrepared) on a direct connection, and only there', async () => {
    const direct = openDatabase({ url: directUrl, maxConnections: 1 });
    try {
      const statements = await withTransaction(direct.db, async (tx) => {
        const [row] = await queryRowsPrepared<{ n: number }>(tx, 'probe', sql`select ${41}::int + 1 as n`);
        expect(row!.n).toBe(42);
        return queryRows<{ statement: string }>(tx, sql`select statement from pg_prepared_statements`);
      });
      expect(statements.map((s) => s.statement)).toContain('select $1::int + 1 as n');
    } finally {
      await direct.close();
    }
    // Through PgBouncer with the flag the same call runs unnamed: no server connection gains a statement (the
    // naive client of the test above left some behind on purpose).
    const before = await preparedStatementsPerServerConnection();
    const [row] = await queryRowsPrepared<{ n: number }>(handle!.db, 'probe', sql`select ${1}::int as n`);
    expect(row!.n).toBe(1);
    expect(await preparedStatementsPerServerConnection()).toEqual(before);
  }, 60_000);
});

/**
 * pg_prepared_statements of every server connection in the pool: as many transactions at once as the pool has
 * server connections (3), each pinning one and reading its session's statements before any of them commits.
 */
async function preparedStatementsPerServerConnection(): Promise<number[]> {
  const probe = postgres(bouncer.viaPgBouncer(directUrl), { max: 3, prepare: false, onnotice: () => {} });
  let arrived = 0;
  let releaseAll!: () => void;
  const allArrived = new Promise<void>((resolve) => {
    releaseAll = resolve;
  });
  try {
    const counts = await Promise.all(
      [0, 1, 2].map(() =>
        probe.begin(async (tx) => {
          const [row] = await tx<{ n: number }[]>`select count(*)::int as n from pg_prepared_statements`;
          if (++arrived === 3) releaseAll();
          await allArrived;
          return row!.n;
        }),
      ),
    );
    return counts.sort((a, b) => a - b);
  } finally {
    await probe.end({ timeout: 5 });
  }
}

/**
 * What the pool does when its connections are lost while transactions are running (a PostgreSQL restart, a network
 * cut), through a TCP proxy that resets every connection. postgres.js 3.4.9 needed a patch here
 * (patches/postgres@3.4.9.patch): a transaction whose statement failed with the lost connection sent its ROLLBACK on
 * that closed connection, the write ran from a setImmediate on a null socket, and the TypeError killed the worker
 * process (a rules worker died this way in the PostgreSQL outage of the e2e fault test); the connection was then
 * left unusable. A connection lost while it read the server's array types raised an unhandled rejection, which
 * stops a worker just the same. A statement sent between the socket's error and its close was never answered nor
 * failed: its caller waited for ever. Without the patch the last two tests fail (the second one hangs).
 */
import { pollUntil, startTcpProxy, type TcpProxy, viaProxy } from '@bounce/test-servers';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, isDatabaseUnavailable, openDatabase } from './client.js';
import { queryRows } from './sql/sql-util.js';
import { errorOf } from './testing/error-of.js';
import { TEST_SERVER_URL } from './testing/test-database.js';

let proxy: TcpProxy;
const handles: DatabaseHandle[] = [];
const uncaught: unknown[] = [];
const recordUncaught = (err: unknown) => uncaught.push(err);
const UNCAUGHT_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

beforeAll(async () => {
  const target = new URL(TEST_SERVER_URL);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  for (const event of UNCAUGHT_EVENTS) process.on(event, recordUncaught);
});
afterEach(async () => {
  proxy.restore();
  await Promise.all(handles.splice(0).map((h) => h.close()));
});
afterAll(async () => {
  for (const event of UNCAUGHT_EVENTS) process.off(event, recordUncaught);
  await proxy.close();
});

function openViaProxy(maxConnections: number): DatabaseHandle {
  const handle = openDatabase({ url: viaProxy(TEST_SERVER_URL, proxy), maxConnections });
  handles.push(handle);
  return handle;
}

/** Lets every pending immediate (where the fatal write used to run) and timer of the driver run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('connections lost under running transactions', () => {
  it('fails the transaction as an outage, without an uncaught error, and serves statements once the server is back', async () => {
    const { db } = openViaProxy(1);
    await db.execute(sql`select 1`);
    const transaction = db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await tx.execute(sql`select pg_sleep(3)`);
    });
    // Cut while the second statement runs on the server: its connection closes under the transaction.
    await pollUntil(async () => proxy.connections() > 0, { what: 'the connection', timeoutMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    proxy.cut();
    const err = await errorOf(transaction);
    expect(isDatabaseUnavailable(err)).toBe(true);
    await settle();
    expect(uncaught).toEqual([]);

    proxy.restore();
    const [row] = await queryRows<{ n: number }>(db, sql`select 2 as n`);
    expect(row?.n).toBe(2);
  });

  it('fails a statement sent after the socket error but before its close as an outage, instead of leaving it waiting', async () => {
    const { db } = openViaProxy(1);
    await db.execute(sql`select 1`);
    const running = db.execute(sql`select pg_sleep(3)`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    proxy.cut();
    // The first rejection runs before the socket's close event: the next statement goes to the same connection.
    const next = running.then(
      () => 'answered',
      () =>
        db.execute(sql`select 2`).then(
          () => 'answered',
          (err: unknown) => (isDatabaseUnavailable(err) ? 'outage' : String(err)),
        ),
    );
    expect(await next).toBe('outage');
    proxy.restore();
    const [row] = await queryRows<{ n: number }>(db, sql`select 3 as n`);
    expect(row?.n).toBe(3);
    await settle();
    expect(uncaught).toEqual([]);
  });

  it('keeps serving after repeated cuts under many concurrent transactions', async () => {
    const { db } = openViaProxy(4);
    let failures = 0;
    for (let round = 0; round < 5; round += 1) {
      const transactions = Array.from({ length: 12 }, (_, i) =>
        db
          .transaction(async (tx) => {
            await tx.execute(sql`select ${i}::int`);
            await tx.execute(sql`select pg_sleep(0.01)`);
            await tx.execute(sql`select ${round}::int`);
          })
          .catch((err: unknown) => {
            // Only the outage may fail a transaction here, never a protocol error from a half-reset connection.
            expect(isDatabaseUnavailable(err), String(err)).toBe(true);
            failures += 1;
          }),
      );
      // Cut at a different point of the transactions' statements each round.
      await new Promise((resolve) => setTimeout(resolve, 5 + round * 11));
      proxy.cut();
      await Promise.all(transactions);
      proxy.restore();
      // Every connection of the pool comes back: as many concurrent statements as connections all succeed. A
      // connection whose attempt was under way during the cut may still fail one statement as an outage (its
      // socket was reset), so the round is retried until all succeed; a hung statement fails the test's timeout.
      const answers = await pollUntil(
        async () => {
          const served = await Promise.all(
            Array.from({ length: 4 }, async (_, i) => {
              try {
                const [row] = await queryRows<{ n: number }>(db, sql`select ${i}::int as n`);
                return row?.n;
              } catch (err) {
                expect(isDatabaseUnavailable(err), String(err)).toBe(true);
                return undefined;
              }
            }),
          );
          return served.every((n) => n !== undefined) ? served : undefined;
        },
        { what: 'every pooled connection to serve again', timeoutMs: 10_000 },
      );
      expect(answers).toEqual([0, 1, 2, 3]);
    }
    expect(failures).toBeGreaterThan(0);
    await settle();
    expect(uncaught).toEqual([]);
  });
});

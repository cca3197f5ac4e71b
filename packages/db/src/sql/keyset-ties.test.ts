/**
 * Keyset paging over rows that share a timestamp: every row comes once, in (time, id) order, however the pages cut
 * the ties. The times are sub-millisecond on purpose: PostgreSQL keeps microseconds and a JS Date does not, and
 * rows written in one transaction share now() exactly.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBounces } from '../bounces/bounce-queries.js';
import { listSuppressedAddresses } from '../suppressions/suppression-queries.js';
import { seedTenant } from '../testing/bounce-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { Page } from './paging.js';

const T = 'acme';
/** Five rows on one instant, and two more in the same millisecond just before and after it. */
const TIMES = [
  ...Array.from({ length: 5 }, () => '2026-01-01 10:00:00.123456+00'),
  '2026-01-01 10:00:00.123200+00',
  '2026-01-01 10:00:00.123700+00',
  '2026-01-01 10:00:00.122999+00',
];
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('bounce_keyset_ties');
  await seedTenant(t.db, T);
  for (const [i, at] of TIMES.entries()) {
    await t.db.execute(sql`insert into bounces (tenant_id, idempotency_key, kind, reason, class, occurred_at, received_at)
      values (${T}, ${`tie-${i}`}, 'bounce', 'mailbox-full', 'soft', ${at}::timestamptz, ${at}::timestamptz)`);
    await t.db.execute(sql`insert into addresses (tenant_id, address, domain, state, suppression_reason, suppressed_at)
      values (${T}, ${`tie${i}@ties.example`}, 'ties.example', 'blocked', 'manual', ${at}::timestamptz)`);
  }
});
afterAll(async () => {
  await t?.drop();
});

/** Every page of a listing, two rows a page (so cursors fall inside the ties), as the ids in page order. */
async function allPages<R extends { id: string | number }>(
  list: (cursor: string | null) => Promise<Page<R>>,
): Promise<(string | number)[]> {
  const ids: (string | number)[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages <= TIMES.length; pages++) {
    const page: Page<R> = await list(cursor);
    ids.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('paging did not end');
}

/** The ids in (time, id) order, as the database sorts them. */
async function expectedOrder(table: 'bounces' | 'addresses', time: string, dir: 'asc' | 'desc') {
  const rows = await t.db.execute(
    sql`select id from ${sql.identifier(table)} where tenant_id = ${T} order by ${sql.identifier(time)} ${sql.raw(dir)}, id ${sql.raw(dir)}`,
  );
  return (rows as unknown as { id: string | number }[]).map((r) => r.id);
}

describe('keyset paging with rows tied on time', () => {
  it('lists every bounce once, newest first, ties by id', async () => {
    const ids = await allPages((cursor) => listBounces(t.db, T, { limit: 2, cursor }));
    expect(ids).toEqual(await expectedOrder('bounces', 'received_at', 'desc'));
    expect(ids).toHaveLength(TIMES.length);
  });

  it('lists every suppressed address once, in both directions', async () => {
    for (const order of ['desc', 'asc'] as const) {
      const ids = await allPages((cursor) => listSuppressedAddresses(t.db, T, { limit: 2, order, cursor }));
      expect(ids.map(String)).toEqual((await expectedOrder('addresses', 'suppressed_at', order)).map(String));
    }
  });
});

/**
 * Two or more workers applying bounces for the same addresses at once must end exactly as if they had run one
 * after the other. Run on the real server: the row locks, unique indexes and READ COMMITTED snapshots under test
 * are PostgreSQL's, not a model of them.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../client.js';
import { recordSends } from '../sends/sends.js';
import { queryRows, toDate } from '../sql/sql-util.js';
import { parsedBounce, seedTenant, VERDICTS } from '../testing/bounce-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { applyBounces, type BounceItem } from './apply-bounces.js';

const ADDRESSES = Array.from({ length: 30 }, (_, i) => `member${String(i).padStart(2, '0')}@shared.example`);
const SENDER_SIDE = Array.from({ length: 10 }, (_, i) => `x${i}@bigmail.example`);
const at = (batch: number, i: number, extra = 0) => new Date(Date.UTC(2025, 2, 1 + batch * 2, 8, i, extra));

/**
 * Four batches that all touch every address: hard-bounce addresses (i % 5 = 0) get two hard bounces, escalating
 * ones (i % 3 = 0) five soft failures, the rest four. The outcome per address does not depend on the order the
 * batches commit in, so a concurrent run can be compared with a sequential one.
 */
function batches(): BounceItem[][] {
  return [0, 1, 2, 3].map((b) => {
    const items: BounceItem[] = [];
    ADDRESSES.forEach((recipient, i) => {
      if (i % 5 === 0) {
        if (b === 0 || b === 2) {
          items.push({
            parsed: parsedBounce([{ recipient, ...VERDICTS.userUnknown, at: at(b, i) }]),
            rawSha256: `h-${b}-${i}`,
          });
        }
        return;
      }
      items.push({
        parsed: parsedBounce([{ recipient, ...VERDICTS.mailboxFull, at: at(b, i) }]),
        rawSha256: `s-${b}-${i}`,
      });
      if (i % 3 === 0 && b === 1) {
        items.push({
          parsed: parsedBounce([{ recipient, ...VERDICTS.mailboxFull, at: at(b, i, 30) }]),
          rawSha256: `s2-${b}-${i}`,
        });
      }
    });
    SENDER_SIDE.forEach((recipient, i) => {
      items.push({
        parsed: parsedBounce([{ recipient, ...VERDICTS.blocked, at: at(b, i) }]),
        rawSha256: `x-${b}-${i}`,
      });
    });
    // Reverse half the batches so workers meet the addresses in different input orders.
    return b % 2 ? items.reverse() : items;
  });
}

async function seed(db: Executor, tenant: string) {
  await seedTenant(db, tenant);
  await recordSends(
    db,
    tenant,
    [...ADDRESSES, ...SENDER_SIDE].map((recipient) => ({ recipient, sentAt: new Date(Date.UTC(2025, 1, 27)) })),
  );
}

async function outcome(db: Executor, tenant: string) {
  return {
    addresses: await queryRows(
      db,
      // last_bounce_at included for every address: a hard-bounced address gets two hard bounces (batches 0 and
      // 2), and whichever commits second still moves last_bounce_at to the later of the two, so the value does
      // not depend on commit order. (suppressed_at does: the first hard bounce to commit blocks the address.)
      sql`select address, state, consecutive_soft_failures, suppression_reason, last_bounce_at
          from addresses where tenant_id = ${tenant} order by address`,
    ),
    audit: await queryRows(
      db,
      sql`select address, action, rule, count(*)::int as n from audit_log where tenant_id = ${tenant}
          group by 1, 2, 3 order by 1, 2, 3`,
    ),
    outbox: await queryRows(
      db,
      sql`select type, count(*)::int as n from outbox where tenant_id = ${tenant} group by 1 order by 1`,
    ),
    bounces: await queryRows(db, sql`select count(*)::int as n from bounces where tenant_id = ${tenant}`),
    alerts: await queryRows(
      db,
      sql`select receiving_domain, reason, count from sender_alerts where tenant_id = ${tenant}`,
    ),
  };
}

let concurrentDb: TestDatabase;
let sequentialDb: TestDatabase;

beforeAll(async () => {
  concurrentDb = await createTestDatabase('bounce_conc_a');
  sequentialDb = await createTestDatabase('bounce_conc_b');
});
afterAll(async () => {
  await concurrentDb?.drop();
  await sequentialDb?.drop();
});

describe('concurrent applyBounces', () => {
  it('four workers with overlapping batches end as one after the other', async () => {
    const work = batches();
    await seed(concurrentDb.db, 'acme');
    await seed(sequentialDb.db, 'acme');
    const results = await Promise.all(work.map((items) => applyBounces(concurrentDb.db, 'acme', items)));
    for (const items of work) await applyBounces(sequentialDb.db, 'acme', items);

    const concurrent = await outcome(concurrentDb.db, 'acme');
    const sequential = await outcome(sequentialDb.db, 'acme');
    expect(concurrent).toEqual(sequential);
    expect(results.reduce((n, r) => n + r.applied, 0)).toBe(work.flat().length);

    // And the outcome is the one the rules prescribe (no lost increments, one alert for the provider).
    const byAddress = new Map(
      (
        concurrent.addresses as {
          address: string;
          state: string;
          consecutive_soft_failures: number;
          last_bounce_at: unknown;
        }[]
      ).map((a) => [a.address, a]),
    );
    ADDRESSES.forEach((address, i) => {
      const row = byAddress.get(address);
      // The later of its two hard bounces (batch 2), whichever committed first.
      if (i % 5 === 0) {
        expect(row).toMatchObject({ state: 'blocked' });
        expect(toDate(row?.last_bounce_at)).toEqual(at(2, i));
      } else if (i % 3 === 0) expect(row).toMatchObject({ state: 'blocked', consecutive_soft_failures: 5 });
      else expect(row).toMatchObject({ state: 'active', consecutive_soft_failures: 4 });
    });
    expect(concurrent.alerts).toEqual([{ receiving_domain: 'bigmail.example', reason: 'blocked', count: 40 }]);
    expect(concurrent.outbox).toContainEqual({ type: 'sender.blocked', n: 1 });
  });

  it('the same batch applied by two workers at once counts once', async () => {
    const [first] = batches();
    await seed(concurrentDb.db, 'twin');
    await seed(sequentialDb.db, 'twin');
    const [a, b] = await Promise.all([
      applyBounces(concurrentDb.db, 'twin', first!),
      applyBounces(concurrentDb.db, 'twin', first!),
    ]);
    await applyBounces(sequentialDb.db, 'twin', first!);
    expect(a!.applied + b!.applied).toBe(first!.length);
    expect(a!.duplicates + b!.duplicates).toBe(first!.length);
    expect(await outcome(concurrentDb.db, 'twin')).toEqual(await outcome(sequentialDb.db, 'twin'));
  });
});

import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bounces, rawMessages, tenants } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { getRawMessageContent } from './raw-message-content.js';
import { ensureRetentionIndex, purgeExpiredRawContent, setTenantRawRetention } from './retention.js';

let t: TestDatabase;
const DAY = 86_400_000;
const NOW = new Date('2026-06-30T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

beforeAll(async () => {
  t = await createTestDatabase('bounce_raw_retention');
  await t.db.insert(tenants).values([
    { id: 'short', name: 'Short', rawRetentionDays: 7 },
    { id: 'default', name: 'Default' },
    { id: 'forever', name: 'Forever', rawRetentionDays: 0 },
  ]);
});
afterAll(async () => {
  await t?.drop();
});

let seq = 0;
async function raw(
  tenantId: string,
  ageDays: number,
  status: 'received' | 'parsed' | 'applied' | 'manual' | 'failed',
  resolved = false,
): Promise<string> {
  seq++;
  const content = Buffer.from(`Subject: message ${seq}\r\n\r\nbody`);
  const [row] = await t.db
    .insert(rawMessages)
    .values({
      tenantId,
      sha256: seq.toString(16).padStart(64, '0'),
      size: content.length,
      content,
      status,
      receivedAt: daysAgo(ageDays),
      ...(resolved ? { resolution: 'not-bounce' as const, resolvedAt: daysAgo(ageDays), resolvedBy: 'op' } : {}),
    })
    .returning({ id: rawMessages.id });
  return row!.id;
}

describe('purgeExpiredRawContent', () => {
  it("removes settled messages' content past each tenant's period, keeps rows, verdicts and unsettled content", async () => {
    const ids = {
      shortOld: await raw('short', 8, 'applied'),
      shortFailed: await raw('short', 30, 'failed'),
      shortResolved: await raw('short', 30, 'manual', true),
      shortYoung: await raw('short', 6, 'applied'),
      shortOpenManual: await raw('short', 30, 'manual'),
      shortStuck: await raw('short', 30, 'received'),
      defaultOld: await raw('default', 40, 'applied'),
      defaultYoung: await raw('default', 20, 'applied'),
      foreverOld: await raw('forever', 4000, 'applied'),
    };
    await t.db.insert(bounces).values({
      tenantId: 'short',
      idempotencyKey: 'k-1',
      rawMessageId: ids.shortOld,
      kind: 'bounce',
      recipient: 'gone@example.com',
      reason: 'userunknown',
      class: 'hard',
      occurredAt: daysAgo(8),
    });

    // Batches of 2: the loop must go on until nothing is due.
    const result = await purgeExpiredRawContent(t.db, { defaultDays: 30, now: NOW, batchSize: 2 });
    const purged = [ids.shortOld, ids.shortFailed, ids.shortResolved, ids.defaultOld];
    expect(result.purged).toBe(purged.length);
    expect(result.bytes).toBeGreaterThan(0);

    const rows = await t.db
      .select({ id: rawMessages.id, content: rawMessages.content, purgedAt: rawMessages.contentPurgedAt })
      .from(rawMessages)
      .where(inArray(rawMessages.id, Object.values(ids)));
    expect(rows).toHaveLength(Object.keys(ids).length); // no row deleted
    for (const row of rows) {
      if (purged.includes(row.id)) {
        expect(Buffer.from(row.content).length, row.id).toBe(0);
        expect(row.purgedAt, row.id).toEqual(NOW);
      } else {
        expect(Buffer.from(row.content).length, row.id).toBeGreaterThan(0);
        expect(row.purgedAt, row.id).toBeNull();
      }
    }
    // The verdict stays, and a reader learns the content is gone rather than reading an empty message.
    const [verdict] = await t.db.select().from(bounces).where(eq(bounces.rawMessageId, ids.shortOld));
    expect(verdict?.reason).toBe('userunknown');
    expect((await getRawMessageContent(t.db, 'short', ids.shortOld))?.contentPurgedAt).toEqual(NOW);

    // A second run finds nothing; with the default at 0 the default tenant's young message is kept too.
    expect(await purgeExpiredRawContent(t.db, { defaultDays: 30, now: NOW })).toEqual({ purged: 0, bytes: 0 });
    expect((await purgeExpiredRawContent(t.db, { defaultDays: 0, now: daysAgo(-100) })).purged).toBe(1); // shortYoung
  });

  it('bounds one call by maxRows', async () => {
    await t.db.insert(tenants).values({ id: 'bounded', name: 'Bounded', rawRetentionDays: 1 });
    for (let i = 0; i < 5; i++) await raw('bounded', 10, 'applied');
    expect((await purgeExpiredRawContent(t.db, { defaultDays: 0, now: NOW, batchSize: 2, maxRows: 3 })).purged).toBe(3);
    expect((await purgeExpiredRawContent(t.db, { defaultDays: 0, now: NOW, batchSize: 2, maxRows: 3 })).purged).toBe(2);
  });
});

describe('ensureRetentionIndex', () => {
  it('builds the partial index once, concurrently, outside the migrations', async () => {
    expect(await ensureRetentionIndex(t.db)).toBe(true);
    expect(await ensureRetentionIndex(t.db)).toBe(false);
  });
});

describe('setTenantRawRetention', () => {
  it('sets, clears and refuses impossible periods', async () => {
    await setTenantRawRetention(t.db, 'default', 90);
    expect((await t.db.select().from(tenants).where(eq(tenants.id, 'default')))[0]?.rawRetentionDays).toBe(90);
    await setTenantRawRetention(t.db, 'default', null);
    expect((await t.db.select().from(tenants).where(eq(tenants.id, 'default')))[0]?.rawRetentionDays).toBeNull();
    await expect(setTenantRawRetention(t.db, 'default', -1)).rejects.toThrow(StoreError);
    await expect(setTenantRawRetention(t.db, 'default', 1.5)).rejects.toThrow(StoreError);
    await expect(setTenantRawRetention(t.db, 'nobody', 5)).rejects.toThrow(/not found/);
  });
});

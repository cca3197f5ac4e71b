import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../schema.js';
import { seedTenant } from '../testing/bounce-fixtures.js';
import { outboxRowsOffRegistry } from '../testing/outbox-payloads.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import {
  claimDueSenderSetupChecks,
  getSenderSetupCheck,
  listSenderSetupChecks,
  recordSenderSetupReport,
  SenderSetupLimitError,
  unwatchSenderSetup,
  watchSenderSetup,
} from './setup-checks.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('bounce_setup_checks');
  await seedTenant(t.db, 'acme');
  await seedTenant(t.db, 'globex');
});
afterAll(async () => {
  await t?.drop();
});

const changedEvents = () =>
  t.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, 'acme'), eq(outbox.type, 'sender_setup.changed')));

describe('watched sending setups', () => {
  it('keeps one per domain, claims due ones once, and announces a changed result only', async () => {
    const first = await watchSenderSetup(t.db, 'acme', { domain: 'Example.com', request: { ips: ['192.0.2.1'] } });
    const again = await watchSenderSetup(t.db, 'acme', { domain: 'example.com', request: { ips: ['192.0.2.2'] } });
    expect(again.id).toBe(first.id);
    expect(again.request).toEqual({ ips: ['192.0.2.2'] });
    await watchSenderSetup(t.db, 'globex', { domain: 'example.com', request: {} });

    const now = new Date(Date.now() + 1000);
    const next = new Date(now.getTime() + 3_600_000);
    const [a, b] = await Promise.all([
      claimDueSenderSetupChecks(t.db, { now, nextCheckAt: next, limit: 10 }),
      claimDueSenderSetupChecks(t.db, { now, nextCheckAt: next, limit: 10 }),
    ]);
    expect([...(a ?? []), ...(b ?? [])].map((c) => c.tenantId).sort()).toEqual(['acme', 'globex']);
    expect(await claimDueSenderSetupChecks(t.db, { now, nextCheckAt: next, limit: 10 })).toEqual([]);

    const checkedAt = new Date();
    // The first report is a baseline: nothing to compare with, nothing announced.
    const baseline = await recordSenderSetupReport(t.db, 'acme', first.id, {
      report: { status: 'pass' },
      status: 'pass',
      changes: [{ key: 'ptr:192.0.2.2', from: null, to: 'pass' }],
      checkedAt,
    });
    expect(baseline).toEqual({ stored: true, announced: false });
    expect(
      await recordSenderSetupReport(t.db, 'acme', first.id, {
        report: { status: 'pass' },
        status: 'pass',
        changes: [],
        checkedAt,
      }),
    ).toEqual({ stored: true, announced: false });
    const changed = await recordSenderSetupReport(t.db, 'acme', first.id, {
      report: { status: 'fail' },
      status: 'fail',
      changes: [{ key: 'ptr:192.0.2.2', from: 'pass', to: 'fail' }],
      checkedAt,
    });
    expect(changed).toEqual({ stored: true, announced: true });
    const events = await changedEvents();
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      domain: 'example.com',
      status: 'fail',
      changes: [{ key: 'ptr:192.0.2.2', from: 'pass', to: 'fail' }],
    });
    expect(
      await recordSenderSetupReport(t.db, 'globex', first.id, { report: {}, status: 'pass', changes: [], checkedAt }),
    ).toEqual({ stored: false, announced: false });
    expect((await listSenderSetupChecks(t.db, 'acme')).map((c) => [c.domain, c.status])).toEqual([
      ['example.com', 'fail'],
    ]);
    expect((await getSenderSetupCheck(t.db, 'acme', first.id))?.status).toBe('fail');
    expect(await getSenderSetupCheck(t.db, 'globex', first.id)).toBeNull();
    expect(await unwatchSenderSetup(t.db, 'globex', first.id)).toBe(false);
    expect(await unwatchSenderSetup(t.db, 'acme', first.id)).toBe(true);
    expect(await listSenderSetupChecks(t.db, 'acme')).toEqual([]);
    expect(await outboxRowsOffRegistry(t.db)).toEqual([]);
  });

  it('keeps the per-tenant cap under concurrent requests, still replacing a watched domain', async () => {
    await seedTenant(t.db, 'initech');
    await seedTenant(t.db, 'hooli');
    const max = 5;
    await watchSenderSetup(t.db, 'initech', { domain: 'kept.example', request: {} }, { maxPerTenant: max });
    // Twelve new domains at once on separate pool connections: without the lock, every count would see one row.
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        watchSenderSetup(t.db, 'initech', { domain: `d${i}.example`, request: {} }, { maxPerTenant: max }),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(max - 1);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(SenderSetupLimitError);
    expect(await listSenderSetupChecks(t.db, 'initech')).toHaveLength(max);
    // At the cap, a watched domain is replaced, and another tenant is not limited by this one.
    const again = await watchSenderSetup(
      t.db,
      'initech',
      { domain: 'kept.example', request: { a: 1 } },
      { maxPerTenant: max },
    );
    expect(again.request).toEqual({ a: 1 });
    await expect(
      watchSenderSetup(t.db, 'hooli', { domain: 'other.example', request: {} }, { maxPerTenant: 1 }),
    ).resolves.toBeDefined();
  });
});

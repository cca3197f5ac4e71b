import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undoAuditEntry } from '../audit/undo.js';
import { applyBounces } from '../bounces/apply-bounces.js';
import { getAddress, listAuditTrail, listSuppressedAddresses } from '../index.js';
import { recordSends } from '../sends/sends.js';
import { queryRows } from '../sql/sql-util.js';
import { canSend, canSendMany } from '../suppressions/can-send.js';
import { blockDomain, unblockDomain } from '../suppressions/domain-blocks.js';
import { importSuppressions } from '../suppressions/suppression-import.js';
import { countRows, parsedBounce, seedTenant, VERDICTS } from '../testing/bounce-fixtures.js';
import { outboxRowsOffRegistry } from '../testing/outbox-payloads.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { blockAddress, resetAddressCount, unblockAddress } from './manual-ops.js';

const T = 'acme';
const OP = { actor: 'operator:alice', reason: 'customer confirmed the mailbox works' };
const day = (n: number) => new Date(Date.UTC(2025, 5, 1 + n, 10));
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('bounce_manual');
  await seedTenant(t.db, T);
});
afterAll(async () => {
  await t?.drop();
});

async function hardBounce(address: string, key: string, at: Date) {
  await recordSends(t.db, T, [{ recipient: address, sentAt: new Date(at.getTime() - 3_600_000) }]);
  return applyBounces(
    t.db,
    T,
    [{ parsed: parsedBounce([{ recipient: address, ...VERDICTS.userUnknown, at }]), rawSha256: key }],
    {
      now: at,
    },
  );
}

describe('manual operations', () => {
  it('unblock starts the address clean, and a late bounce from before the unblock cannot re-block it', async () => {
    await hardBounce('back@example.com', 'back-1', day(1));
    const r = await unblockAddress(t.db, T, 'Back@Example.com', { ...OP, now: day(2) });
    expect(r).toMatchObject({ changed: true, after: { state: 'active', consecutiveSoftFailures: 0 } });
    expect((await canSend(t.db, T, 'back@example.com', 'newsletter')).allowed).toBe(true);
    const [audit] = (await listAuditTrail(t.db, T, { address: 'back@example.com', action: 'unblock' })).items;
    expect(audit).toMatchObject({ actor: 'operator:alice', rule: 'manual' });
    expect(audit?.reason).toContain(OP.reason);
    // A bounce that occurred before the unblock (slow DSN) arrives afterwards: stale.
    const late = await applyBounces(
      t.db,
      T,
      [
        {
          parsed: parsedBounce([{ recipient: 'back@example.com', ...VERDICTS.userUnknown, at: day(1) }]),
          rawSha256: 'back-late',
        },
      ],
      { now: day(3) },
    );
    expect(late.results[0]?.rule).toBe('stale-event');
    expect((await getAddress(t.db, T, 'back@example.com')).record?.state).toBe('active');
    // A new failure after the unblock blocks again.
    await hardBounce('back@example.com', 'back-2', day(4));
    expect((await getAddress(t.db, T, 'back@example.com')).record?.state).toBe('blocked');
    const outbox = await queryRows<{ type: string }>(
      t.db,
      sql`select type from outbox where tenant_id = ${T} and address = 'back@example.com' order by id`,
    );
    expect(outbox.map((o) => o.type)).toEqual([
      'bounce.recorded',
      'address.blocked',
      'address.unblocked',
      'bounce.recorded',
      'bounce.recorded',
      'address.blocked',
    ]);
  });

  it('blocks by hand, resets counts, and refuses an unknown address for unblock', async () => {
    const b = await blockAddress(t.db, T, 'manual@example.com', OP);
    expect(b.after).toMatchObject({ state: 'blocked', suppressionReason: 'manual' });
    expect((await blockAddress(t.db, T, 'manual@example.com', OP)).changed).toBe(false);
    await recordSends(t.db, T, [{ recipient: 'count@example.com', sentAt: day(0) }]);
    await applyBounces(
      t.db,
      T,
      [1, 2].map((n) => ({
        parsed: parsedBounce([{ recipient: 'count@example.com', ...VERDICTS.mailboxFull, at: day(n) }]),
        rawSha256: `count-${n}`,
      })),
      { now: day(3) },
    );
    const reset = await resetAddressCount(t.db, T, 'count@example.com', { ...OP, now: day(3) });
    expect(reset.before.consecutiveSoftFailures).toBe(2);
    expect(reset.after.consecutiveSoftFailures).toBe(0);
    await expect(unblockAddress(t.db, T, 'never-seen@example.com', OP)).rejects.toMatchObject({ code: 'not-found' });
    await expect(unblockAddress(t.db, T, 'not an address', OP)).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('undoing an unblock restores the block with its original detail (the diagnostic), not the undo reason', async () => {
    await hardBounce('detail@example.com', 'detail-1', day(1));
    const blocked = (await getAddress(t.db, T, 'detail@example.com')).record;
    expect(blocked?.state).toBe('blocked');
    const diagnostic = blocked?.suppressionDetail;
    expect(diagnostic).toBeTruthy();
    await unblockAddress(t.db, T, 'detail@example.com', { ...OP, now: day(2) });
    const [unblock] = (await listAuditTrail(t.db, T, { address: 'detail@example.com', action: 'unblock' })).items;
    await undoAuditEntry(t.db, T, unblock!.id, { actor: 'operator:bob', reason: 'unblocked by mistake', now: day(3) });
    const restored = (await getAddress(t.db, T, 'detail@example.com')).record;
    expect(restored).toMatchObject({
      state: 'blocked',
      suppressionReason: 'hard-bounce',
      suppressionDetail: diagnostic,
    });
  });

  it('undoes an audit entry in one step, once', async () => {
    await hardBounce('undo@example.com', 'undo-1', day(1));
    const [block] = (await listAuditTrail(t.db, T, { address: 'undo@example.com', action: 'block' })).items;
    const undone = await undoAuditEntry(t.db, T, block!.id, { ...OP, now: day(2) });
    expect(undone).toMatchObject({ revertedId: block!.id, changed: true, overridesLaterChanges: false });
    expect((await getAddress(t.db, T, 'undo@example.com')).record).toMatchObject({
      state: 'active',
      suppressionReason: null,
    });
    const [undoRow] = (await listAuditTrail(t.db, T, { address: 'undo@example.com', action: 'undo' })).items;
    expect(undoRow?.revertsId).toBe(block!.id);
    await expect(undoAuditEntry(t.db, T, block!.id, OP)).rejects.toMatchObject({ code: 'already-undone' });
    // Undoing the undo re-applies the block.
    await undoAuditEntry(t.db, T, undoRow!.id, { ...OP, now: day(3) });
    expect((await getAddress(t.db, T, 'undo@example.com')).record?.state).toBe('blocked');
    // Two operators undoing the same entry at once: exactly one wins.
    const [again] = (await listAuditTrail(t.db, T, { address: 'undo@example.com', action: 'undo' })).items;
    const results = await Promise.allSettled([
      undoAuditEntry(t.db, T, again!.id, OP),
      undoAuditEntry(t.db, T, again!.id, OP),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'already-undone' } });
  });

  it('blocks and unblocks a whole domain (with undo), and canSend honours it', async () => {
    await recordSends(t.db, T, [{ recipient: 'someone@dead-domain.example', sentAt: day(0) }]);
    const blocked = await blockDomain(t.db, T, '@Dead-Domain.example', {
      actor: 'operator:alice',
      reason: 'domain expired',
    });
    expect(blocked).toMatchObject({ domain: 'dead-domain.example', changed: true });
    const [a, b] = await canSendMany(t.db, T, ['someone@dead-domain.example', 'new@dead-domain.example'], 'newsletter');
    expect(a).toMatchObject({ allowed: false, blocked: true, blockReason: 'domain' });
    expect(b).toMatchObject({ allowed: false, blockReason: 'domain' });
    expect((await canSend(t.db, T, 'new@dead-domain.example', 'invoice')).allowed).toBe(true);
    await undoAuditEntry(t.db, T, blocked.auditId!, { actor: 'operator:bob', reason: 'domain renewed' });
    expect((await canSend(t.db, T, 'new@dead-domain.example', 'newsletter')).allowed).toBe(true);
    await blockDomain(t.db, T, 'dead-domain.example', { actor: 'operator:alice', reason: 'expired again' });
    expect(
      (await unblockDomain(t.db, T, 'dead-domain.example', { actor: 'operator:alice', reason: 'fixed' })).changed,
    ).toBe(true);
    const types = await queryRows<{ type: string }>(
      t.db,
      sql`select type from outbox where tenant_id = ${T} and type like 'domain.%' order by id`,
    );
    expect(types.map((r) => r.type)).toEqual([
      'domain.blocked',
      'domain.unblocked',
      'domain.blocked',
      'domain.unblocked',
    ]);
  });

  it('imports a suppression list in bulk, idempotently, with undoable audit rows', async () => {
    await blockAddress(t.db, T, 'already@import.example', OP);
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ address: `Imported${i}@import.example` }));
    rows.push(
      { address: 'already@import.example' },
      { address: 'not-an-address' },
      { address: 'imported1@import.example' },
    );
    const first = await importSuppressions(t.db, T, rows, {
      actor: 'import',
      reason: 'previous ESP export',
      chunkSize: 5000,
    });
    expect(first.suppressed).toBe(12_000);
    expect(first.unchanged).toBe(1); // already blocked: keeps its manual reason
    expect(first.invalid).toEqual([{ index: 12_001, value: 'not-an-address' }]);
    expect(await countRows(t.db, 'addresses', T, `suppression_reason = 'import'`)).toBe(12_000);
    expect(await countRows(t.db, 'audit_log', T, `rule = 'import'`)).toBe(12_000);
    expect(await countRows(t.db, 'outbox', T, `type = 'suppressions.imported'`)).toBe(3); // one per chunk
    const again = await importSuppressions(t.db, T, rows, { actor: 'import', reason: 'previous ESP export' });
    expect(again.suppressed).toBe(0);
    expect(await countRows(t.db, 'audit_log', T, `rule = 'import'`)).toBe(12_000);
    expect((await getAddress(t.db, T, 'already@import.example')).record?.suppressionReason).toBe('manual');

    const page = await listSuppressedAddresses(t.db, T, { reason: 'import', limit: 100 });
    expect(page.items).toHaveLength(100);
    const next = await listSuppressedAddresses(t.db, T, { reason: 'import', limit: 100, cursor: page.nextCursor });
    expect(next.items[0]!.id).toBeLessThan(page.items[99]!.id);

    const [entry] = (await listAuditTrail(t.db, T, { address: 'imported5@import.example' })).items;
    await undoAuditEntry(t.db, T, entry!.id, { actor: 'operator:alice', reason: 'not ours to block' });
    expect((await getAddress(t.db, T, 'imported5@import.example')).record?.state).toBe('active');

    const listOnly = await importSuppressions(t.db, T, [{ address: 'reader@list.example' }], {
      actor: 'import',
      reason: 'unsubscribed elsewhere',
      listId: 'weekly',
    });
    expect(listOnly.suppressed).toBe(1);
    expect((await canSend(t.db, T, 'reader@list.example', 'newsletter', 'weekly')).allowed).toBe(false);
    expect((await canSend(t.db, T, 'reader@list.example', 'newsletter', 'monthly')).allowed).toBe(true);
  }, 60_000); // 24,000 rows written: 4.6 to 7.3 s at load 20 to 25 on 2 cores

  it('wrote every outbox event in the shape and priority of the event registry', async () => {
    expect(await outboxRowsOffRegistry(t.db)).toEqual([]);
  });
});

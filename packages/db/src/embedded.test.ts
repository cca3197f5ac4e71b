/** The embedded path: with no DATABASE_URL the same schema and store run on PGlite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unblockAddress } from './addresses/manual-ops.js';
import { undoAuditEntry } from './audit/undo.js';
import { applyBounces } from './bounces/apply-bounces.js';
import { type DatabaseHandle, openMemoryDatabase } from './client.js';
import { listAuditTrail } from './index.js';
import { migrateDatabase } from './migrate.js';
import { recordSends } from './sends/sends.js';
import { canSend, canSendMany } from './suppressions/can-send.js';
import { importSuppressions } from './suppressions/suppression-import.js';
import { countRows, parsedBounce, seedTenant, VERDICTS } from './testing/bounce-fixtures.js';

let h: DatabaseHandle;
const T = 'solo';
const day = (n: number) => new Date(Date.UTC(2025, 7, 1 + n));

// PGlite starts a WebAssembly PostgreSQL: seconds on a busy 2-core machine, hence the generous limits.
beforeAll(async () => {
  h = openMemoryDatabase();
  await migrateDatabase(h);
  await seedTenant(h.db, T);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('store on embedded PGlite', () => {
  it('applies bounces, answers canSend, and runs manual operations', async () => {
    await recordSends(h.db, T, [
      { recipient: 'dead@example.com', messageId: '<d@solo>', sentAt: day(0) },
      { recipient: 'full@example.com', sentAt: day(0) },
    ]);
    const items = [
      {
        parsed: parsedBounce([{ recipient: 'dead@example.com', ...VERDICTS.userUnknown, at: day(1) }], {
          messageId: '<d@solo>',
        }),
        rawSha256: 'p1',
      },
      ...[1, 2, 3, 4, 5].map((n) => ({
        parsed: parsedBounce([{ recipient: 'full@example.com', ...VERDICTS.mailboxFull, at: day(n) }]),
        rawSha256: `p-soft-${n}`,
      })),
    ];
    const r = await applyBounces(h.db, T, items, { now: day(6) });
    expect(r.applied).toBe(6);
    expect((await applyBounces(h.db, T, items, { now: day(6) })).duplicates).toBe(6);
    const answers = await canSendMany(
      h.db,
      T,
      ['dead@example.com', 'full@example.com', 'fresh@example.com'],
      'newsletter',
    );
    expect(answers.map((a) => [a.allowed, a.blockReason])).toEqual([
      [false, 'hard-bounce'],
      [false, 'escalation'],
      [true, null],
    ]);
    expect((await canSend(h.db, T, 'dead@example.com', 'invoice')).allowed).toBe(true);

    await unblockAddress(h.db, T, 'dead@example.com', { actor: 'operator:me', reason: 'fixed', now: day(7) });
    expect((await canSend(h.db, T, 'dead@example.com', 'newsletter')).allowed).toBe(true);
    const [unblock] = (await listAuditTrail(h.db, T, { address: 'dead@example.com', action: 'unblock' })).items;
    await undoAuditEntry(h.db, T, unblock!.id, { actor: 'operator:me', reason: 'no, it is dead' });
    expect((await canSend(h.db, T, 'dead@example.com', 'newsletter')).allowed).toBe(false);

    const imported = await importSuppressions(h.db, T, [{ address: 'x@imp.example' }, { address: 'y@imp.example' }], {
      actor: 'import',
      reason: 'legacy list',
    });
    expect(imported.suppressed).toBe(2);
    expect(await countRows(h.db, 'audit_log', T, `rule = 'import'`)).toBe(2);
  }, 60_000);
});

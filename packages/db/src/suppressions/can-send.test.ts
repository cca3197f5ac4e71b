import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant } from '../testing/bounce-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { canSendMany } from './can-send.js';
import { blockDomain } from './domain-blocks.js';
import { importSuppressions } from './suppression-import.js';

let t: TestDatabase;
const T = 'acme';

beforeAll(async () => {
  t = await createTestDatabase('bounce_cansend');
  await seedTenant(t.db, T);
});
afterAll(async () => {
  await t?.drop();
});

describe('canSendMany', () => {
  it('answers 1,000 addresses in input order, combining address, domain and list suppressions', async () => {
    const addresses = Array.from(
      { length: 1000 },
      (_, i) => `r${i}@${i % 10 === 0 ? 'closed.example' : 'open.example'}`,
    );
    await importSuppressions(
      t.db,
      T,
      addresses.filter((_, i) => i % 7 === 0).map((address) => ({ address })),
      {
        actor: 'import',
        reason: 'legacy',
      },
    );
    await importSuppressions(t.db, T, [{ address: addresses[1]! }], {
      actor: 'import',
      reason: 'unsubscribed',
      listId: 'weekly',
    });
    await blockDomain(t.db, T, 'closed.example', { actor: 'operator:a', reason: 'company closed' });
    const answers = await canSendMany(t.db, T, [...addresses, 'garbage'], 'newsletter', 'weekly');
    expect(answers).toHaveLength(1001);
    answers.slice(0, 1000).forEach((a, i) => {
      expect(a.address).toBe(addresses[i]);
      const expected = i % 7 === 0 ? 'import' : i % 10 === 0 ? 'domain' : null;
      expect(a.blockReason).toBe(expected);
      expect(a.allowed).toBe(expected === null && i !== 1);
    });
    expect(answers[1]).toMatchObject({ allowed: false, listSuppressed: true });
    expect(answers[1000]).toMatchObject({ allowed: false, address: null });
    const invoices = await canSendMany(t.db, T, addresses.slice(0, 20), 'invoice');
    expect(invoices.every((a) => a.allowed && a.exempt)).toBe(true);
  });
});

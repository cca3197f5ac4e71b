import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditTrail } from '../index.js';
import { createTenant } from '../tenants.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import {
  deleteRuleSet,
  getRuleSetOverrides,
  loadRuleConfig,
  loadRuleConfigResolver,
  setRuleSetOverrides,
} from './rule-sets.js';

let t: TestDatabase;
const T = 'acme';

beforeAll(async () => {
  t = await createTestDatabase('bounce_rulesets');
  await createTenant(t.db, { id: T, name: 'Acme' });
});
afterAll(async () => {
  await t?.drop();
});

describe('tenants and rule sets', () => {
  it('refuses a duplicate or malformed tenant id', async () => {
    await expect(createTenant(t.db, { id: T, name: 'again' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(createTenant(t.db, { id: 'Not A Slug', name: 'x' })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('merges tenant < category < list layers over the defaults, per batch from one query', async () => {
    await setRuleSetOverrides(t.db, T, { scope: 'tenant' }, { softBounceThreshold: 3 }, 'operator:a');
    await setRuleSetOverrides(
      t.db,
      T,
      { scope: 'category', category: 'Newsletter' },
      { softBounceThreshold: 2, deliveryGraceHours: 24 },
      'operator:a',
    );
    await setRuleSetOverrides(
      t.db,
      T,
      { scope: 'list', listId: 'vip' },
      { softThresholdAction: 'notify-only' },
      'operator:a',
    );
    expect((await loadRuleConfig(t.db, T)).softBounceThreshold).toBe(3);
    const resolver = await loadRuleConfigResolver(t.db, T);
    expect(resolver.resolve('newsletter', null)).toMatchObject({ softBounceThreshold: 2, deliveryGraceHours: 24 });
    expect(resolver.resolve('newsletter', 'vip')).toMatchObject({
      softBounceThreshold: 2,
      softThresholdAction: 'notify-only',
    });
    expect(resolver.resolve('invoice', null)).toMatchObject({ softBounceThreshold: 3, hardBounceAction: 'block' });
    expect(resolver.resolve('NEWSLETTER', null)).toBe(resolver.resolve('newsletter', null)); // cached
  });

  it('validates overrides with the rules schema and audits every change', async () => {
    await expect(
      setRuleSetOverrides(t.db, T, { scope: 'tenant' }, { softBounceTreshold: 4 }, 'operator:a'),
    ).rejects.toMatchObject({ code: 'invalid-rule-config' });
    await expect(
      setRuleSetOverrides(t.db, T, { scope: 'tenant' }, { hardReasons: ['nonsense'] }, 'operator:a'),
    ).rejects.toMatchObject({ code: 'invalid-rule-config' });
    const updated = await setRuleSetOverrides(t.db, T, { scope: 'tenant' }, { softBounceThreshold: 4 }, 'operator:b');
    expect(updated.version).toBe(2);
    expect((await getRuleSetOverrides(t.db, T, { scope: 'tenant' }))?.config).toEqual({ softBounceThreshold: 4 });
    const audit = await listAuditTrail(t.db, T, { action: 'rule-set.update' });
    expect(audit.items[0]).toMatchObject({ actor: 'operator:b', before: { config: { softBounceThreshold: 3 } } });
    expect(await deleteRuleSet(t.db, T, { scope: 'list', listId: 'vip' }, 'operator:b')).toBe(true);
    expect(await deleteRuleSet(t.db, T, { scope: 'list', listId: 'vip' }, 'operator:b')).toBe(false);
  });
});

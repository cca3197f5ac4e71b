import { describe, expect, it } from 'vitest';
import { cleanAddressState } from '../address-state.js';
import { blocklisted, day, hard, soft, withConfig } from '../test-fixtures.js';
import type { RuleEvent } from '../types.js';
import type { LockedAddress, PendingEvent } from './batch-types.js';
import { decideAll, planOutcomes } from './plan-batch.js';

const locked = (address: string, id: number): LockedAddress => ({
  id,
  address,
  domain: address.split('@')[1]!,
  version: 1,
  lastBounceId: null,
  suppressionDetail: null,
  state: cleanAddressState(),
});

const pending = (address: string, event: RuleEvent): PendingEvent => ({
  address,
  event,
  send: null,
  bounce: null,
  actor: 'rules',
  sendUpdate: null,
});

const CONFIG = withConfig({ softBounceThreshold: 2 });
const rules = { resolve: () => CONFIG };

describe('batch planning', () => {
  it('decides per address in occurrence order and plans the writes of the batch', () => {
    const rows = new Map([
      ['a@example.net', locked('a@example.net', 1)],
      ['b@example.net', locked('b@example.net', 2)],
      ['c@example.org', locked('c@example.org', 3)],
    ]);
    // Out of order on purpose: b's second soft failure escalates only when taken in occurrence order.
    const events = [
      pending('b@example.net', soft({ occurredAt: day(2) })),
      pending('a@example.net', hard({ occurredAt: day(1) })),
      pending('b@example.net', soft({ occurredAt: day(1) })),
      pending('c@example.org', blocklisted({ occurredAt: day(1), recipientDomain: 'example.org' })),
    ];
    const outcomes = decideAll(rules, rows, events);
    expect(outcomes.map((o) => `${o.pending.address} ${o.decision.rule}`)).toEqual([
      'a@example.net hard-bounce',
      'b@example.net soft-failure',
      'b@example.net soft-threshold',
      'c@example.org sender-side',
    ]);

    const plan = planOutcomes(rows, outcomes);
    expect(plan.blocked).toBe(2);
    expect(plan.addressWrites.map((w) => [w.id, w.state.state])).toEqual([
      [1, 'blocked'],
      [2, 'blocked'],
    ]);
    expect(plan.events.filter((e) => e.type === 'address.blocked').map((e) => e.address)).toEqual([
      'a@example.net',
      'b@example.net',
    ]);
    expect(plan.audits.map((a) => `${a.address} ${a.action}`)).toEqual([
      'a@example.net block',
      'b@example.net soft-failure',
      'b@example.net escalate',
    ]);
    // The sender-side rejection opens an alert for the receiving domain and leaves the address alone.
    expect(plan.alerts).toMatchObject([{ domain: 'example.org', reason: 'blocked', n: 1 }]);
    // The configuration in force is sent once per batch, whatever the number of audit rows citing it.
    expect(plan.sharedConfigs).toEqual([CONFIG]);
  });

  it('refuses to decide for an address that was not locked', () => {
    expect(() => decideAll(rules, new Map(), [pending('x@example.net', hard())])).toThrow(/not locked/);
  });
});

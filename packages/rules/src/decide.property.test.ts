/**
 * Properties of decide over random event sequences and configurations (fast-check): what must hold whatever
 * the parser reports and in whatever order bounces arrive.
 */
import { REASONS } from '@bounce/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanAddressState, sameAddressState } from './address-state.js';
import { resolveRuleConfig, SUPPRESSION_ACTIONS } from './config.js';
import { decide } from './decide.js';
import { manualUnblock } from './manual.js';
import { T0 } from './test-fixtures.js';
import type { AddressState, BounceEvent, RuleConfig, RuleEvent } from './types.js';

const DAY = 86_400_000;
const at = fc.integer({ min: 0, max: 400 * DAY }).map((ms) => new Date(T0.getTime() + ms));

const bounceEvent: fc.Arbitrary<BounceEvent> = fc.record({
  type: fc.constant('bounce' as const),
  bounceId: fc.uuid(),
  occurredAt: at,
  class: fc.constantFrom('hard', 'soft', 'complaint', 'auto-reply', 'delivered', 'unknown' as const),
  reason: fc.constantFrom(...REASONS),
  status: fc.constantFrom(null, '5.1.1', '4.2.2', '5.7.1', '4.7.0', '5.0.0', '2.0.0'),
  replyCode: fc.constantFrom(null, 250, 421, 450, 452, 550, 554),
  diagnosticCode: fc.option(fc.string({ maxLength: 40 })),
  remoteMta: fc.constant(null),
  kind: fc.constantFrom('bounce', 'delayed', 'delivery-report', 'complaint', 'auto-reply' as const),
  category: fc.constantFrom(null, 'newsletter', 'invoice', 'transactional'),
  listId: fc.constantFrom(null, 'list-a', 'list-b'),
  recipientDomain: fc.constantFrom('example.net', 'gmail.com'),
  action: fc.constantFrom(undefined, null, 'failed', 'delayed', 'delivered' as const),
  feedbackType: fc.constantFrom(undefined, null, 'abuse', 'not-spam'),
});

const deliveryEvent: fc.Arbitrary<RuleEvent> = fc.record({
  type: fc.constant('delivery' as const),
  occurredAt: at,
  source: fc.constantFrom('dsn', 'send-event', 'grace-period' as const),
  sendId: fc.constant(null),
});

const event: fc.Arbitrary<RuleEvent> = fc.oneof(
  { weight: 4, arbitrary: bounceEvent },
  { weight: 1, arbitrary: deliveryEvent },
);

const config: fc.Arbitrary<RuleConfig> = fc
  .record({
    softBounceThreshold: fc.integer({ min: 1, max: 6 }),
    softFailureWindowDays: fc.constantFrom(null, 1, 30, 90),
    hardBounceAction: fc.constantFrom(...SUPPRESSION_ACTIONS),
    softThresholdAction: fc.constantFrom(...SUPPRESSION_ACTIONS),
    complaintAction: fc.constantFrom(...SUPPRESSION_ACTIONS),
    policyStatusIsSenderSide: fc.boolean(),
  })
  .map((overrides) => resolveRuleConfig(overrides));

describe('decide properties', () => {
  it('is deterministic and does not mutate its inputs', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), config, (events, cfg) => {
        let state: AddressState | null = null;
        for (const e of events) {
          const stateCopy = structuredClone(state);
          const eventCopy = structuredClone(e);
          const first = decide(state, e, cfg);
          const second = decide(stateCopy, eventCopy, structuredClone(cfg));
          expect(second).toEqual(first);
          expect(state).toEqual(stateCopy);
          expect(e).toEqual(eventCopy);
          state = first.next;
        }
      }),
    );
  });

  it('keeps its invariants over any sequence', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), config, (events, cfg) => {
        let state: AddressState | null = null;
        for (const e of events) {
          const d = decide(state, e, cfg);
          const before = state;
          const next = d.next;
          // changed means exactly "the state differs" (from the clean state for a never-seen address).
          expect(d.changed).toBe(!sameAddressState(before ?? cleanAddressState(), next));
          expect(d.explanation.length).toBeGreaterThan(0);
          // An active address never holds more failures than the threshold.
          if (next.state === 'active')
            expect(next.consecutiveSoftFailures).toBeLessThanOrEqual(cfg.softBounceThreshold);
          // A blocked address always says why and since when.
          if (next.state === 'blocked') {
            expect(next.suppressionReason).not.toBeNull();
            expect(next.suppressedAt).not.toBeNull();
          }
          // A blocked address never becomes active through an event (only manual unblock or undo do that).
          if (before?.state === 'blocked') {
            expect(next.state).toBe('blocked');
            expect(next.suppressionReason).toBe(before.suppressionReason);
          }
          // An event that did not count leaves the count alone or resets it (deliveries).
          if (!d.countedAsFailure) {
            const previous = before?.consecutiveSoftFailures ?? 0;
            expect([previous, 0]).toContain(next.consecutiveSoftFailures);
          }
          // A block effect goes with a transition to blocked, and only then.
          const blockEffect = d.effects.some((x) => x.type === 'block');
          expect(blockEffect).toBe(next.state === 'blocked' && before?.state !== 'blocked');
          // The time of the last bounce never moves backwards (a late, older bounce leaves it alone).
          if (before?.lastBounceAt)
            expect(next.lastBounceAt?.getTime()).toBeGreaterThanOrEqual(before.lastBounceAt.getTime());
          // Sender-side rejections never touch the address.
          if (d.rule === 'sender-side') expect(d.changed).toBe(false);
          // remove-from-list always names a list.
          for (const x of d.effects) if (x.type === 'remove-from-list') expect(x.listId).toBeTruthy();
          state = next;
        }
      }),
    );
  });

  it('after a manual unblock the next counted soft failure is the first', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), config, (events, cfg) => {
        let state: AddressState | null = null;
        for (const e of events) state = decide(state, e, cfg).next;
        const unblocked = manualUnblock(state, new Date(T0.getTime() + 500 * DAY), 'operator').next;
        expect(unblocked).toMatchObject({ state: 'active', consecutiveSoftFailures: 0 });
        const failure: BounceEvent = {
          type: 'bounce',
          bounceId: 'after-unblock',
          occurredAt: new Date(T0.getTime() + 501 * DAY),
          class: 'soft',
          reason: 'mailboxfull',
          status: '4.2.2',
          replyCode: 452,
          diagnosticCode: null,
          remoteMta: null,
          kind: 'bounce',
          category: 'newsletter',
          listId: 'list-a',
          recipientDomain: 'example.net',
        };
        const d = decide(unblocked, failure, cfg);
        expect(d.countedAsFailure).toBe(true);
        expect(d.next.consecutiveSoftFailures).toBe(1);
      }),
    );
  });

  it('two failures for a blocked address end with the same state in either order (commit order is irrelevant)', () => {
    const failure = bounceEvent.filter((e) => e.class === 'hard' || e.class === 'soft');
    fc.assert(
      fc.property(failure, failure, at, config, (a, b, blockedAt, cfg) => {
        const blocked: AddressState = {
          ...cleanAddressState(),
          state: 'blocked',
          suppressionReason: 'hard-bounce',
          suppressedAt: blockedAt,
          lastBounceAt: blockedAt,
        };
        const ab = decide(decide(blocked, a, cfg).next, b, cfg).next;
        const ba = decide(decide(blocked, b, cfg).next, a, cfg).next;
        expect(ab).toEqual(ba);
        expect(ab.state).toBe('blocked');
      }),
    );
  });
});

/**
 * Builders for rules tests: realistic bounce events (values as the parser reports them for real MTAs) and a
 * runner that folds a sequence of events through decide. Test-only; not exported from the package.
 */
import { cleanAddressState } from './address-state.js';
import { DEFAULT_RULE_CONFIG } from './config.js';
import { decide } from './decide.js';
import { MS_PER_DAY } from './explain.js';
import type { AddressState, BounceEvent, Decision, DeliveryEvent, RuleConfig, RuleEvent } from './types.js';

export const T0 = new Date('2025-03-01T12:00:00.000Z');

/** T0 plus a number of days (fractions allowed). */
export function day(n: number): Date {
  return new Date(T0.getTime() + n * MS_PER_DAY);
}

let nextBounce = 1;

/** A soft failure: Postfix relaying a "mailbox full" 452 from the recipient's MX. */
export function soft(overrides: Partial<BounceEvent> = {}): BounceEvent {
  return {
    type: 'bounce',
    bounceId: `bounce-${nextBounce++}`,
    occurredAt: T0,
    class: 'soft',
    reason: 'mailboxfull',
    status: '4.2.2',
    replyCode: 452,
    diagnosticCode: 'smtp; 452 4.2.2 <jane@example.net>: Recipient address rejected: Mailbox full',
    remoteMta: 'mx1.example.net',
    kind: 'bounce',
    category: 'newsletter',
    listId: 'list-weekly',
    recipientDomain: 'example.net',
    ...overrides,
  };
}

/** A hard bounce: Exchange's 550 5.1.1 for a mailbox that does not exist. */
export function hard(overrides: Partial<BounceEvent> = {}): BounceEvent {
  return soft({
    class: 'hard',
    reason: 'userunknown',
    status: '5.1.1',
    replyCode: 550,
    diagnosticCode: 'smtp; 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found',
    ...overrides,
  });
}

/** A sender-side rejection: a Spamhaus listing reported by the recipient's MX. */
export function blocklisted(overrides: Partial<BounceEvent> = {}): BounceEvent {
  return soft({
    reason: 'blocked',
    status: '5.7.1',
    replyCode: 554,
    diagnosticCode: 'smtp; 554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org',
    ...overrides,
  });
}

export function complaint(overrides: Partial<BounceEvent> = {}): BounceEvent {
  return soft({
    kind: 'complaint',
    class: 'complaint',
    reason: 'feedback',
    status: null,
    replyCode: null,
    diagnosticCode: null,
    feedbackType: 'abuse',
    ...overrides,
  });
}

export function delivery(at: Date, source: DeliveryEvent['source'] = 'send-event'): DeliveryEvent {
  return { type: 'delivery', occurredAt: at, source, sendId: 'send-1' };
}

export function addressState(overrides: Partial<AddressState> = {}): AddressState {
  return { ...cleanAddressState(), ...overrides };
}

export function withConfig(overrides: Partial<RuleConfig> = {}): RuleConfig {
  return { ...DEFAULT_RULE_CONFIG, ...overrides };
}

/** Fold events through decide; returns every decision and the final state. */
export function run(
  events: RuleEvent[],
  config: RuleConfig = DEFAULT_RULE_CONFIG,
  start: AddressState | null = null,
): { decisions: Decision[]; state: AddressState | null } {
  let state = start;
  const decisions: Decision[] = [];
  for (const event of events) {
    const d = decide(state, event, config);
    decisions.push(d);
    state = d.next;
  }
  return { decisions, state };
}

/** n soft failures one day apart starting at day `from`. */
export function softRun(n: number, from = 0, overrides: Partial<BounceEvent> = {}): BounceEvent[] {
  return Array.from({ length: n }, (_, i) => soft({ occurredAt: day(from + i), ...overrides }));
}

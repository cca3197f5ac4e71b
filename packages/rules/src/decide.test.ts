import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_CONFIG } from './config.js';
import { decide } from './decide.js';
import { RulesError } from './errors.js';
import { manualUnblock, resetCount } from './manual.js';
import {
  addressState,
  blocklisted,
  complaint,
  day,
  delivery,
  hard,
  run,
  soft,
  softRun,
  withConfig,
} from './test-fixtures.js';
import type { AddressState, Effect, RuleConfig, RuleEvent, RuleName } from './types.js';

type Case = {
  name: string;
  /** Events applied before the one under test. */
  given?: RuleEvent[];
  start?: AddressState | null;
  event: RuleEvent;
  config?: RuleConfig;
  expect: {
    rule: RuleName;
    state: 'active' | 'blocked';
    count?: number;
    suppressionReason?: AddressState['suppressionReason'];
    effects?: Effect[];
    counted?: boolean;
    changed?: boolean;
    lastBounceAt?: Date | null;
    explanation?: RegExp;
  };
};

const BLOCKED_HARD = addressState({ state: 'blocked', suppressionReason: 'hard-bounce', suppressedAt: day(-30) });
const invoice = { category: 'invoice', listId: null };

const CASES: Case[] = [
  // ---- hard bounces
  {
    name: 'hard bounce blocks a new address at once',
    event: hard(),
    expect: {
      rule: 'hard-bounce',
      state: 'blocked',
      suppressionReason: 'hard-bounce',
      effects: [{ type: 'block', reason: 'hard-bounce' }],
      counted: true,
      changed: true,
      explanation: /^hard bounce \(userunknown, status 5\.1\.1, reply 550: ".*RecipNotFound.*"\): address blocked$/,
    },
  },
  {
    name: 'already blocked + new hard bounce: block unchanged, recorded, lastBounceAt moves',
    start: BLOCKED_HARD,
    event: hard({ occurredAt: day(1) }),
    expect: {
      rule: 'already-blocked',
      state: 'blocked',
      suppressionReason: 'hard-bounce',
      effects: [],
      counted: false,
      changed: true,
      lastBounceAt: day(1),
      explanation: /already blocked \(hard-bounce since 2025-01-30/,
    },
  },
  {
    name: 'hard bounce with action remove-from-list removes from the send list only',
    event: hard({ listId: 'list-weekly' }),
    config: withConfig({ hardBounceAction: 'remove-from-list' }),
    expect: {
      rule: 'hard-bounce',
      state: 'active',
      effects: [{ type: 'remove-from-list', listId: 'list-weekly' }],
      explanation: /removed from list list-weekly only/,
    },
  },
  {
    name: 'remove-from-list without a list falls back to notify',
    event: hard({ listId: null, category: 'transactional' }),
    config: withConfig({ hardBounceAction: 'remove-from-list' }),
    expect: {
      rule: 'hard-bounce',
      state: 'active',
      effects: [{ type: 'notify', event: 'hard-bounce' }],
      explanation: /belongs to no list: operator notified instead/,
    },
  },
  {
    name: 'hard bounce with action notify-only leaves the address active',
    event: hard(),
    config: withConfig({ hardBounceAction: 'notify-only' }),
    expect: {
      rule: 'hard-bounce',
      state: 'active',
      effects: [{ type: 'notify', event: 'hard-bounce' }],
      counted: true,
    },
  },
  {
    name: 'a temporary 450 4.1.1 (Postfix address verification pending) is soft, not hard',
    event: hard({ status: '4.1.1', replyCode: 450, diagnosticCode: '450 4.1.1 <x@example.net>: unverified address' }),
    expect: { rule: 'soft-failure', state: 'active', count: 1, counted: true },
  },
  {
    name: 'notaccept (null MX) with a 5xx reply is hard',
    event: hard({ reason: 'notaccept', status: '5.1.10', replyCode: 556 }),
    expect: { rule: 'hard-bounce', state: 'blocked' },
  },
  {
    name: 'notaccept without any code follows the parser class (soft)',
    event: soft({ reason: 'notaccept', status: null, replyCode: null }),
    expect: { rule: 'soft-failure', state: 'active', count: 1 },
  },
  {
    name: 'notaccept without any code follows the parser class (hard)',
    event: hard({ reason: 'notaccept', status: null, replyCode: null }),
    expect: { rule: 'hard-bounce', state: 'blocked' },
  },
  {
    name: 'a reason removed from hardReasons is soft even when the parser says hard',
    event: hard({ reason: 'hasmoved', status: '5.1.6' }),
    config: withConfig({ hardReasons: ['userunknown', 'hostunknown', 'notaccept'] }),
    expect: { rule: 'soft-failure', state: 'active', count: 1 },
  },
  {
    name: 'a reason added to hardReasons blocks at once',
    event: soft({ reason: 'mailboxfull', status: '5.2.2', replyCode: 552 }),
    config: withConfig({ hardReasons: [...DEFAULT_RULE_CONFIG.hardReasons, 'mailboxfull'] }),
    expect: { rule: 'hard-bounce', state: 'blocked', suppressionReason: 'hard-bounce' },
  },

  // ---- soft failures, threshold and window
  {
    name: 'first soft failure counts 1',
    event: soft(),
    expect: {
      rule: 'soft-failure',
      state: 'active',
      count: 1,
      counted: true,
      explanation:
        /^1st consecutive soft failure \(threshold 5\) within 90 days \(mailboxfull, status 4\.2\.2, reply 452: .*\): counted, 4 more failures before escalation$/,
    },
  },
  {
    name: 'threshold - 1: the 4th consecutive soft failure does not block',
    given: softRun(3),
    event: soft({ occurredAt: day(3) }),
    expect: {
      rule: 'soft-failure',
      state: 'active',
      count: 4,
      effects: [],
      explanation: /^4th consecutive soft failure \(threshold 5\) within 90 days .*1 more failure before escalation$/,
    },
  },
  {
    name: 'threshold exactly reached: the 5th consecutive soft failure escalates and blocks',
    given: softRun(4),
    event: soft({ occurredAt: day(4) }),
    expect: {
      rule: 'soft-threshold',
      state: 'blocked',
      count: 5,
      suppressionReason: 'escalation',
      effects: [{ type: 'block', reason: 'escalation' }],
      counted: true,
      explanation:
        /^5th consecutive soft failure \(threshold 5\) within 90 days \(.*\): escalated to hard, address blocked$/,
    },
  },
  {
    name: 'per-config threshold 3: the 3rd blocks',
    given: softRun(2),
    event: soft({ occurredAt: day(2) }),
    config: withConfig({ softBounceThreshold: 3 }),
    expect: {
      rule: 'soft-threshold',
      state: 'blocked',
      count: 3,
      explanation: /3rd consecutive soft failure \(threshold 3\)/,
    },
  },
  {
    name: 'threshold 1: the first soft failure blocks',
    event: soft(),
    config: withConfig({ softBounceThreshold: 1 }),
    expect: { rule: 'soft-threshold', state: 'blocked', count: 1 },
  },
  {
    name: 'delivery between failures: the count restarts after the delivery',
    given: [...softRun(4), delivery(day(4))],
    event: soft({ occurredAt: day(5) }),
    expect: { rule: 'soft-failure', state: 'active', count: 1, explanation: /^1st consecutive/ },
  },
  {
    name: 'window expiry: previous failure 91 days earlier (window 90) restarts the count at 1',
    given: softRun(4),
    event: soft({ occurredAt: day(3 + 91) }),
    expect: {
      rule: 'soft-window-restart',
      state: 'active',
      count: 1,
      counted: true,
      explanation:
        /previous soft failure 91 days earlier is outside the 90-day window, count restarted: 1st consecutive/,
    },
  },
  {
    name: 'window boundary: exactly 90 days after the previous failure still counts',
    given: softRun(4),
    event: soft({ occurredAt: day(3 + 90) }),
    expect: { rule: 'soft-threshold', state: 'blocked', count: 5 },
  },
  {
    name: 'window restart when threshold is 1 still blocks (restart reaches the threshold)',
    given: [soft({ occurredAt: day(0) })],
    start: null,
    event: soft({ occurredAt: day(200) }),
    config: withConfig({ softBounceThreshold: 1, softThresholdAction: 'notify-only' }),
    expect: {
      rule: 'soft-threshold',
      state: 'active',
      count: 1,
      effects: [{ type: 'notify', event: 'soft-threshold' }],
      explanation: /count restarted: 1st consecutive soft failure \(threshold 1\)/,
    },
  },
  {
    name: 'no window (null): failures a year apart still escalate',
    given: [0, 100, 200, 300].map((d) => soft({ occurredAt: day(d) })),
    event: soft({ occurredAt: day(400) }),
    config: withConfig({ softFailureWindowDays: null }),
    expect: {
      rule: 'soft-threshold',
      state: 'blocked',
      explanation: /5th consecutive soft failure \(threshold 5\) with no expiry window/,
    },
  },
  {
    name: 'soft threshold with remove-from-list: removed from the list, address stays active at the threshold',
    given: softRun(4),
    event: soft({ occurredAt: day(4), listId: 'list-weekly' }),
    config: withConfig({ softThresholdAction: 'remove-from-list' }),
    expect: {
      rule: 'soft-threshold',
      state: 'active',
      count: 5,
      effects: [{ type: 'remove-from-list', listId: 'list-weekly' }],
      explanation: /^5th consecutive soft failure .*: removed from list list-weekly only/,
    },
  },
  {
    name: 'soft threshold with remove-from-list: a further failure on another list removes it there too (count capped)',
    given: softRun(5, 0, { listId: 'list-weekly' }),
    event: soft({ occurredAt: day(5), listId: 'list-offers' }),
    config: withConfig({ softThresholdAction: 'remove-from-list' }),
    expect: {
      rule: 'soft-threshold',
      state: 'active',
      count: 5,
      effects: [{ type: 'remove-from-list', listId: 'list-offers' }],
      explanation: /^6th consecutive soft failure \(threshold 5\)/,
    },
  },
  {
    name: 'soft threshold with notify-only',
    given: softRun(4),
    event: soft({ occurredAt: day(4) }),
    config: withConfig({ softThresholdAction: 'notify-only' }),
    expect: {
      rule: 'soft-threshold',
      state: 'active',
      count: 5,
      effects: [{ type: 'notify', event: 'soft-threshold' }],
    },
  },
  {
    name: 'soft failure on a blocked address: already blocked, count frozen',
    start: addressState({
      state: 'blocked',
      suppressionReason: 'escalation',
      consecutiveSoftFailures: 5,
      suppressedAt: day(-1),
    }),
    event: soft(),
    expect: {
      rule: 'already-blocked',
      state: 'blocked',
      count: 5,
      counted: false,
      changed: true,
      lastBounceAt: day(0),
    },
  },
  {
    name: 'an older bounce for a blocked address does not move lastBounceAt backwards',
    start: { ...BLOCKED_HARD, lastBounceAt: day(-2) },
    event: hard({ occurredAt: day(-5) }),
    expect: { rule: 'already-blocked', state: 'blocked', changed: false, lastBounceAt: day(-2) },
  },

  // ---- complaints
  {
    name: 'complaint blocks by default',
    event: complaint(),
    expect: {
      rule: 'complaint',
      state: 'blocked',
      suppressionReason: 'complaint',
      effects: [{ type: 'block', reason: 'complaint' }],
      counted: false,
      explanation: /^spam complaint \(feedback type abuse\) \(action block\): address blocked$/,
    },
  },
  {
    name: 'complaint with remove-from-list',
    event: complaint({ listId: 'list-weekly' }),
    config: withConfig({ complaintAction: 'remove-from-list' }),
    expect: { rule: 'complaint', state: 'active', effects: [{ type: 'remove-from-list', listId: 'list-weekly' }] },
  },
  {
    name: 'complaint with remove-from-list and no list: notify',
    event: complaint({ listId: null }),
    config: withConfig({ complaintAction: 'remove-from-list' }),
    expect: { rule: 'complaint', state: 'active', effects: [{ type: 'notify', event: 'complaint' }] },
  },
  {
    name: 'complaint with notify-only',
    event: complaint(),
    config: withConfig({ complaintAction: 'notify-only' }),
    expect: { rule: 'complaint', state: 'active', effects: [{ type: 'notify', event: 'complaint' }], changed: false },
  },
  {
    name: 'complaint on a blocked address: no change',
    start: BLOCKED_HARD,
    event: complaint(),
    expect: { rule: 'already-blocked', state: 'blocked', suppressionReason: 'hard-bounce', changed: false },
  },
  {
    name: 'ARF not-spam feedback never blocks',
    event: complaint({ feedbackType: 'not-spam' }),
    expect: { rule: 'not-spam-ignored', state: 'active', effects: [], changed: false },
  },
  {
    name: 'a complaint does not count toward soft escalation',
    given: softRun(4),
    event: complaint({ occurredAt: day(4) }),
    config: withConfig({ complaintAction: 'notify-only' }),
    expect: { rule: 'complaint', state: 'active', count: 4, counted: false },
  },

  // ---- exempt categories
  {
    name: 'exempt invoice: hard bounce blocks the address and raises exempt-undeliverable',
    event: hard(invoice),
    expect: {
      rule: 'hard-bounce',
      state: 'blocked',
      effects: [
        { type: 'block', reason: 'hard-bounce' },
        { type: 'exempt-undeliverable', category: 'invoice' },
      ],
      explanation: /address blocked; exempt category invoice not delivered: high-priority event$/,
    },
  },
  {
    name: 'exempt invoice to an already blocked address: no change, still exempt-undeliverable',
    start: BLOCKED_HARD,
    event: hard(invoice),
    expect: {
      rule: 'already-blocked',
      state: 'blocked',
      effects: [{ type: 'exempt-undeliverable', category: 'invoice' }],
      changed: true,
      counted: false,
      lastBounceAt: day(0),
    },
  },
  {
    name: 'exempt invoice soft failures count like any other (a dead address is dead for all mail)',
    given: softRun(4),
    event: soft({ occurredAt: day(4), ...invoice }),
    expect: {
      rule: 'soft-threshold',
      state: 'blocked',
      count: 5,
      effects: [
        { type: 'block', reason: 'escalation' },
        { type: 'exempt-undeliverable', category: 'invoice' },
      ],
    },
  },
  {
    name: 'exempt category matching is case-insensitive',
    event: soft({ category: 'Invoice' }),
    expect: {
      rule: 'soft-failure',
      state: 'active',
      count: 1,
      effects: [{ type: 'exempt-undeliverable', category: 'Invoice' }],
    },
  },
  {
    name: 'exempt invoice rejected sender-side: alert and exempt-undeliverable, address untouched',
    event: blocklisted(invoice),
    expect: {
      rule: 'sender-side',
      state: 'active',
      count: 0,
      effects: [
        { type: 'sender-alert', receivingDomain: 'example.net', reason: 'blocked' },
        { type: 'exempt-undeliverable', category: 'invoice' },
      ],
    },
  },
  {
    name: 'exempt invoice with a delay notice: nothing (still being retried)',
    event: soft({ kind: 'delayed', ...invoice }),
    expect: { rule: 'delayed-ignored', state: 'active', effects: [] },
  },
  {
    name: 'configured exempt categories replace the default',
    event: hard({ category: 'invoice' }),
    config: withConfig({ exemptCategories: ['password-reset'] }),
    expect: { rule: 'hard-bounce', state: 'blocked', effects: [{ type: 'block', reason: 'hard-bounce' }] },
  },

  // ---- sender-side
  {
    name: 'sender-side by reason (blocklisted): not blocked, not counted, alert keyed by receiving domain',
    given: softRun(4),
    event: blocklisted({ occurredAt: day(4) }),
    expect: {
      rule: 'sender-side',
      state: 'active',
      count: 4,
      counted: false,
      changed: false,
      effects: [{ type: 'sender-alert', receivingDomain: 'example.net', reason: 'blocked' }],
      explanation:
        /^sender-side rejection by example\.net \(blocked, status 5\.7\.1, .*spamhaus.*\): reason blocked is sender-side/,
    },
  },
  {
    name: 'sender-side by reason even when the parser classed it hard (authfailure, DMARC)',
    event: hard({ reason: 'authfailure', status: '5.7.26', replyCode: 550, recipientDomain: 'gmail.com' }),
    expect: {
      rule: 'sender-side',
      state: 'active',
      effects: [{ type: 'sender-alert', receivingDomain: 'gmail.com', reason: 'authfailure' }],
    },
  },
  {
    name: 'sender-side by 5.7.x policy status (policyviolation 5.7.1)',
    event: soft({ reason: 'policyviolation', status: '5.7.1', replyCode: 550 }),
    expect: {
      rule: 'sender-side',
      state: 'active',
      count: 0,
      effects: [{ type: 'sender-alert', receivingDomain: 'example.net', reason: 'policyviolation' }],
      explanation: /policy status 5\.7\.1 is sender-side/,
    },
  },
  {
    name: 'sender-side by 4.7.x status (rate limited for reputation)',
    event: soft({ reason: 'speeding', status: '4.7.28', replyCode: 421, recipientDomain: 'gmail.com' }),
    expect: {
      rule: 'sender-side',
      state: 'active',
      effects: [{ type: 'sender-alert', receivingDomain: 'gmail.com', reason: 'speeding' }],
    },
  },
  {
    name: 'recipient-specific 5.7.1 ("user rejected", filtered) counts as a soft failure',
    event: soft({
      reason: 'filtered',
      status: '5.7.1',
      replyCode: 554,
      diagnosticCode: '554 5.7.1 <x@example.net>: Recipient address rejected: user rejected',
    }),
    expect: { rule: 'soft-failure', state: 'active', count: 1, counted: true },
  },
  {
    name: 'recipient-specific 5.7.1 userunknown blocks as hard',
    event: hard({ status: '5.7.1' }),
    expect: { rule: 'hard-bounce', state: 'blocked' },
  },
  {
    name: 'recipient-specific 5.7.1 suspend (disabled account) counts',
    event: soft({ reason: 'suspend', status: '5.7.1', replyCode: 550 }),
    expect: { rule: 'soft-failure', state: 'active', count: 1 },
  },
  {
    name: 'policyStatusIsSenderSide false: a 5.7.1 policy reply counts',
    event: soft({ reason: 'policyviolation', status: '5.7.1', replyCode: 550 }),
    config: withConfig({ policyStatusIsSenderSide: false }),
    expect: { rule: 'soft-failure', state: 'active', count: 1 },
  },
  {
    name: 'senderSideReasons emptied and policy off: a blocklisting counts',
    event: blocklisted(),
    config: withConfig({ senderSideReasons: [], policyStatusIsSenderSide: false }),
    expect: { rule: 'soft-failure', state: 'active', count: 1 },
  },
  {
    name: 'sender-side for a blocked address still raises the alert',
    start: BLOCKED_HARD,
    event: blocklisted(),
    expect: {
      rule: 'sender-side',
      state: 'blocked',
      effects: [{ type: 'sender-alert', receivingDomain: 'example.net', reason: 'blocked' }],
    },
  },

  // ---- out-of-order arrival
  {
    name: 'stale soft failure: occurred before the last confirmed delivery',
    given: [...softRun(2), delivery(day(10))],
    event: soft({ occurredAt: day(5) }),
    expect: {
      rule: 'stale-event',
      state: 'active',
      count: 0,
      counted: false,
      changed: false,
      explanation:
        /occurred at 2025-03-06T12:00:00\.000Z, before the last confirmed delivery at 2025-03-11T12:00:00\.000Z: stale/,
    },
  },
  {
    name: 'stale hard bounce: a later delivery proves the mailbox worked, no block',
    given: [delivery(day(10))],
    event: hard({ occurredAt: day(5) }),
    expect: { rule: 'stale-event', state: 'active', counted: false, explanation: /^hard bounce .* stale/ },
  },
  {
    name: 'stale delivery: occurred before the last soft failure, does not reset the count',
    given: softRun(3),
    event: delivery(day(1.5)),
    expect: {
      rule: 'stale-event',
      state: 'active',
      count: 3,
      changed: true,
      explanation: /occurred before the last soft failure at 2025-03-03T12:00:00\.000Z: recorded, the count stays at 3/,
    },
  },
  {
    name: 'a failure older than a stale delivery is stale in turn',
    given: [...softRun(3), delivery(day(1.5))],
    event: soft({ occurredAt: day(1) }),
    expect: { rule: 'stale-event', state: 'active', count: 3 },
  },
  {
    name: 'a late soft failure inside the current run counts',
    given: [soft({ occurredAt: day(2) }), soft({ occurredAt: day(3) })],
    event: soft({ occurredAt: day(1) }),
    expect: { rule: 'soft-failure', state: 'active', count: 3 },
  },
  {
    name: 'a late soft failure more than a window before the current run is stale',
    given: [soft({ occurredAt: day(200) })],
    event: soft({ occurredAt: day(100) }),
    expect: { rule: 'stale-event', state: 'active', count: 1, explanation: /100 days before the current run/ },
  },
  {
    name: 'failure before an operator reset is stale (a late bounce cannot undo an unblock)',
    start: resetCount(
      addressState({ consecutiveSoftFailures: 4, firstSoftFailureAt: day(0), lastSoftFailureAt: day(3) }),
      day(10),
      'customer confirmed mailbox',
    ).next,
    event: hard({ occurredAt: day(9) }),
    expect: { rule: 'stale-event', state: 'active', count: 0, explanation: /before the operator reset/ },
  },
  {
    name: 'complaint before an operator unblock is stale',
    start: manualUnblock(
      addressState({ state: 'blocked', suppressionReason: 'complaint', suppressedAt: day(1) }),
      day(10),
      're-subscribed',
    ).next,
    event: complaint({ occurredAt: day(2) }),
    expect: { rule: 'stale-event', state: 'active', effects: [] },
  },

  // ---- recorded, never counted
  {
    name: 'delay notice is recorded but never counts',
    given: softRun(4),
    event: soft({ kind: 'delayed', status: '4.4.7', occurredAt: day(4) }),
    expect: {
      rule: 'delayed-ignored',
      state: 'active',
      count: 4,
      counted: false,
      changed: false,
      explanation: /^delay notice/,
    },
  },
  {
    name: 'a delayed recipient inside a mixed DSN is ignored like a delay notice',
    event: soft({ kind: 'bounce', action: 'delayed' }),
    expect: { rule: 'delayed-ignored', state: 'active', count: 0 },
  },
  {
    name: 'auto-reply is recorded but never counts',
    given: softRun(4),
    event: soft({
      kind: 'auto-reply',
      class: 'auto-reply',
      reason: 'vacation',
      status: null,
      replyCode: null,
      occurredAt: day(4),
    }),
    expect: { rule: 'auto-reply-ignored', state: 'active', count: 4, counted: false, changed: false },
  },
  {
    name: 'unknown class (reason undefined) is recorded, not counted',
    given: softRun(4),
    event: soft({ class: 'unknown', reason: 'undefined', status: null, replyCode: null, occurredAt: day(4) }),
    expect: { rule: 'unknown-recorded', state: 'active', count: 4, counted: false, changed: false },
  },
  {
    name: 'unknown class onhold for an invoice raises exempt-undeliverable',
    event: soft({ class: 'unknown', reason: 'onhold', status: null, replyCode: null, ...invoice }),
    expect: {
      rule: 'unknown-recorded',
      state: 'active',
      effects: [{ type: 'exempt-undeliverable', category: 'invoice' }],
    },
  },
  {
    name: 'unknown class with a bare 5.7.1 policy reply is sender-side',
    event: soft({ class: 'unknown', reason: 'undefined', status: '5.7.1', replyCode: 550 }),
    expect: {
      rule: 'sender-side',
      state: 'active',
      effects: [{ type: 'sender-alert', receivingDomain: 'example.net', reason: 'undefined' }],
    },
  },

  // ---- deliveries
  {
    name: 'delivery DSN reported as a bounce event resets the count',
    given: softRun(3),
    event: soft({
      kind: 'delivery-report',
      class: 'delivered',
      reason: 'delivered',
      status: '2.0.0',
      replyCode: 250,
      occurredAt: day(3),
    }),
    expect: {
      rule: 'delivery-reset',
      state: 'active',
      count: 0,
      counted: false,
      explanation: /count reset from 3 to 0/,
    },
  },
  {
    name: 'grace-period delivery resets the count',
    given: softRun(3),
    event: delivery(day(6), 'grace-period'),
    expect: { rule: 'delivery-reset', state: 'active', count: 0, explanation: /no bounce within the grace period/ },
  },
  {
    name: 'delivery for a never-seen address is recorded',
    event: delivery(day(0)),
    expect: {
      rule: 'delivery-reset',
      state: 'active',
      count: 0,
      changed: true,
      explanation: /no soft failures to reset/,
    },
  },
  {
    name: 'confirmed delivery to a blocked address: stays blocked, operator notified',
    start: BLOCKED_HARD,
    event: delivery(day(1), 'dsn'),
    expect: {
      rule: 'already-blocked',
      state: 'blocked',
      effects: [{ type: 'notify', event: 'delivery-to-blocked-address' }],
      explanation: /stays blocked until an operator unblocks it; operator notified/,
    },
  },
  {
    name: 'grace-period delivery to a blocked address: recorded without notification',
    start: BLOCKED_HARD,
    event: delivery(day(1), 'grace-period'),
    expect: { rule: 'already-blocked', state: 'blocked', effects: [] },
  },
];

describe('decide (table)', () => {
  it.each(CASES)('$name', (c) => {
    const config = c.config ?? DEFAULT_RULE_CONFIG;
    const before = run(c.given ?? [], config, c.start ?? null).state;
    const d = decide(before, c.event, config);
    expect(d.rule).toBe(c.expect.rule);
    expect(d.next.state).toBe(c.expect.state);
    if (c.expect.count !== undefined) expect(d.next.consecutiveSoftFailures).toBe(c.expect.count);
    if (c.expect.suppressionReason !== undefined) expect(d.next.suppressionReason).toBe(c.expect.suppressionReason);
    if (c.expect.effects !== undefined) expect(d.effects).toEqual(c.expect.effects);
    if (c.expect.counted !== undefined) expect(d.countedAsFailure).toBe(c.expect.counted);
    if (c.expect.changed !== undefined) expect(d.changed).toBe(c.expect.changed);
    if (c.expect.lastBounceAt !== undefined) expect(d.next.lastBounceAt).toEqual(c.expect.lastBounceAt);
    if (c.expect.explanation !== undefined) expect(d.explanation).toMatch(c.expect.explanation);
    expect(d.config).toBe(config);
    expect(d.explanation.length).toBeGreaterThan(10);
  });
});

describe('decide (sequences and details)', () => {
  it('unblock then fail again: the count starts at 0', () => {
    const blocked = run(softRun(5)).state!;
    expect(blocked.state).toBe('blocked');
    const unblocked = manualUnblock(blocked, day(20), 'customer fixed the mailbox').next;
    const after = decide(unblocked, soft({ occurredAt: day(21) }), DEFAULT_RULE_CONFIG);
    expect(after.rule).toBe('soft-failure');
    expect(after.next.consecutiveSoftFailures).toBe(1);
    expect(after.next.state).toBe('active');
    expect(after.explanation).toMatch(/^1st consecutive soft failure/);
    // And a new hard bounce after the unblock blocks again.
    const again = decide(after.next, hard({ occurredAt: day(22) }), DEFAULT_RULE_CONFIG);
    expect(again.next).toMatchObject({ state: 'blocked', suppressionReason: 'hard-bounce', suppressedAt: day(22) });
  });

  it('records the failure window and times of a run', () => {
    const { state } = run([soft({ occurredAt: day(2) }), soft({ occurredAt: day(5) }), soft({ occurredAt: day(1) })]);
    expect(state).toMatchObject({
      consecutiveSoftFailures: 3,
      firstSoftFailureAt: day(1),
      lastSoftFailureAt: day(5),
      lastBounceAt: day(5),
    });
  });

  it('a delivery reset clears the failure window', () => {
    const { state } = run([...softRun(2), delivery(day(3))]);
    expect(state).toMatchObject({
      consecutiveSoftFailures: 0,
      firstSoftFailureAt: null,
      lastSoftFailureAt: null,
      lastDeliveryAt: day(3),
    });
  });

  it('a blocked address records when and why', () => {
    const d = decide(null, hard({ occurredAt: day(7) }), DEFAULT_RULE_CONFIG);
    expect(d.next).toMatchObject({
      state: 'blocked',
      suppressionReason: 'hard-bounce',
      suppressedAt: day(7),
      lastBounceAt: day(7),
    });
  });

  it('carries the evidence of the bounce (status, reason, diagnostic) for the audit row', () => {
    const event = hard({ occurredAt: day(1) });
    const d = decide(null, event, DEFAULT_RULE_CONFIG);
    expect(d.evidence).toEqual({
      type: 'bounce',
      bounceId: event.bounceId,
      occurredAt: day(1),
      kind: 'bounce',
      class: 'hard',
      reason: 'userunknown',
      status: '5.1.1',
      replyCode: 550,
      diagnosticCode: event.diagnosticCode,
      remoteMta: 'mx1.example.net',
      category: 'newsletter',
      listId: 'list-weekly',
    });
    const dd = decide(null, delivery(day(2), 'dsn'), DEFAULT_RULE_CONFIG);
    expect(dd.evidence).toEqual({ type: 'delivery', occurredAt: day(2), source: 'dsn', sendId: 'send-1' });
  });

  it('cuts very long diagnostics in the explanation but keeps them whole in the evidence', () => {
    const long = `550 5.1.1 ${'x'.repeat(500)}`;
    const d = decide(null, hard({ diagnosticCode: long }), DEFAULT_RULE_CONFIG);
    expect(d.explanation.length).toBeLessThan(300);
    expect(d.explanation).toContain('…');
    expect(d.evidence?.type === 'bounce' && d.evidence.diagnosticCode).toBe(long);
  });

  it('does not mutate its inputs', () => {
    const state = run(softRun(2)).state!;
    const snapshot = structuredClone(state);
    const config = withConfig();
    const configSnapshot = structuredClone(config);
    decide(state, soft({ occurredAt: day(3) }), config);
    decide(state, hard({ occurredAt: day(3) }), config);
    expect(state).toEqual(snapshot);
    expect(config).toEqual(configSnapshot);
  });

  it('rejects an event without a valid time', () => {
    expect(() => decide(null, soft({ occurredAt: new Date('nope') }), DEFAULT_RULE_CONFIG)).toThrow(RulesError);
    expect(() => decide(null, delivery(new Date(Number.NaN)), DEFAULT_RULE_CONFIG)).toThrow(
      expect.objectContaining({ name: 'RulesError', code: 'invalid-event' }),
    );
  });
});

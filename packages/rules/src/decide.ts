/**
 * The rules engine: one address state + one event + the configuration in force → one decision (next state,
 * effects, explanation). Pure and deterministic: no clock (every time comes from the event), no I/O; the
 * database layer applies the decision, its audit row and its outbox events in one transaction.
 *
 * Order of evaluation for a bounce (first match wins):
 *  1. not a failure: delay notices, auto-replies, not-spam feedback (recorded, never count); delivery DSNs
 *     (a confirmed delivery, see decideDelivery); complaints (complaintAction).
 *  2. sender-side rejections (reputation, blocklists, authentication, 5.7.x policy): never touch the address,
 *     raise a `sender-alert` keyed by receiving domain. Checked before "already blocked" because the alert is
 *     about us, not about the address.
 *  3. class unknown (undefined/onhold): recorded, does not count. We cannot tell whether the recipient or the
 *     path failed; counting unknowns would block addresses on unreadable noise, while a real dead address will
 *     soon produce a readable bounce.
 *  4. already blocked: the block and the count stay (the address is dead already; its count is frozen until an
 *     operator unblocks it); recorded, and lastBounceAt moves to the later of its value and the event's time.
 *  5. stale: the failure occurred before the last confirmed delivery, or before an operator's unblock/reset.
 *     This applies to hard bounces too: a later delivery proves the mailbox worked after the bounce (mailbox
 *     re-created, a transient misconfiguration answered 5.1.1), and blocking on old evidence would block a
 *     working address; a current hard bounce, if any, will follow.
 *  6. hard failure → hardBounceAction; soft failure inside the address's absence window (read from its
 *     automatic reply, see absence-window.ts) → recorded, not counted; other soft failures → count (window,
 *     threshold → softThresholdAction). A hard failure during an absence still counts: "user unknown" is not a
 *     holiday.
 * Exempt categories (default invoice): a non-delivered exempt send adds an `exempt-undeliverable` effect to
 * whatever the steps above decided (including already-blocked, stale, sender-side and unknown), because that
 * one message did not arrive and a human must act; the address state is updated exactly as for any send.
 */
import { absenceWindowOf, isInsideAbsence } from './absence-window.js';
import { copyAddressState, earlierOf, laterOf, sameAddressState } from './address-state.js';
import { eventKind, isExemptCategory, isHardFailure, isSenderSide } from './classify-event.js';
import { RulesError } from './errors.js';
import { daysBetween, describeBounce, isoTime, MS_PER_DAY, ordinal, plural, windowText } from './explain.js';
import type {
  AddressState,
  BounceEvent,
  Decision,
  DecisionEvidence,
  DeliveryEvent,
  Effect,
  RuleConfig,
  RuleEvent,
  RuleName,
  SuppressionAction,
  SuppressionReason,
} from './types.js';

type Context = {
  before: AddressState;
  config: RuleConfig;
  evidence: DecisionEvidence;
};

function decision(
  ctx: Context,
  rule: RuleName,
  explanation: string,
  next: AddressState,
  effects: Effect[],
  countedAsFailure: boolean,
): Decision {
  return {
    rule,
    explanation,
    changed: !sameAddressState(ctx.before, next),
    next,
    effects,
    countedAsFailure,
    config: ctx.config,
    evidence: ctx.evidence,
  };
}

/**
 * Decide what one event does to one address. `state` null = an address never seen (starts clean).
 * Throws RulesError('invalid-event') for an event without a valid occurredAt.
 */
export function decide(state: AddressState | null, event: RuleEvent, config: RuleConfig): Decision {
  if (!(event.occurredAt instanceof Date) || Number.isNaN(event.occurredAt.getTime())) {
    throw new RulesError('invalid-event', 'event.occurredAt must be a valid Date');
  }
  const before = copyAddressState(state);
  if (event.type === 'delivery') {
    return decideDelivery({ before, config, evidence: deliveryEvidence(event) }, event);
  }
  return decideBounce({ before, config, evidence: bounceEvidence(event) }, event);
}

function bounceEvidence(event: BounceEvent): DecisionEvidence {
  return {
    type: 'bounce',
    bounceId: event.bounceId,
    occurredAt: event.occurredAt,
    kind: event.kind,
    class: event.class,
    reason: event.reason,
    status: event.status,
    replyCode: event.replyCode,
    diagnosticCode: event.diagnosticCode,
    remoteMta: event.remoteMta,
    category: event.category,
    listId: event.listId,
  };
}

function deliveryEvidence(event: DeliveryEvent): DecisionEvidence {
  return { type: 'delivery', occurredAt: event.occurredAt, source: event.source, sendId: event.sendId };
}

function decideBounce(ctx: Context, event: BounceEvent): Decision {
  const { before } = ctx;
  const what = describeBounce(event);
  const kind = eventKind(event);
  switch (kind) {
    case 'delayed':
      return decision(
        ctx,
        'delayed-ignored',
        `delay notice (${what}): recorded; the sending MTA is still retrying, so it never counts as a failure`,
        before,
        [],
        false,
      );
    case 'auto-reply':
      return decideAutoReply(ctx, event, what);
    case 'not-spam':
      return decision(
        ctx,
        'not-spam-ignored',
        'feedback report of type not-spam: recorded; it withdraws a complaint, so it never blocks',
        before,
        [],
        false,
      );
    case 'delivered':
      return decideDelivery(ctx, { type: 'delivery', occurredAt: event.occurredAt, source: 'dsn', sendId: null });
    case 'complaint':
      return decideComplaint(ctx, event);
    case 'unknown':
    case 'failure':
      return decideFailure(ctx, event, kind, what);
    default: {
      const unreachable: never = kind;
      throw new RulesError('invalid-event', `unhandled event kind ${String(unreachable)}`);
    }
  }
}

function decideFailure(ctx: Context, event: BounceEvent, kind: 'unknown' | 'failure', what: string): Decision {
  const { before, config } = ctx;
  const exempt: Effect[] = isExemptCategory(event.category, config)
    ? [{ type: 'exempt-undeliverable', category: event.category! }]
    : [];
  const exemptNote = exempt.length ? `; exempt category ${event.category} not delivered: high-priority event` : '';

  if (isSenderSide(event, config)) {
    const why = config.senderSideReasons.includes(event.reason)
      ? `reason ${event.reason} is sender-side`
      : `policy status ${event.status} is sender-side`;
    return decision(
      ctx,
      'sender-side',
      `sender-side rejection by ${event.recipientDomain} (${what}): ${why}, so the recipient is neither blocked nor counted; sender alert raised for ${event.recipientDomain}${exemptNote}`,
      before,
      [{ type: 'sender-alert', receivingDomain: event.recipientDomain, reason: event.reason }, ...exempt],
      false,
    );
  }

  if (kind === 'unknown') {
    return decision(
      ctx,
      'unknown-recorded',
      `bounce of unknown class (${what}): recorded, not counted, because it cannot be told whether the recipient failed${exemptNote}`,
      before,
      exempt,
      false,
    );
  }

  const hard = isHardFailure(event, config);
  const label = hard ? 'hard bounce' : 'soft failure';

  if (before.state === 'blocked') {
    // The block and the frozen count stay as they are; only the time of the last bounce moves, as the later of
    // the two (never backwards), so two workers committing bounces in either order end with the same value.
    return decision(
      ctx,
      'already-blocked',
      `${label} (${what}) for an address already blocked (${before.suppressionReason ?? 'unknown reason'}${before.suppressedAt ? ` since ${isoTime(before.suppressedAt)}` : ''}): recorded, block and count unchanged${exemptNote}`,
      { ...before, lastBounceAt: laterOf(before.lastBounceAt, event.occurredAt) },
      exempt,
      false,
    );
  }

  const staleAfter = staleBoundary(before);
  if (staleAfter && event.occurredAt.getTime() < staleAfter.time.getTime()) {
    return decision(
      ctx,
      'stale-event',
      `${label} (${what}) occurred at ${isoTime(event.occurredAt)}, before the ${staleAfter.what} at ${isoTime(staleAfter.time)}: stale, recorded but not counted${exemptNote}`,
      before,
      exempt,
      false,
    );
  }

  if (hard) return decideHard(ctx, event, what, exempt);
  if (isInsideAbsence(before, event.occurredAt)) {
    return decision(
      ctx,
      'absence-window',
      `soft failure (${what}) at ${isoTime(event.occurredAt)} is inside absence window (away ${isoTime(before.absentFrom!)} to ${isoTime(before.absentUntil!)}, read from the address's automatic reply): recorded, not counted toward escalation${exemptNote}`,
      { ...before, lastBounceAt: laterOf(before.lastBounceAt, event.occurredAt) },
      exempt,
      false,
    );
  }
  return decideSoft(ctx, event, what, exempt);
}

/**
 * An automatic reply is a delivery to a person, never a failure. When its words announce an absence with a last
 * day, the window is recorded on the address (replacing an earlier one: the latest note is the current plan).
 */
function decideAutoReply(ctx: Context, event: BounceEvent, what: string): Decision {
  const { before } = ctx;
  const window = absenceWindowOf(event.absence, event.occurredAt);
  if (!window) {
    return decision(
      ctx,
      'auto-reply-ignored',
      `auto-reply (${what}): recorded; the message was delivered, so it never counts as a failure`,
      before,
      [],
      false,
    );
  }
  return decision(
    ctx,
    'absence-recorded',
    `auto-reply (${what}) announces an absence: window ${isoTime(window.from)} to ${isoTime(window.until)} recorded; soft failures inside it are not counted toward escalation`,
    { ...before, absentFrom: window.from, absentUntil: window.until },
    [],
    false,
  );
}

/** Failures before this time are stale: the last confirmed delivery or the last operator reset, whichever is later. */
function staleBoundary(state: AddressState): { time: Date; what: string } | null {
  const delivery = state.lastDeliveryAt;
  const manual = state.manualResetAt ?? null;
  if (manual && (!delivery || manual.getTime() >= delivery.getTime())) {
    return { time: manual, what: 'operator reset (unblock, count reset or undo)' };
  }
  return delivery ? { time: delivery, what: 'last confirmed delivery' } : null;
}

type ActionOutcome = { next: AddressState; effects: Effect[]; text: string };

/**
 * Apply a suppression action. remove-from-list needs the list of the failing send; without one (a transactional
 * send, or a bounce matched only by recipient) it falls back to notify-only: blocking instead would exceed what
 * the operator asked for, doing nothing silently would hide the failure.
 */
function applyAction(
  action: SuppressionAction,
  rule: RuleName,
  suppressionReason: SuppressionReason,
  state: AddressState,
  at: Date,
  listId: string | null,
): ActionOutcome {
  switch (action) {
    case 'block':
      return {
        next: { ...state, state: 'blocked', suppressionReason, suppressedAt: at },
        effects: [{ type: 'block', reason: suppressionReason }],
        text: 'address blocked',
      };
    case 'remove-from-list':
      if (listId !== null) {
        return {
          next: state,
          effects: [{ type: 'remove-from-list', listId }],
          text: `removed from list ${listId} only (action remove-from-list); the address stays active`,
        };
      }
      return {
        next: state,
        effects: [{ type: 'notify', event: rule }],
        text: 'action remove-from-list but the send belongs to no list: operator notified instead, address stays active',
      };
    case 'notify-only':
      return {
        next: state,
        effects: [{ type: 'notify', event: rule }],
        text: 'operator notified only (action notify-only); the address stays active',
      };
    default: {
      const unreachable: never = action;
      throw new RulesError('invalid-event', `unknown action ${String(unreachable)}`);
    }
  }
}

function decideHard(ctx: Context, event: BounceEvent, what: string, exempt: Effect[]): Decision {
  const { before, config } = ctx;
  const recorded: AddressState = { ...before, lastBounceAt: laterOf(before.lastBounceAt, event.occurredAt) };
  const outcome = applyAction(
    config.hardBounceAction,
    'hard-bounce',
    'hard-bounce',
    recorded,
    event.occurredAt,
    event.listId,
  );
  const exemptNote = exempt.length ? `; exempt category ${event.category} not delivered: high-priority event` : '';
  return decision(
    ctx,
    'hard-bounce',
    `hard bounce (${what}): ${outcome.text}${exemptNote}`,
    outcome.next,
    [...outcome.effects, ...exempt],
    true,
  );
}

function decideSoft(ctx: Context, event: BounceEvent, what: string, exempt: Effect[]): Decision {
  const { before, config } = ctx;
  const at = event.occurredAt;
  const threshold = config.softBounceThreshold;
  const windowDays = config.softFailureWindowDays;
  const windowMs = windowDays === null ? null : windowDays * MS_PER_DAY;
  const exemptNote = exempt.length ? `; exempt category ${event.category} not delivered: high-priority event` : '';
  const running = before.consecutiveSoftFailures > 0;

  // A late-arriving failure more than a window older than the start of the current run belongs to an earlier
  // run that already expired: joining it to the current run would bridge a gap the window says to forget.
  if (running && windowMs !== null && before.firstSoftFailureAt) {
    const gap = before.firstSoftFailureAt.getTime() - at.getTime();
    if (gap > windowMs) {
      return decision(
        ctx,
        'stale-event',
        `soft failure (${what}) occurred at ${isoTime(at)}, ${plural(daysBetween(at, before.firstSoftFailureAt), 'day')} before the current run of failures began (window ${plural(windowDays!, 'day')}): stale, recorded but not counted${exemptNote}`,
        before,
        exempt,
        false,
      );
    }
  }

  // The window is a gap rule: the count restarts when the previous failure is older than the window.
  const previous = before.lastSoftFailureAt;
  const restart = running && windowMs !== null && previous !== null && at.getTime() - previous.getTime() > windowMs;
  const fresh = !running || restart;
  const count = fresh ? 1 : before.consecutiveSoftFailures + 1;
  const base: AddressState = {
    ...before,
    // Capped: once the threshold is reached the action has fired; an active address (remove-from-list,
    // notify-only) stays at the threshold, so each further failure fires the action again (removes the address
    // from that send's list too, notifies again) instead of silently restarting the count.
    consecutiveSoftFailures: Math.min(count, threshold),
    firstSoftFailureAt: fresh ? at : earlierOf(before.firstSoftFailureAt, at),
    lastSoftFailureAt: fresh ? at : laterOf(previous, at),
    lastBounceAt: laterOf(before.lastBounceAt, at),
  };
  const restartText = restart
    ? `previous soft failure ${plural(daysBetween(previous!, at), 'day')} earlier is outside the ${windowDays}-day window, count restarted: `
    : '';

  if (count >= threshold) {
    const outcome = applyAction(config.softThresholdAction, 'soft-threshold', 'escalation', base, at, event.listId);
    const verdict = config.softThresholdAction === 'block' ? `escalated to hard, ${outcome.text}` : outcome.text;
    return decision(
      ctx,
      'soft-threshold',
      `${restartText}${ordinal(count)} consecutive soft failure (threshold ${threshold}) ${windowText(windowDays)} (${what}): ${verdict}${exemptNote}`,
      outcome.next,
      [...outcome.effects, ...exempt],
      true,
    );
  }

  const remaining = threshold - count;
  return decision(
    ctx,
    restart ? 'soft-window-restart' : 'soft-failure',
    `${restartText}${ordinal(count)} consecutive soft failure (threshold ${threshold}) ${windowText(windowDays)} (${what}): counted, ${plural(remaining, 'more failure')} before escalation${exemptNote}`,
    base,
    exempt,
    true,
  );
}

function decideComplaint(ctx: Context, event: BounceEvent): Decision {
  const { before, config } = ctx;
  const feedback = event.feedbackType ? ` (feedback type ${event.feedbackType})` : '';
  if (before.state === 'blocked') {
    return decision(
      ctx,
      'already-blocked',
      `spam complaint${feedback} for an address already blocked (${before.suppressionReason ?? 'unknown reason'}): recorded, no change`,
      before,
      [],
      false,
    );
  }
  const manual = before.manualResetAt ?? null;
  if (manual && event.occurredAt.getTime() < manual.getTime()) {
    return decision(
      ctx,
      'stale-event',
      `spam complaint${feedback} occurred at ${isoTime(event.occurredAt)}, before the operator reset at ${isoTime(manual)}: stale, recorded, no action`,
      before,
      [],
      false,
    );
  }
  const outcome = applyAction(config.complaintAction, 'complaint', 'complaint', before, event.occurredAt, event.listId);
  return decision(
    ctx,
    'complaint',
    `spam complaint${feedback} (action ${config.complaintAction}): ${outcome.text}`,
    outcome.next,
    outcome.effects,
    false,
  );
}

const DELIVERY_SOURCE_TEXT: Record<DeliveryEvent['source'], string> = {
  dsn: 'delivery report',
  'send-event': 'delivery event from the sender',
  'grace-period': 'no bounce within the grace period',
};

/**
 * A confirmed delivery resets the consecutive soft count, unless it occurred before the last soft failure
 * (it arrived late: the failures after it still stand). A blocked address stays blocked (only an operator
 * unblocks), but the delivery is recorded and, when explicitly confirmed after the block, reported: it is
 * evidence that the block may be wrong.
 */
function decideDelivery(ctx: Context, event: DeliveryEvent): Decision {
  const { before } = ctx;
  const at = event.occurredAt;
  const source = DELIVERY_SOURCE_TEXT[event.source];
  const recorded: AddressState = { ...before, lastDeliveryAt: laterOf(before.lastDeliveryAt, at) };

  if (before.state === 'blocked') {
    const contradicts =
      event.source !== 'grace-period' && (before.suppressedAt === null || at.getTime() > before.suppressedAt.getTime());
    return decision(
      ctx,
      'already-blocked',
      `confirmed delivery (${source}) at ${isoTime(at)} to an address blocked (${before.suppressionReason ?? 'unknown reason'}): recorded, stays blocked until an operator unblocks it${contradicts ? '; operator notified that the blocked address accepted mail' : ''}`,
      recorded,
      contradicts ? [{ type: 'notify', event: 'delivery-to-blocked-address' }] : [],
      false,
    );
  }

  const count = before.consecutiveSoftFailures;
  const lastFailure = before.lastSoftFailureAt;
  if (count > 0 && lastFailure && at.getTime() < lastFailure.getTime()) {
    return decision(
      ctx,
      'stale-event',
      `confirmed delivery (${source}) at ${isoTime(at)} occurred before the last soft failure at ${isoTime(lastFailure)}: recorded, the count stays at ${count}`,
      recorded,
      [],
      false,
    );
  }

  const next: AddressState = {
    ...recorded,
    consecutiveSoftFailures: 0,
    firstSoftFailureAt: null,
    lastSoftFailureAt: null,
  };
  return decision(
    ctx,
    'delivery-reset',
    count > 0
      ? `confirmed delivery (${source}) at ${isoTime(at)}: consecutive soft failure count reset from ${count} to 0`
      : `confirmed delivery (${source}) at ${isoTime(at)}: recorded, no soft failures to reset`,
    next,
    [],
    false,
  );
}

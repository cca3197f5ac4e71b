/**
 * Operator actions on one address, as pure functions: the database layer writes `next`, an audit row (who,
 * `reason`, before/after, `explanation`) and the outbox events for `effects`, in one transaction.
 *
 * Undo: every audit row keeps the state before and after the change. To undo a row, the database layer reads
 * that row's `before` (parseAddressState turns the stored JSON back into a state), calls
 * `undo(current, { before, after }, at, reason)`, writes `next` and records the undo as a NEW audit row that
 * names the reverted row (the trail stays append-only; undoing the undo re-applies the change the same way).
 * `overridesLaterChanges` tells the caller when the address changed again after the reverted row (its
 * current state differs from that row's `after`): the undo still restores the old state, and the UI should
 * say so before the operator confirms.
 *
 * Unblock, reset and undo stamp `manualResetAt`: failures that occurred before the operator's decision are
 * stale afterwards (see decide), so a bounce that arrives late cannot re-block an address a human just cleared.
 */
import { copyAddressState, sameAddressState } from './address-state.js';
import { RulesError } from './errors.js';
import { isoTime } from './explain.js';
import type { AddressState, Effect, ManualOperation, ManualResult, SuppressionReason } from './types.js';

/** Suppression reasons an operator action may set: a manual block, a bulk import, a domain-wide block. */
export type ManualBlockReason = Extract<SuppressionReason, 'manual' | 'import' | 'domain'>;

function validate(at: Date, reason: string): string {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new RulesError('invalid-manual-operation', 'the time of a manual operation must be a valid Date');
  }
  const trimmed = reason.trim();
  if (trimmed === '') {
    throw new RulesError('invalid-manual-operation', 'a manual operation needs a reason for the audit trail');
  }
  return trimmed;
}

function result(
  operation: ManualOperation,
  reason: string,
  explanation: string,
  before: AddressState,
  next: AddressState,
  effects: Effect[],
): ManualResult {
  return {
    operation,
    reason,
    explanation: `${explanation} (reason: ${reason})`,
    changed: !sameAddressState(before, next),
    before,
    next,
    effects,
  };
}

/**
 * Unblock: the address starts clean (active, count 0, failure window cleared) so the next failure is the 1st,
 * not the 6th. History (last bounce, last delivery) is kept.
 */
export function manualUnblock(state: AddressState | null, at: Date, reason: string): ManualResult {
  const why = validate(at, reason);
  const before = copyAddressState(state);
  const next: AddressState = {
    ...before,
    state: 'active',
    consecutiveSoftFailures: 0,
    firstSoftFailureAt: null,
    lastSoftFailureAt: null,
    suppressionReason: null,
    suppressedAt: null,
    manualResetAt: at,
  };
  const wasBlocked = before.state === 'blocked';
  return result(
    'unblock',
    why,
    wasBlocked
      ? `unblocked by an operator at ${isoTime(at)} (was blocked: ${before.suppressionReason ?? 'unknown reason'}); starts clean with count 0`
      : `unblock requested at ${isoTime(at)} for an address that was not blocked; count reset from ${before.consecutiveSoftFailures} to 0`,
    before,
    next,
    wasBlocked ? [{ type: 'notify', event: 'address-unblocked' }] : [],
  );
}

/**
 * Block by hand, by bulk import of a suppression list ('import') or as part of a domain-wide block ('domain').
 * An address already blocked keeps its original reason and time (the first cause is the useful one).
 */
export function manualBlock(
  state: AddressState | null,
  at: Date,
  reason: string,
  opts: { suppressionReason?: ManualBlockReason } = {},
): ManualResult {
  const why = validate(at, reason);
  const before = copyAddressState(state);
  const suppressionReason = opts.suppressionReason ?? 'manual';
  if (before.state === 'blocked') {
    return result(
      'block',
      why,
      `block requested (${suppressionReason}) for an address already blocked (${before.suppressionReason ?? 'unknown reason'}): no change`,
      before,
      before,
      [],
    );
  }
  return result(
    'block',
    why,
    `blocked (${suppressionReason}) at ${isoTime(at)}`,
    before,
    { ...before, state: 'blocked', suppressionReason, suppressedAt: at },
    [{ type: 'block', reason: suppressionReason }],
  );
}

/** Reset the consecutive soft count (and its window) without changing blocked/active. */
export function resetCount(state: AddressState | null, at: Date, reason: string): ManualResult {
  const why = validate(at, reason);
  const before = copyAddressState(state);
  return result(
    'reset-count',
    why,
    `consecutive soft failure count reset from ${before.consecutiveSoftFailures} to 0 at ${isoTime(at)}`,
    before,
    { ...before, consecutiveSoftFailures: 0, firstSoftFailureAt: null, lastSoftFailureAt: null, manualResetAt: at },
    [],
  );
}

/**
 * Undo one audit row: restore its `before` state (null = the address did not exist: restore the clean state).
 * See the module comment for how the database layer records it.
 */
export function undo(
  current: AddressState | null,
  entry: { before: AddressState | null; after?: AddressState | null },
  at: Date,
  reason: string,
): ManualResult & { overridesLaterChanges: boolean } {
  const why = validate(at, reason);
  const before = copyAddressState(current);
  const restored: AddressState = { ...copyAddressState(entry.before), manualResetAt: at };
  const effects: Effect[] = [];
  if (restored.state === 'blocked' && before.state === 'active') {
    effects.push({ type: 'block', reason: restored.suppressionReason ?? 'manual' });
  } else if (restored.state === 'active' && before.state === 'blocked') {
    effects.push({ type: 'notify', event: 'address-unblocked' });
  }
  const overridesLaterChanges = entry.after !== undefined && !sameAddressState(copyAddressState(entry.after), before);
  return {
    ...result(
      'undo',
      why,
      `undo at ${isoTime(at)}: restored the state before the reverted change (${restored.state}${restored.suppressionReason ? `, ${restored.suppressionReason}` : ''}, count ${restored.consecutiveSoftFailures})${overridesLaterChanges ? '; later changes to the address are overridden' : ''}`,
      before,
      restored,
      effects,
    ),
    overridesLaterChanges,
  };
}

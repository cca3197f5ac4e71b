/**
 * Helpers around AddressState: the clean state of a never-seen address, equality (to tell whether a decision
 * changed anything), and a schema to read a state back from JSON (audit rows store before/after as JSON, where
 * dates are ISO strings; undo reads them back).
 */
import { z } from 'zod';
import { RulesError } from './errors.js';
import type { AddressState, SuppressionReason } from './types.js';

export const SUPPRESSION_REASONS = [
  'hard-bounce',
  'escalation',
  'complaint',
  'manual',
  'import',
  'domain',
] as const satisfies readonly SuppressionReason[];

/** The state of an address never seen before: active, no failures, no history. */
export function cleanAddressState(): AddressState {
  return {
    state: 'active',
    consecutiveSoftFailures: 0,
    firstSoftFailureAt: null,
    lastSoftFailureAt: null,
    lastBounceAt: null,
    lastDeliveryAt: null,
    suppressionReason: null,
    suppressedAt: null,
    manualResetAt: null,
    absentFrom: null,
    absentUntil: null,
  };
}

/** A copy with every optional field present, so decisions always return a complete state. */
export function copyAddressState(state: AddressState | null): AddressState {
  if (state === null) return cleanAddressState();
  return {
    ...state,
    manualResetAt: state.manualResetAt ?? null,
    absentFrom: state.absentFrom ?? null,
    absentUntil: state.absentUntil ?? null,
  };
}

const sameTime = (a: Date | null | undefined, b: Date | null | undefined): boolean =>
  (a ?? null) === null ? (b ?? null) === null : (b ?? null) !== null && a!.getTime() === b!.getTime();

export function sameAddressState(a: AddressState, b: AddressState): boolean {
  return (
    a.state === b.state &&
    a.consecutiveSoftFailures === b.consecutiveSoftFailures &&
    a.suppressionReason === b.suppressionReason &&
    sameTime(a.firstSoftFailureAt, b.firstSoftFailureAt) &&
    sameTime(a.lastSoftFailureAt, b.lastSoftFailureAt) &&
    sameTime(a.lastBounceAt, b.lastBounceAt) &&
    sameTime(a.lastDeliveryAt, b.lastDeliveryAt) &&
    sameTime(a.suppressedAt, b.suppressedAt) &&
    sameTime(a.manualResetAt, b.manualResetAt) &&
    sameTime(a.absentFrom, b.absentFrom) &&
    sameTime(a.absentUntil, b.absentUntil)
  );
}

/** The later of two optional times (null when both are null). */
export function laterOf(a: Date | null | undefined, b: Date | null | undefined): Date | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

/** The earlier of two optional times (null when both are null). */
export function earlierOf(a: Date | null | undefined, b: Date | null | undefined): Date | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

const time = z.coerce.date().nullable();

/** AddressState as stored in JSON (audit before/after): ISO strings or Dates are both accepted. */
export const addressStateSchema = z.object({
  state: z.enum(['active', 'blocked']),
  consecutiveSoftFailures: z.number().int().min(0),
  firstSoftFailureAt: time,
  lastSoftFailureAt: time,
  lastBounceAt: time,
  lastDeliveryAt: time,
  suppressionReason: z.enum(SUPPRESSION_REASONS).nullable(),
  suppressedAt: time,
  manualResetAt: time.optional(),
  absentFrom: time.optional(),
  absentUntil: time.optional(),
});

/** Read an AddressState back from JSON (e.g. an audit row's `before`); null stays null (address did not exist). */
export function parseAddressState(value: unknown): AddressState | null {
  if (value === null || value === undefined) return null;
  const result = addressStateSchema.safeParse(value);
  if (!result.success) {
    throw new RulesError('invalid-address-state', `invalid address state: ${z.prettifyError(result.error)}`, {
      cause: result.error,
    });
  }
  return copyAddressState(result.data);
}

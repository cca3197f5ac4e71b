/**
 * Address states as audit rows keep them (JSON snapshots), and whether a change is worth an audit row.
 */
import type { AddressState } from '../types.js';
import type { AddressSnapshot } from './batch-types.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function snapshotOf(s: AddressState): AddressSnapshot {
  return {
    state: s.state,
    consecutiveSoftFailures: s.consecutiveSoftFailures,
    firstSoftFailureAt: iso(s.firstSoftFailureAt),
    lastSoftFailureAt: iso(s.lastSoftFailureAt),
    lastBounceAt: iso(s.lastBounceAt),
    lastDeliveryAt: iso(s.lastDeliveryAt),
    suppressionReason: s.suppressionReason,
    suppressedAt: iso(s.suppressedAt),
    manualResetAt: iso(s.manualResetAt ?? null),
    absentFrom: iso(s.absentFrom ?? null),
    absentUntil: iso(s.absentUntil ?? null),
  };
}

/** Whether two states differ in anything an operator cares about (timestamps of deliveries alone do not count). */
export function isSignificantChange(a: AddressState, b: AddressState): boolean {
  return (
    a.state !== b.state ||
    a.consecutiveSoftFailures !== b.consecutiveSoftFailures ||
    a.suppressionReason !== b.suppressionReason ||
    a.firstSoftFailureAt?.getTime() !== b.firstSoftFailureAt?.getTime() ||
    (a.absentUntil ?? null)?.getTime() !== (b.absentUntil ?? null)?.getTime() ||
    (a.absentFrom ?? null)?.getTime() !== (b.absentFrom ?? null)?.getTime()
  );
}

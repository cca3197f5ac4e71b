/**
 * Operator actions on one address: unblock (the address starts clean), block, reset the soft count. Each writes
 * the new state, an audit row (actor, reason, before/after) and an outbox event in one transaction; the rules'
 * pure manual functions decide the next state.
 */
import {
  type AddressState,
  type ManualResult,
  manualBlock,
  manualUnblock,
  normalizeAddress,
  resetCount,
  snapshotOf,
} from '@bounce/rules';
import type { Executor } from '../client.js';
import {
  insertAuditRows,
  insertOutboxEvents,
  type OutboxEvent,
  type OutboxEventType,
} from '../outbox/outbox-events.js';
import { StoreError } from '../sql/errors.js';
import { inTransaction } from '../sql/sql-util.js';
import {
  type LockedAddress,
  lockExistingAddresses,
  upsertAndLockAddresses,
  writeAddressStates,
} from './address-state.js';

export type ManualOpOptions = {
  /** Who: "operator:<api key id>", "import", ... */
  actor: string;
  /** Why, shown in the audit trail. Required. */
  reason: string;
  /** Clock. Default now. */
  now?: Date;
};

export type ManualOpResult = {
  address: string;
  changed: boolean;
  before: AddressState;
  after: AddressState;
  auditId: number | null;
  explanation: string;
};

export function normalizeOrThrow(address: string): string {
  const normalized = normalizeAddress(address);
  if (!normalized) throw new StoreError('invalid-input', 'invalid e-mail address');
  return normalized;
}

/** Writes a manual result for a locked row: state, audit row and events. Shared with undo. */
export async function writeManualResult(
  tx: Executor,
  tenantId: string,
  row: LockedAddress,
  result: ManualResult,
  input: {
    actor: string;
    action: string;
    events: OutboxEventType[];
    revertsId?: number | null;
    evidence?: Record<string, unknown>;
    /** The block detail to keep (an undo restoring a block restores its diagnostic). Default the operator's reason. */
    suppressionDetail?: string | null;
  },
): Promise<number | null> {
  if (!result.changed) return null;
  // The operator's words explain a manual block better than any diagnostic.
  const detail = result.next.state === 'blocked' ? (input.suppressionDetail ?? result.reason) : null;
  await writeAddressStates(tx, [
    { id: row.id, state: result.next, lastBounceId: row.lastBounceId, suppressionDetail: detail },
  ]);
  const [auditId] = await insertAuditRows(tx, tenantId, [
    {
      address: row.address,
      action: input.action,
      actor: input.actor,
      rule: 'manual',
      reason: result.explanation,
      // The detail travels in the snapshots, so undoing this entry can restore the block's diagnostic.
      before: { ...snapshotOf(result.before), suppressionDetail: row.suppressionDetail ?? null },
      after: { ...snapshotOf(result.next), suppressionDetail: detail },
      evidence: {
        operation: result.operation,
        operatorReason: result.reason,
        effects: result.effects,
        ...input.evidence,
      },
      revertsId: input.revertsId ?? null,
    },
  ]);
  const payload = {
    address: row.address,
    actor: input.actor,
    operation: result.operation,
    reason: result.reason,
    explanation: result.explanation,
    auditId: auditId ?? null,
    addressState: {
      state: result.next.state,
      consecutiveSoftFailures: result.next.consecutiveSoftFailures,
      suppressionReason: result.next.suppressionReason,
    },
  };
  const events: OutboxEvent[] = input.events.map((type) => ({
    type,
    address: row.address,
    payload,
  }));
  await insertOutboxEvents(tx, tenantId, events);
  return auditId ?? null;
}

async function lockOne(tx: Executor, tenantId: string, address: string, create: boolean): Promise<LockedAddress> {
  const locked = create
    ? await upsertAndLockAddresses(tx, tenantId, [address])
    : await lockExistingAddresses(tx, tenantId, [address]);
  const row = locked.get(address);
  if (!row) throw new StoreError('not-found', `address ${address} not found`);
  return row;
}

function toResult(row: LockedAddress, r: ManualResult, auditId: number | null): ManualOpResult {
  return {
    address: row.address,
    changed: r.changed,
    before: r.before,
    after: r.next,
    auditId,
    explanation: r.explanation,
  };
}

/** Unblocks an address; it starts clean (count 0), and failures older than now no longer count. */
export async function unblockAddress(
  db: Executor,
  tenantId: string,
  address: string,
  options: ManualOpOptions,
): Promise<ManualOpResult> {
  const normalized = normalizeOrThrow(address);
  return inTransaction(db, async (tx) => {
    const row = await lockOne(tx, tenantId, normalized, false);
    const r = manualUnblock(row.state, options.now ?? new Date(), options.reason);
    const wasBlocked = r.before.state === 'blocked';
    const auditId = await writeManualResult(tx, tenantId, row, r, {
      actor: options.actor,
      action: 'unblock',
      events: wasBlocked ? ['address.unblocked'] : ['address.reset'],
    });
    return toResult(row, r, auditId);
  });
}

/** Blocks an address by hand (creates the row when the address was never seen). */
export async function blockAddress(
  db: Executor,
  tenantId: string,
  address: string,
  options: ManualOpOptions,
): Promise<ManualOpResult> {
  const normalized = normalizeOrThrow(address);
  return inTransaction(db, async (tx) => {
    const row = await lockOne(tx, tenantId, normalized, true);
    const r = manualBlock(row.state, options.now ?? new Date(), options.reason);
    const auditId = await writeManualResult(tx, tenantId, row, r, {
      actor: options.actor,
      action: 'block',
      events: ['address.blocked'],
    });
    return toResult(row, r, auditId);
  });
}

/** Resets the consecutive soft-failure count without changing blocked/active. */
export async function resetAddressCount(
  db: Executor,
  tenantId: string,
  address: string,
  options: ManualOpOptions,
): Promise<ManualOpResult> {
  const normalized = normalizeOrThrow(address);
  return inTransaction(db, async (tx) => {
    const row = await lockOne(tx, tenantId, normalized, false);
    const r = resetCount(row.state, options.now ?? new Date(), options.reason);
    const auditId = await writeManualResult(tx, tenantId, row, r, {
      actor: options.actor,
      action: 'reset-count',
      events: ['address.reset'],
    });
    return toResult(row, r, auditId);
  });
}

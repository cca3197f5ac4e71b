/**
 * Undo one audit entry in one step. The trail stays append-only: the undo is a new audit row naming the row it
 * reverts (`reverts_id`, unique, so an entry is undone at most once even when two operators click at once).
 *  - address entries (block, escalate, soft-failure, unblock, import, ...): the address gets the entry's `before`
 *    state back (the rules' `undo` stamps manualResetAt so late bounces cannot redo it); a "remove from list"
 *    entry also lifts that list suppression;
 *  - domain-block / domain-unblock: the domain block is lifted / restored.
 */

import { type Effect, parseAddressState, undo } from '@bounce/rules';
import { and, eq, sql } from 'drizzle-orm';
import { upsertAndLockAddresses } from '../addresses/address-state.js';
import { writeManualResult } from '../addresses/manual-ops.js';
import type { Executor } from '../client.js';
import { auditLog } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { dbErrorCode, inTransaction, jsonRecords } from '../sql/sql-util.js';
import { blockDomain, unblockDomain } from '../suppressions/domain-blocks.js';

export type UndoOptions = { actor: string; reason: string; now?: Date };

export type UndoResult = {
  revertedId: number;
  auditId: number | null;
  changed: boolean;
  /** The address changed again after the reverted entry: the undo overrode those later changes. */
  overridesLaterChanges: boolean;
};

const UNIQUE_VIOLATION = '23505';

export async function undoAuditEntry(
  db: Executor,
  tenantId: string,
  auditId: number,
  options: UndoOptions,
): Promise<UndoResult> {
  try {
    return await inTransaction(db, async (tx) => {
      const [entry] = await tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.id, auditId)))
        .for('update');
      if (!entry) throw new StoreError('not-found', `audit entry ${auditId} not found`);
      const [already] = await tx
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.revertsId, auditId)));
      if (already) throw new StoreError('already-undone', `audit entry ${auditId} was already undone by ${already.id}`);

      if (entry.action === 'domain-block' || entry.action === 'domain-unblock') {
        const domain = String((entry.after ?? entry.before)?.domain ?? '');
        const reason = String(entry.before?.reason ?? options.reason);
        const r =
          entry.action === 'domain-block'
            ? await unblockDomain(tx, tenantId, domain, {
                actor: options.actor,
                reason: options.reason,
                revertsId: auditId,
              })
            : await blockDomain(tx, tenantId, domain, { actor: options.actor, reason, revertsId: auditId });
        return { revertedId: auditId, auditId: r.auditId, changed: r.changed, overridesLaterChanges: false };
      }
      if (!entry.address)
        throw new StoreError('not-undoable', `audit entry ${auditId} (${entry.action}) cannot be undone`);

      const before = parseAddressState(entry.before);
      const after = parseAddressState(entry.after);
      const locked = await upsertAndLockAddresses(tx, tenantId, [entry.address]);
      const row = locked.get(entry.address);
      if (!row) throw new StoreError('not-found', `address ${entry.address} not found`);
      const result = undo(row.state, { before, after }, options.now ?? new Date(), options.reason);

      // A "remove from list" decision is undone by lifting the list suppression it created.
      const effects = ((entry.evidence as { effects?: Effect[] } | null)?.effects ?? []).filter(
        (e): e is Extract<Effect, { type: 'remove-from-list' }> => e.type === 'remove-from-list',
      );
      if (effects.length > 0) {
        await tx.execute(sql`
          delete from list_suppressions ls using jsonb_to_recordset(${jsonRecords(effects)}) as e("listId" text)
          where ls.tenant_id = ${tenantId} and ls.address = ${entry.address} and ls.list_id = e."listId"`);
      }
      const events: ('address.blocked' | 'address.unblocked' | 'audit.undone')[] = ['audit.undone'];
      if (result.before.state === 'active' && result.next.state === 'blocked') events.push('address.blocked');
      if (result.before.state === 'blocked' && result.next.state === 'active') events.push('address.unblocked');
      let newAuditId = await writeManualResult(tx, tenantId, row, result, {
        actor: options.actor,
        action: 'undo',
        events,
        revertsId: auditId,
        // Restoring a block restores its detail (e.g. the 550 5.1.1 diagnostic), not the undo's reason.
        suppressionDetail: result.next.state === 'blocked' ? detailOf(entry.before) : null,
        evidence: {
          revertedAction: entry.action,
          revertedRule: entry.rule,
          overridesLaterChanges: result.overridesLaterChanges,
        },
      });
      if (newAuditId === null && effects.length > 0) {
        // State unchanged but a list suppression was lifted: still record the undo.
        const [id] = await tx
          .insert(auditLog)
          .values({
            tenantId,
            address: entry.address,
            action: 'undo',
            actor: options.actor,
            rule: 'manual',
            reason: `undo of audit entry ${auditId}: list suppression lifted (reason: ${options.reason})`,
            before: entry.after,
            after: entry.before,
            evidence: { revertedAction: entry.action, effects },
            revertsId: auditId,
          })
          .returning({ id: auditLog.id });
        newAuditId = id?.id ?? null;
      }
      return {
        revertedId: auditId,
        auditId: newAuditId,
        changed: result.changed || effects.length > 0,
        overridesLaterChanges: result.overridesLaterChanges,
      };
    });
  } catch (err) {
    if (dbErrorCode(err) === UNIQUE_VIOLATION) {
      throw new StoreError('already-undone', `audit entry ${auditId} was already undone`);
    }
    throw err;
  }
}

/** The block detail an audit snapshot carries (snapshots written before it was recorded have none). */
function detailOf(snapshot: unknown): string | null {
  const detail = (snapshot as { suppressionDetail?: unknown } | null)?.suppressionDetail;
  return typeof detail === 'string' && detail.length > 0 ? detail : null;
}

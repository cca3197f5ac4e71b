/**
 * Applying bounces from the manual-assignment list once their match is known: an operator's assignment
 * (assign-bounce) or an automatic re-match when the send is reported late (rematch-unmatched). The rules then apply
 * exactly as if the bounce had been matched on arrival.
 */

import {
  type BounceDraft,
  type BounceEvent,
  bounceDecisionOf,
  decideAll,
  type MatchedSend,
  type MatchMethod,
  type PendingEvent,
} from '@bounce/rules';
import { sql } from 'drizzle-orm';
import { upsertAndLockAddresses } from '../addresses/address-state.js';
import type { Executor } from '../client.js';
import type { RuleConfigResolver } from '../rule-sets/rule-sets.js';
import { jsonTable, queryRows, toDateStrict, uuidArray } from '../sql/sql-util.js';
import { bounceEventOf, sendUpdateOf } from './bounce-rows.js';
import { writeOutcomes } from './write-outcomes.js';

export type UnmatchedBounceRow = {
  id: string;
  idempotency_key: string;
  raw_message_id: string | null;
  source: BounceDraft['source'];
  kind: string;
  recipient: string | null;
  action: string | null;
  status: string | null;
  reply_code: number | null;
  reason: string;
  class: string;
  diagnostic_code: string | null;
  remote_mta: string | null;
  feedback_type: string | null;
  original_message_id: string | null;
  occurred_at: unknown;
  received_at: unknown;
  state: string;
  /** While unmatched: why, and an automatic reply's absence (see absenceOfUnmatched). */
  decision: Record<string, unknown> | null;
};

/**
 * The absence an unmatched automatic reply announced (stored in its decision when it went to the manual list), so
 * the rules record its window when it is assigned, exactly as on arrival. Malformed values are dropped: the rules'
 * absenceWindowOf reads only calendar days.
 */
function absenceOfUnmatched(decision: Record<string, unknown> | null): BounceEvent['absence'] {
  const a = decision?.absence as { from?: unknown; until?: unknown } | undefined;
  if (!a || typeof a !== 'object') return null;
  return {
    from: typeof a.from === 'string' ? a.from : null,
    until: typeof a.until === 'string' ? a.until : null,
  };
}

/**
 * Locks the tenant's bounce rows among `ids` that are still unmatched, in id order (the order every path that locks
 * bounce rows uses). A row assigned meanwhile by someone else is not returned: under READ COMMITTED the state is
 * re-checked on the newest row version once its lock is granted.
 */
export async function lockUnmatchedBounces(
  tx: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<UnmatchedBounceRow[]> {
  if (ids.length === 0) return [];
  return queryRows<UnmatchedBounceRow>(
    tx,
    sql`select * from bounces
        where tenant_id = ${tenantId} and id = any(${uuidArray(ids)}) and state = 'unmatched'
        order by id for update`,
  );
}

/** An unmatched bounce (locked) and what it now belongs to. */
export type BounceMatch = {
  bounce: UnmatchedBounceRow;
  send: MatchedSend | null;
  address: string;
  method: MatchMethod;
  /** Who applies it: "operator:<id>" for a manual assignment, "rules" for an automatic re-match. */
  actor: string;
  /** Stored in bounces.assigned_by: the operator, or null for an automatic re-match. */
  assignedBy: string | null;
};

export type AppliedMatch = { bounceId: string; address: string; sendId: string | null; rule: string };

/**
 * Applies locked unmatched bounces as if they had matched on arrival: address rows locked (in address order), the
 * rules run per address in occurrence order, the bounce rows updated to applied with their match, then state, audit
 * and events written. Runs in the caller's transaction, after `lockUnmatchedBounces`.
 */
export async function applyMatchedBounces(
  tx: Executor,
  tenantId: string,
  resolver: RuleConfigResolver,
  matches: readonly BounceMatch[],
  now: Date = new Date(),
): Promise<AppliedMatch[]> {
  if (matches.length === 0) return [];
  const pending: PendingEvent[] = matches.map((m) => {
    const b = m.bounce;
    const draft: BounceDraft = {
      id: b.id,
      idempotencyKey: b.idempotency_key,
      rawMessageId: b.raw_message_id,
      source: b.source,
      kind: b.kind,
      recipient: m.address,
      action: b.action,
      status: b.status,
      replyCode: b.reply_code,
      reason: b.reason,
      class: b.class,
      diagnosticCode: b.diagnostic_code,
      remoteMta: b.remote_mta,
      feedbackType: b.feedback_type,
      originalMessageId: b.original_message_id,
      occurredAt: toDateStrict(b.occurred_at),
      receivedAt: toDateStrict(b.received_at),
      sendId: m.send?.id ?? null,
      matchMethod: m.method,
      state: 'applied',
      decision: null,
      appliedAt: now,
      assignedBy: m.assignedBy,
    };
    return {
      address: m.address,
      event: {
        ...bounceEventOf(draft, m.send?.category ?? null, m.send?.listId ?? null, m.address),
        absence: absenceOfUnmatched(b.decision),
      },
      send: m.send,
      bounce: draft,
      actor: m.actor,
      sendUpdate: sendUpdateOf(draft),
    };
  });
  const locked = await upsertAndLockAddresses(
    tx,
    tenantId,
    pending.map((p) => p.address),
  );
  const outcomes = decideAll(resolver, locked, pending);
  for (const o of outcomes) if (o.pending.bounce) o.pending.bounce.decision = bounceDecisionOf(o);
  const rows = outcomes.map((o) => o.pending.bounce!);
  await tx.execute(sql`
    update bounces b set recipient = r.recipient, send_id = r."sendId", match_method = r."matchMethod",
      state = 'applied', decision = r.decision, applied_at = r."appliedAt", assigned_by = r."assignedBy"
    from ${jsonTable(
      {
        id: 'uuid',
        recipient: 'text',
        sendId: 'uuid',
        matchMethod: 'text',
        decision: 'jsonb',
        appliedAt: 'timestamptz',
        assignedBy: 'text',
      },
      rows,
    )} as r
    where b.id = r.id and b.tenant_id = ${tenantId}`);
  await writeOutcomes(tx, tenantId, locked, outcomes);
  return outcomes.map((o) => ({
    bounceId: o.pending.bounce!.id,
    address: o.pending.address,
    sendId: o.pending.send?.id ?? null,
    rule: o.decision.rule,
  }));
}

/**
 * Manual assignment: an operator ties a bounce from the manual-assignment list (state 'unmatched') to a send or to
 * a recipient; the rules then apply exactly as if the bounce had been matched on arrival.
 */

import { normalizeAddress } from '@bounce/rules';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { upsertAndLockAddresses } from './address-state.js';
import { type BounceDraft, bounceDecisionOf, decideAll, type MatchedSend, writeOutcomes } from './apply-core.js';
import { bounceEventOf, sendUpdateOf } from './bounce-rows.js';
import { StoreError } from './errors.js';
import { loadRuleConfigResolver } from './rule-sets.js';
import { resolveSendRefs } from './sends.js';
import { inTransaction, queryRows, toDateStrict } from './sql-util.js';

export type AssignTarget = { sendId: string } | { externalId: string } | { recipient: string };

export type AssignResult = { bounceId: string; address: string; sendId: string | null; rule: string };

type RawBounce = {
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
};

/**
 * Assigns an unmatched bounce and applies the rules, in one transaction (bounce row locked first, then the address
 * row). Throws StoreError 'not-found' for an unknown bounce or send, 'conflict' when it is no longer unmatched
 * (assigned meanwhile by someone else).
 */
export async function assignBounce(
  db: Executor,
  tenantId: string,
  bounceId: string,
  target: AssignTarget,
  actor: string,
): Promise<AssignResult> {
  let send: MatchedSend | null = null;
  let address: string | null = null;
  if ('recipient' in target) {
    address = normalizeAddress(target.recipient);
    if (!address) throw new StoreError('invalid-input', 'invalid recipient address');
  } else {
    const [found] = await resolveSendRefs(db, tenantId, [target]);
    if (!found) throw new StoreError('not-found', 'send not found');
    send = found;
    address = found.recipient;
  }
  const resolver = await loadRuleConfigResolver(db, tenantId);
  return inTransaction(db, async (tx) => {
    const [b] = await queryRows<RawBounce>(
      tx,
      sql`select * from bounces where tenant_id = ${tenantId} and id = ${bounceId}::uuid for update`,
    );
    if (!b) throw new StoreError('not-found', `bounce ${bounceId} not found`);
    if (b.state !== 'unmatched') throw new StoreError('conflict', `bounce ${bounceId} is ${b.state}, not unmatched`);
    const now = new Date();
    const draft: BounceDraft = {
      id: b.id,
      idempotencyKey: b.idempotency_key,
      rawMessageId: b.raw_message_id,
      source: b.source,
      kind: b.kind,
      recipient: address,
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
      sendId: send?.id ?? null,
      matchMethod: 'manual',
      state: 'applied',
      decision: null,
      appliedAt: now,
      assignedBy: actor,
    };
    const locked = await upsertAndLockAddresses(tx, tenantId, [address as string]);
    const [outcome] = decideAll(resolver, locked, [
      {
        address: address as string,
        event: bounceEventOf(draft, send?.category ?? null, send?.listId ?? null, address as string),
        send,
        bounce: draft,
        actor,
        sendUpdate: sendUpdateOf(draft),
      },
    ]);
    if (!outcome) throw new Error('no decision for the assigned bounce');
    draft.decision = bounceDecisionOf(outcome);
    await tx.execute(sql`
      update bounces set recipient = ${address}, send_id = ${draft.sendId}::uuid, match_method = 'manual',
        state = 'applied', decision = ${JSON.stringify(draft.decision)}::jsonb, applied_at = ${now.toISOString()}::timestamptz,
        assigned_by = ${actor}
      where id = ${b.id}::uuid`);
    await writeOutcomes(tx, tenantId, locked, [outcome]);
    return { bounceId: b.id, address: address as string, sendId: draft.sendId, rule: outcome.decision.rule };
  });
}

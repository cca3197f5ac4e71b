/**
 * Manual assignment: an operator ties a bounce from the manual-assignment list (state 'unmatched') to a send or to
 * a recipient; the rules then apply exactly as if the bounce had been matched on arrival.
 */

import type { MatchedSend } from '@bounce/rules';
import { normalizeAddress } from '@bounce/rules';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { loadRuleConfigResolver } from '../rule-sets/rule-sets.js';
import { resolveSendRefs } from '../sends/sends.js';
import { StoreError } from '../sql/errors.js';
import { inTransaction, queryRows } from '../sql/sql-util.js';
import { applyMatchedBounces, lockUnmatchedBounces } from './apply-matches.js';

export type AssignTarget = { sendId: string } | { externalId: string } | { recipient: string };

export type AssignResult = { bounceId: string; address: string; sendId: string | null; rule: string };

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
    const [b] = await queryRows<{ state: string }>(
      tx,
      sql`select state from bounces where tenant_id = ${tenantId} and id = ${bounceId}::uuid`,
    );
    if (!b) throw new StoreError('not-found', `bounce ${bounceId} not found`);
    const [locked] = await lockUnmatchedBounces(tx, tenantId, [bounceId]);
    if (!locked) {
      const [now] = await queryRows<{ state: string }>(
        tx,
        sql`select state from bounces where tenant_id = ${tenantId} and id = ${bounceId}::uuid`,
      );
      throw new StoreError('conflict', `bounce ${bounceId} is ${now?.state ?? b.state}, not unmatched`);
    }
    const [applied] = await applyMatchedBounces(tx, tenantId, resolver, [
      { bounce: locked, send, address: address as string, method: 'manual', actor, assignedBy: actor },
    ]);
    if (!applied) throw new Error('no decision for the assigned bounce');
    return applied;
  });
}

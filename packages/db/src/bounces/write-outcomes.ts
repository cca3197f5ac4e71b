/**
 * Executes a batch's plan (@bounce/rules, `planOutcomes`) in the caller's transaction: address state, audit rows,
 * list suppressions, sender alerts, send status and outbox events, each as ONE set-based statement per batch. The
 * caller has locked the address rows (see `upsertAndLockAddresses`), so the sequence read → decide → write is
 * serialised per address across workers.
 */
import { type EventOutcome, type LockedAddress, type OutboxEvent, planOutcomes } from '@bounce/rules';
import type { Executor } from '../client.js';
import { type ContactAlternatives, contactAlternativesOf } from '../contacts/address-suggestions.js';
import { insertAuditAndOutbox } from '../outbox/outbox-events.js';
import { pipelined } from '../sql/sql-util.js';
import type { WriteExtras, WriteSummary } from './write-plan.js';
import { writeStateStatement } from './write-state.js';

/**
 * Writes the consequences of `outcomes` in TWO statements, whatever the batch size (round trips, not rows, are
 * what a loaded machine pays for):
 *  1. data-modifying CTEs: bounce rows, address state, list suppressions, send status, sender alerts (and a
 *     sender.blocked event per newly opened alert), raw message status;
 *  2. audit rows and outbox events, which render bounce/send JSON from the rows statement 1 wrote.
 * Locks: the address rows are already held by the caller; send rows belong to one recipient each, so they are
 * only ever updated under that address's lock; list suppressions are per address too. The one resource shared
 * between workers is an open sender alert row (same receiving domain), which nothing waits on while holding it.
 */
export async function writeOutcomes(
  tx: Executor,
  tenantId: string,
  locked: ReadonlyMap<string, LockedAddress>,
  outcomes: readonly EventOutcome[],
  extras: WriteExtras = {},
): Promise<WriteSummary & { insertedKeys: Set<string> }> {
  // The apply path's own batch (its bounce rows written here): events and audit rows carry the summaries of those
  // rows and their sends themselves, rendered here instead of by the database from the rows just written.
  const ownBatch = (extras.bounces?.length ?? 0) > 0;
  const plan = planOutcomes(locked, outcomes, { recordedEventsInSql: ownBatch, inlineSummaries: ownBatch });
  // Issued back to back (pipelined, see `pipelined`): the contacts read, then statement 1; statement 2 is rendered
  // while the server runs statement 1, and follows it on the connection. Statement 2 does not need statement 1's
  // answer, only to run after it (it reads the bounce rows statement 1 wrote); if `afterInsert` rejects the batch,
  // the caller's transaction rolls both back.
  const alternatives = contactAlternativesFor(tx, tenantId, plan.events);
  const state = writeStateStatement(tx, tenantId, plan, extras);
  const audit = alternatives.then((found) =>
    insertAuditAndOutbox(tx, tenantId, plan.audits, plan.sharedConfigs, withAlternatives(plan.events, found)),
  );
  const [, first] = await pipelined(alternatives, state, audit);
  extras.afterInsert?.(first.insertedKeys);
  return {
    auditRows: plan.audits.length,
    outboxEvents: plan.events.length + first.alertsOpened + first.bounceEvents,
    addressesChanged: plan.addressWrites.length,
    blocked: plan.blocked,
    senderAlertsOpened: first.alertsOpened,
    insertedKeys: first.insertedKeys,
  };
}

const blocking = (e: OutboxEvent) => (e.type === 'address.blocked' || e.type === 'address.list_removed') && !!e.address;

/**
 * An address the rules blocked (or removed from a list) may belong to a contact with other addresses: the event
 * names them (`contacts`: each contact's other addresses, primary first; `alternativeAddress`: the first of them), so
 * the CRM can send there instead. One query, and only when the batch blocked something.
 */
function contactAlternativesFor(
  tx: Executor,
  tenantId: string,
  events: readonly OutboxEvent[],
): Promise<Map<string, ContactAlternatives[]>> {
  if (!events.some(blocking)) return Promise.resolve(new Map());
  return contactAlternativesOf(
    tx,
    tenantId,
    events.filter(blocking).map((e) => e.address!),
  );
}

function withAlternatives(
  events: readonly OutboxEvent[],
  alternatives: ReadonlyMap<string, ContactAlternatives[]>,
): readonly OutboxEvent[] {
  if (alternatives.size === 0) return events;
  return events.map((e) => {
    const found = blocking(e) ? alternatives.get(e.address!) : undefined;
    if (!found) return e;
    const alternativeAddress = found.flatMap((c) => c.otherAddresses)[0] ?? null;
    return { ...e, payload: { ...e.payload, contacts: found, alternativeAddress } };
  });
}

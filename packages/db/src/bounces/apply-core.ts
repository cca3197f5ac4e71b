/**
 * The heart of the store: given rule events already matched to an address (bounces, deliveries), run the pure
 * rules in order per address and write everything that follows in the caller's transaction — address state, audit
 * rows, list suppressions, sender alerts, send status and outbox events — each as ONE set-based statement per
 * batch. The caller has locked the address rows (see `upsertAndLockAddresses`), so the sequence
 * read → decide → write is serialised per address across workers.
 */

import { type AddressState, decide, type Effect, type RuleConfig } from '@bounce/rules';
import { isSameState, isSignificantChange, type LockedAddress, snapshotOf } from '../addresses/address-state.js';
import type { Executor } from '../client.js';
import { insertAuditAndOutbox } from '../outbox/outbox-events.js';
import type { RuleConfigResolver } from '../rule-sets/rule-sets.js';
import type {
  AlertGroup,
  BounceDraft,
  EventOutcome,
  MatchedSend,
  PendingEvent,
  WriteExtras,
  WritePlan,
  WriteSummary,
} from './write-plan.js';
import { writeStateStatement } from './write-state.js';

export type {
  AlertGroup,
  BounceDraft,
  EventOutcome,
  MatchedSend,
  MatchMethod,
  PendingEvent,
  WriteExtras,
  WritePlan,
  WriteSummary,
} from './write-plan.js';

/**
 * Runs `decide` for every event, per address in occurrence order (ties keep input order), threading the state
 * from one decision to the next. Pure apart from reading `locked`; writes nothing.
 */
export function decideAll(
  resolver: RuleConfigResolver,
  locked: ReadonlyMap<string, LockedAddress>,
  events: readonly PendingEvent[],
): EventOutcome[] {
  const byAddress = new Map<string, { e: PendingEvent; seq: number }[]>();
  events.forEach((e, seq) => {
    const list = byAddress.get(e.address);
    if (list) list.push({ e, seq });
    else byAddress.set(e.address, [{ e, seq }]);
  });
  const outcomes: EventOutcome[] = [];
  for (const address of [...byAddress.keys()].sort()) {
    const row = locked.get(address);
    if (!row) throw new Error(`address ${address} was not locked before deciding`);
    let state = row.state;
    const list = byAddress.get(address) ?? [];
    list.sort((a, b) => a.e.event.occurredAt.getTime() - b.e.event.occurredAt.getTime() || a.seq - b.seq);
    for (const { e } of list) {
      const config = resolver.resolve(e.send?.category ?? null, e.send?.listId ?? null);
      const decision = decide(state, e.event, config);
      outcomes.push({ pending: e, before: state, decision, config });
      state = decision.next;
    }
  }
  return outcomes;
}

/** The decision summary kept on the bounce row (the config in force lives in the audit evidence). */
export function bounceDecisionOf(o: EventOutcome): Record<string, unknown> {
  return {
    rule: o.decision.rule,
    explanation: o.decision.explanation,
    changed: o.decision.changed,
    countedAsFailure: o.decision.countedAsFailure,
    effects: o.decision.effects,
    stateAfter: o.decision.next.state,
    consecutiveSoftFailures: o.decision.next.consecutiveSoftFailures,
    suppressionReason: o.decision.next.suppressionReason,
  };
}

function auditActionOf(o: EventOutcome): string {
  const { before } = o;
  const next = o.decision.next;
  if (before.state === 'active' && next.state === 'blocked') {
    return o.decision.rule === 'soft-threshold' ? 'escalate' : 'block';
  }
  if (before.state === 'blocked' && next.state === 'active') return 'unblock';
  if (o.decision.effects.some((e) => e.type === 'remove-from-list')) return 'list-remove';
  if (next.consecutiveSoftFailures > before.consecutiveSoftFailures) return 'soft-failure';
  if (next.consecutiveSoftFailures < before.consecutiveSoftFailures) return 'reset';
  return 'record';
}

/** Effects worth an audit row even when the address state itself did not change. */
function isAuditedEffect(e: Effect): boolean {
  return e.type === 'block' || e.type === 'remove-from-list';
}

export function sendSummary(send: MatchedSend | null): Record<string, unknown> | null {
  return send
    ? {
        id: send.id,
        externalId: send.externalId,
        messageId: send.messageId,
        category: send.category,
        listId: send.listId,
        campaignId: send.campaignId,
        sentAt: send.sentAt.toISOString(),
      }
    : null;
}

export function bounceSummary(b: BounceDraft | null): Record<string, unknown> | null {
  return b
    ? {
        id: b.id,
        kind: b.kind,
        class: b.class,
        reason: b.reason,
        status: b.status,
        replyCode: b.replyCode,
        diagnosticCode: b.diagnosticCode,
        remoteMta: b.remoteMta,
        feedbackType: b.feedbackType,
        action: b.action,
        occurredAt: b.occurredAt.toISOString(),
        source: b.source,
        matchMethod: b.matchMethod,
        originalMessageId: b.originalMessageId,
      }
    : null;
}

function eventPayload(o: EventOutcome): Record<string, unknown> {
  const next = o.decision.next;
  return {
    address: o.pending.address,
    decision: { rule: o.decision.rule, explanation: o.decision.explanation },
    addressState: {
      state: next.state,
      consecutiveSoftFailures: next.consecutiveSoftFailures,
      suppressionReason: next.suppressionReason,
    },
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Turns decisions into the rows to write. Pure: reads `locked` and the outcomes only. */
export function planOutcomes(
  locked: ReadonlyMap<string, LockedAddress>,
  outcomes: readonly EventOutcome[],
  options: { recordedEventsInSql?: boolean } = {},
): WritePlan {
  const plan: WritePlan = {
    addressWrites: [],
    listRemovals: [],
    sendUpdates: [],
    alerts: [],
    audits: [],
    events: [],
    sharedConfigs: [],
    blocked: 0,
  };
  const { audits, events, sharedConfigs } = plan;
  // Final state per address: the last outcome wins (outcomes are in per-address occurrence order).
  const finalByAddress = new Map<string, { state: AddressState; lastBounceId: string | null; detail: string | null }>();
  const listRemovals = new Map<string, { address: string; listId: string; reason: string }>();
  const sendUpdates = new Map<string, { id: string; status: string | null; at: string; grace: boolean }>();
  const alerts = new Map<string, AlertGroup>();
  const configIndexes = new Map<RuleConfig, number>();
  const configIndex = (config: RuleConfig): number => {
    let i = configIndexes.get(config);
    if (i === undefined) {
      i = sharedConfigs.push(config) - 1;
      configIndexes.set(config, i);
    }
    return i;
  };

  for (const o of outcomes) {
    const row = locked.get(o.pending.address);
    if (!row) continue;
    const { decision } = o;
    const next = decision.next;
    const prev = finalByAddress.get(o.pending.address) ?? {
      state: row.state,
      lastBounceId: row.lastBounceId,
      detail: row.suppressionDetail,
    };
    const becameBlocked = o.before.state === 'active' && next.state === 'blocked';
    const becameActive = o.before.state === 'blocked' && next.state === 'active';
    finalByAddress.set(o.pending.address, {
      state: next,
      // The pointer follows lastBounceAt: a bounce the rules did not record against the address (sender-side,
      // stale) leaves both alone, and the row is not rewritten for nothing.
      lastBounceId:
        o.pending.bounce && next.lastBounceAt?.getTime() !== o.before.lastBounceAt?.getTime()
          ? o.pending.bounce.id
          : prev.lastBounceId,
      detail: becameBlocked
        ? (o.pending.bounce?.diagnosticCode ?? decision.explanation)
        : next.state === 'active'
          ? null
          : prev.detail,
    });
    if (becameBlocked) plan.blocked++;

    const payload = eventPayload(o);
    const refs = { bounceId: o.pending.bounce?.id ?? null, sendId: o.pending.send?.id ?? null };
    if (o.pending.bounce && !options.recordedEventsInSql) {
      // The most frequent event: the rule name suffices (the explanation is on the bounce row and in the audit).
      // When the bounce rows are inserted by the same write, the database derives these events from them.
      events.push({
        type: 'bounce.recorded',
        address: o.pending.address,
        refs,
        payload: { ...payload, decision: { rule: decision.rule } },
      });
    }

    if (isSignificantChange(o.before, next) || decision.effects.some(isAuditedEffect)) {
      audits.push({
        address: o.pending.address,
        action: auditActionOf(o),
        actor: o.pending.actor,
        rule: decision.rule,
        // A bounce's explanation is already in its row's decision: the database copies it from there.
        reason: o.pending.bounce ? null : decision.explanation,
        before: snapshotOf(o.before),
        after: snapshotOf(next),
        evidence: {
          // The bounce verdict (status, reason, diagnostic) and the send are rendered from their rows (refs);
          // a delivery has no bounce row: the rules' record of the event says what happened.
          ...(o.pending.bounce ? {} : { event: decision.evidence ?? null }),
          effects: decision.effects,
        },
        configIndex: configIndex(o.config),
        refs,
        // Escalation: the database cites the counted soft failures that led to the threshold (this batch's
        // bounces included, written by the statement before).
        ...(decision.rule === 'soft-threshold'
          ? {
              history: {
                since: o.before.firstSoftFailureAt ?? next.firstSoftFailureAt ?? o.pending.event.occurredAt,
                limit: o.config.softBounceThreshold,
              },
            }
          : {}),
      });
    }

    for (const effect of decision.effects) {
      switch (effect.type) {
        case 'block':
          if (becameBlocked) events.push({ type: 'address.blocked', address: o.pending.address, payload, refs });
          break;
        case 'remove-from-list':
          listRemovals.set(`${o.pending.address}\u0000${effect.listId}`, {
            address: o.pending.address,
            listId: effect.listId,
            reason: decision.rule,
          });
          events.push({
            type: 'address.list_removed',
            address: o.pending.address,
            refs,
            payload: { ...payload, listId: effect.listId },
          });
          break;
        case 'sender-alert': {
          const key = `${effect.receivingDomain}\u0000${effect.reason}`;
          const at = o.pending.event.occurredAt;
          const a = alerts.get(key);
          if (a) {
            a.n++;
            if (at < a.first) a.first = at;
            if (at > a.last) a.last = at;
            a.sample ??= o.pending.bounce?.diagnosticCode ?? null;
          } else {
            alerts.set(key, {
              domain: effect.receivingDomain,
              reason: effect.reason,
              first: at,
              last: at,
              n: 1,
              sample: o.pending.bounce?.diagnosticCode ?? null,
              firstEvent: { ...payload, bounce: bounceSummary(o.pending.bounce), send: sendSummary(o.pending.send) },
            });
          }
          break;
        }
        case 'exempt-undeliverable':
          // An invoice (or another exempt category) could not be delivered: a human must act (a high-priority type).
          events.push({
            type: 'invoice.undeliverable',
            address: o.pending.address,
            refs,
            payload: { ...payload, category: effect.category },
          });
          break;
        case 'notify':
          // "notify only" actions: nothing changed, the operator is told which rule would have fired.
          events.push({
            type: 'address.notify',
            address: o.pending.address,
            refs,
            payload: { ...payload, notify: effect.event },
          });
          break;
        default: {
          const never: never = effect;
          throw new Error(`unknown rule effect ${JSON.stringify(never)}`);
        }
      }
    }
    if (becameActive) events.push({ type: 'address.unblocked', address: o.pending.address, payload, refs });

    const send = o.pending.send;
    if (send && o.pending.sendUpdate) {
      const at = o.pending.event.occurredAt.toISOString();
      const current = sendUpdates.get(send.id);
      const status = o.pending.sendUpdate === 'grace' ? null : o.pending.sendUpdate;
      // A failure outranks a delivery for the same send (a late bounce after a relay's "delivered").
      if (!current || (status && (status === 'bounced' || status === 'rejected' || !current.status))) {
        sendUpdates.set(send.id, { id: send.id, status, at, grace: o.pending.sendUpdate === 'grace' });
      }
    }
  }

  plan.addressWrites = [...finalByAddress.entries()]
    .sort(([a], [b]) => byText(a, b))
    .flatMap(([address, f]) => {
      const row = locked.get(address);
      if (!row) return [];
      if (isSameState(row.state, f.state) && row.lastBounceId === f.lastBounceId) return [];
      return [{ id: row.id, state: f.state, lastBounceId: f.lastBounceId, suppressionDetail: f.detail }];
    });
  plan.listRemovals = [...listRemovals.values()].sort(
    (a, b) => byText(a.address, b.address) || byText(a.listId, b.listId),
  );
  plan.sendUpdates = [...sendUpdates.values()].sort((a, b) => byText(a.id, b.id));
  plan.alerts = [...alerts.values()].sort((a, b) => byText(a.domain, b.domain) || byText(a.reason, b.reason));
  return plan;
}

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
  const plan = planOutcomes(locked, outcomes, { recordedEventsInSql: (extras.bounces?.length ?? 0) > 0 });
  const first = await writeStateStatement(tx, tenantId, plan, extras);
  extras.afterInsert?.(first.insertedKeys);
  await insertAuditAndOutbox(tx, tenantId, plan.audits, plan.sharedConfigs, plan.events);
  return {
    auditRows: plan.audits.length,
    outboxEvents: plan.events.length + first.alertsOpened + first.bounceEvents,
    addressesChanged: plan.addressWrites.length,
    blocked: plan.blocked,
    senderAlertsOpened: first.alertsOpened,
    insertedKeys: first.insertedKeys,
  };
}

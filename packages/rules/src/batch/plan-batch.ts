/**
 * Planning a batch: run `decide` for every pending event in order per address, then turn the decisions into the
 * rows to write (address states, list removals, send status, sender alerts, audit rows, outbox events). Pure: the
 * store locks the address rows, hands them in, and executes the plan in a few set-based statements.
 */
import { sameAddressState } from '../address-state.js';
import { decide } from '../decide.js';
import type { AddressState, Effect, RuleConfig } from '../types.js';
import { isSignificantChange, snapshotOf } from './address-snapshot.js';
import type {
  AlertGroup,
  AuditRow,
  BounceDraft,
  EventOutcome,
  LockedAddress,
  MatchedSend,
  OutboxEvent,
  PendingEvent,
  WritePlan,
} from './batch-types.js';

/** The rule configuration in force for a send's category and list (the tenant's layered rule sets). */
export type RuleConfigSource = { resolve: (category: string | null, listId: string | null) => RuleConfig };

/**
 * Runs `decide` for every event, per address in occurrence order (ties keep input order), threading the state
 * from one decision to the next. Reads `locked` only.
 */
export function decideAll(
  rules: RuleConfigSource,
  locked: ReadonlyMap<string, LockedAddress>,
  events: readonly PendingEvent[],
): EventOutcome[] {
  const byAddress = new Map<string, { pending: PendingEvent; seq: number }[]>();
  events.forEach((pending, seq) => {
    const list = byAddress.get(pending.address);
    if (list) list.push({ pending, seq });
    else byAddress.set(pending.address, [{ pending, seq }]);
  });
  const outcomes: EventOutcome[] = [];
  for (const address of [...byAddress.keys()].sort()) {
    const row = locked.get(address);
    if (!row) throw new Error(`address ${address} was not locked before deciding`);
    let state = row.state;
    const list = byAddress.get(address) ?? [];
    list.sort((a, b) => a.pending.event.occurredAt.getTime() - b.pending.event.occurredAt.getTime() || a.seq - b.seq);
    for (const { pending } of list) {
      const config = rules.resolve(pending.send?.category ?? null, pending.send?.listId ?? null);
      const decision = decide(state, pending.event, config);
      outcomes.push({ pending, before: state, decision, config });
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

/** The send as events carry it (the shape of the database's SEND_JSON). */
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

/** The bounce as events carry it (the shape of the database's BOUNCE_JSON). */
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

/** Turns decisions into the rows to write. Pure: reads `locked` and the outcomes only. */
export function planOutcomes(
  locked: ReadonlyMap<string, LockedAddress>,
  outcomes: readonly EventOutcome[],
  options: {
    /** The bounce rows are inserted by the same write, which writes their bounce.recorded events too. */
    recordedEventsInSql?: boolean;
    /**
     * Events and audit rows carry the bounce and send summaries themselves instead of `refs` for the database to
     * render (the bounce rows and sends of the outcomes are the rows as written: the apply path's own batch).
     */
    inlineSummaries?: boolean;
  } = {},
): WritePlan {
  const planner = new BatchPlanner(locked, options.recordedEventsInSql ?? false, options.inlineSummaries ?? false);
  for (const o of outcomes) planner.add(o);
  return planner.plan();
}

type FinalAddress = { state: AddressState; lastBounceId: string | null; detail: string | null };
type ListRemoval = WritePlan['listRemovals'][number];
type SendUpdate = WritePlan['sendUpdates'][number];

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Collects one batch's writes outcome by outcome; `plan()` returns them in a deterministic (lock) order. */
class BatchPlanner {
  private readonly audits: AuditRow[] = [];
  private readonly events: OutboxEvent[] = [];
  private readonly sharedConfigs: RuleConfig[] = [];
  private readonly configIndexes = new Map<RuleConfig, number>();
  /** Final state per address: the last outcome wins (outcomes are in per-address occurrence order). */
  private readonly finalByAddress = new Map<string, FinalAddress>();
  private readonly listRemovals = new Map<string, ListRemoval>();
  private readonly sendUpdates = new Map<string, SendUpdate>();
  private readonly alerts = new Map<string, AlertGroup>();
  private blocked = 0;

  constructor(
    private readonly locked: ReadonlyMap<string, LockedAddress>,
    private readonly recordedEventsInSql: boolean,
    private readonly inlineSummaries: boolean,
  ) {}

  add(o: EventOutcome): void {
    const row = this.locked.get(o.pending.address);
    if (!row) return;
    const becameBlocked = o.before.state === 'active' && o.decision.next.state === 'blocked';
    const becameActive = o.before.state === 'blocked' && o.decision.next.state === 'active';
    this.trackFinalState(o, row, becameBlocked);
    if (becameBlocked) this.blocked++;
    const payload = this.inlineSummaries ? { ...eventPayload(o), ...summariesOf(o) } : eventPayload(o);
    const refs = this.inlineSummaries
      ? undefined
      : { bounceId: o.pending.bounce?.id ?? null, sendId: o.pending.send?.id ?? null };
    if (o.pending.bounce && !this.recordedEventsInSql) {
      // The most frequent event: the rule name suffices (the explanation is on the bounce row and in the audit).
      this.events.push({
        type: 'bounce.recorded',
        address: o.pending.address,
        refs,
        payload: { ...payload, decision: { rule: o.decision.rule } },
      });
    }
    this.addAudit(o, refs);
    for (const effect of o.decision.effects) this.addEffect(o, effect, becameBlocked, payload, refs);
    if (becameActive) this.events.push({ type: 'address.unblocked', address: o.pending.address, payload, refs });
    if (o.decision.rule === 'absence-window') {
      // A soft failure the absence kept from counting: the CRM learns why the count did not move.
      const next = o.decision.next;
      this.events.push({
        type: 'address.failure_during_absence',
        address: o.pending.address,
        refs,
        payload: {
          ...payload,
          absence: { from: next.absentFrom?.toISOString() ?? null, until: next.absentUntil?.toISOString() ?? null },
        },
      });
    }
    this.addSendUpdate(o);
  }

  plan(): WritePlan {
    const addressWrites = [...this.finalByAddress.entries()]
      .sort(([a], [b]) => byText(a, b))
      .flatMap(([address, f]) => {
        const row = this.locked.get(address);
        if (!row) return [];
        if (sameAddressState(row.state, f.state) && row.lastBounceId === f.lastBounceId) return [];
        return [{ id: row.id, state: f.state, lastBounceId: f.lastBounceId, suppressionDetail: f.detail }];
      });
    return {
      addressWrites,
      listRemovals: [...this.listRemovals.values()].sort(
        (a, b) => byText(a.address, b.address) || byText(a.listId, b.listId),
      ),
      sendUpdates: [...this.sendUpdates.values()].sort((a, b) => byText(a.id, b.id)),
      alerts: [...this.alerts.values()].sort((a, b) => byText(a.domain, b.domain) || byText(a.reason, b.reason)),
      audits: this.audits,
      events: this.events,
      sharedConfigs: this.sharedConfigs,
      blocked: this.blocked,
    };
  }

  /** The address row as it will be written: state, the last bounce behind it, the suppression detail shown. */
  private trackFinalState(o: EventOutcome, row: LockedAddress, becameBlocked: boolean): void {
    const { decision } = o;
    const next = decision.next;
    const prev = this.finalByAddress.get(o.pending.address) ?? {
      state: row.state,
      lastBounceId: row.lastBounceId,
      detail: row.suppressionDetail,
    };
    this.finalByAddress.set(o.pending.address, {
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
  }

  private addAudit(o: EventOutcome, refs: OutboxEvent['refs']): void {
    const { decision } = o;
    const next = decision.next;
    // A failure the absence window kept from counting gets its row too: the operator must be able to see why.
    if (
      !isSignificantChange(o.before, next) &&
      !decision.effects.some(isAuditedEffect) &&
      decision.rule !== 'absence-window'
    )
      return;
    this.audits.push({
      address: o.pending.address,
      action: auditActionOf(o),
      actor: o.pending.actor,
      rule: decision.rule,
      // A bounce's explanation is already in its row's decision: the database copies it from there (refs).
      reason: o.pending.bounce && refs ? null : decision.explanation,
      before: snapshotOf(o.before),
      after: snapshotOf(next),
      evidence: {
        // The bounce verdict (status, reason, diagnostic) and the send are rendered from their rows (refs);
        // a delivery has no bounce row: the rules' record of the event says what happened.
        ...(o.pending.bounce ? {} : { event: decision.evidence ?? null }),
        effects: decision.effects,
        ...(refs ? {} : summariesOf(o)),
      },
      configIndex: this.configIndex(o.config),
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

  private addEffect(
    o: EventOutcome,
    effect: Effect,
    becameBlocked: boolean,
    payload: Record<string, unknown>,
    refs: OutboxEvent['refs'],
  ): void {
    const address = o.pending.address;
    switch (effect.type) {
      case 'block':
        if (becameBlocked) this.events.push({ type: 'address.blocked', address, payload, refs });
        return;
      case 'remove-from-list':
        this.listRemovals.set(`${address}\u0000${effect.listId}`, {
          address,
          listId: effect.listId,
          reason: o.decision.rule,
        });
        this.events.push({
          type: 'address.list_removed',
          address,
          refs,
          payload: { ...payload, listId: effect.listId },
        });
        return;
      case 'sender-alert':
        this.addSenderAlert(o, effect, payload);
        return;
      case 'exempt-undeliverable':
        // An invoice (or another exempt category) could not be delivered: a human must act (a high-priority type).
        this.events.push({
          type: 'invoice.undeliverable',
          address,
          refs,
          payload: { ...payload, category: effect.category },
        });
        return;
      case 'notify':
        // "notify only" actions: nothing changed, the operator is told which rule would have fired.
        this.events.push({ type: 'address.notify', address, refs, payload: { ...payload, notify: effect.event } });
        return;
      default: {
        const never: never = effect;
        throw new Error(`unknown rule effect ${JSON.stringify(never)}`);
      }
    }
  }

  /** One alert per receiving domain and reason per batch; the database opens or extends the incident. */
  private addSenderAlert(
    o: EventOutcome,
    effect: Extract<Effect, { type: 'sender-alert' }>,
    payload: Record<string, unknown>,
  ): void {
    const key = `${effect.receivingDomain}\u0000${effect.reason}`;
    const at = o.pending.event.occurredAt;
    const sample = o.pending.bounce?.diagnosticCode ?? null;
    const alert = this.alerts.get(key);
    if (alert) {
      alert.n++;
      if (at < alert.first) alert.first = at;
      if (at > alert.last) alert.last = at;
      alert.sample ??= sample;
      return;
    }
    this.alerts.set(key, {
      domain: effect.receivingDomain,
      reason: effect.reason,
      first: at,
      last: at,
      n: 1,
      sample,
      firstEvent: { ...payload, ...summariesOf(o) },
    });
  }

  /** What happens to the send row; a failure outranks a delivery for the same send (a late bounce after "delivered"). */
  private addSendUpdate(o: EventOutcome): void {
    const send = o.pending.send;
    if (!send || !o.pending.sendUpdate) return;
    const at = o.pending.event.occurredAt.toISOString();
    const current = this.sendUpdates.get(send.id);
    const status = o.pending.sendUpdate === 'grace' ? null : o.pending.sendUpdate;
    if (!current || (status && (status === 'bounced' || status === 'rejected' || !current.status))) {
      this.sendUpdates.set(send.id, { id: send.id, status, at, grace: o.pending.sendUpdate === 'grace' });
    }
  }

  /** A batch uses a handful of configurations: each is sent once, audit rows point at it. */
  private configIndex(config: RuleConfig): number {
    let i = this.configIndexes.get(config);
    if (i === undefined) {
      i = this.sharedConfigs.push(config) - 1;
      this.configIndexes.set(config, i);
    }
    return i;
  }
}

/** The bounce and send of an outcome as events and audit evidence carry them. */
function summariesOf(o: EventOutcome): {
  bounce: Record<string, unknown> | null;
  send: Record<string, unknown> | null;
} {
  return { bounce: bounceSummary(o.pending.bounce), send: sendSummary(o.pending.send) };
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

/** What every event about this outcome carries: the address, the rule and the state after it. */
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

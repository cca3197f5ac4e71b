/**
 * Sends reported by the sending system, confirmed deliveries (explicit, or a send that drew no bounce within the
 * grace period), all batched and idempotent.
 */
import { randomUUID } from 'node:crypto';
import { type DeliveryEvent, decideAll, type MatchedSend, normalizeAddress, type PendingEvent } from '@bounce/rules';
import { sql } from 'drizzle-orm';
import { domainPart, upsertAndLockAddresses } from '../addresses/address-state.js';
import { loadSendsByIds, matchedSendOf, normalizeMessageId, SEND_COLUMNS } from '../bounces/correlate.js';
import { type RematchedBounce, type RematchOptions, rematchUnmatchedBounces } from '../bounces/rematch-unmatched.js';
import { writeOutcomes } from '../bounces/write-outcomes.js';
import type { Executor } from '../client.js';
import { loadRuleConfigResolver, type RuleConfigResolver } from '../rule-sets/rule-sets.js';
import { StoreError } from '../sql/errors.js';
import { chunk, inTransaction, jsonRecords, queryRows, toDateStrict, uuidArray } from '../sql/sql-util.js';

export type SendInput = {
  /** Our id for the send, when the sender generated it up front (to build the VERP return path before sending). */
  id?: string;
  /** The sender's own id: reporting the same send twice is recognised by it. */
  externalId?: string | null;
  messageId?: string | null;
  recipient: string;
  /** invoice, newsletter, transactional, ... Default transactional. */
  category?: string;
  listId?: string | null;
  campaignId?: string | null;
  correlationToken?: string | null;
  sentAt: Date;
};

export type RecordedSend = { index: number; id: string; externalId: string | null; created: boolean };

export type RecordSendsOptions = RematchOptions & {
  /**
   * Match and apply unmatched bounces that belong to the new sends (a bounce fetched before its send was reported),
   * in the same transaction. Default true.
   */
  rematchUnmatched?: boolean;
  /** Called with the bounces re-matched (for logs and metrics). */
  onRematched?: (rematched: readonly RematchedBounce[]) => void;
};

/** Rows per statement: keeps a statement's JSON parameter around a megabyte. */
const SEND_CHUNK = 2000;

/**
 * Records sends (idempotent on externalId, and on id when given). Also creates the recipients' address rows, so a
 * later bounce for them counts as a known recipient even when it cannot be tied to a send, and applies bounces from
 * the manual-assignment list that turn out to belong to the new sends (see rematch-unmatched).
 */
export async function recordSends(
  db: Executor,
  tenantId: string,
  sends: readonly SendInput[],
  options: RecordSendsOptions = {},
): Promise<RecordedSend[]> {
  const prepared = sends.map((s, index) => {
    const recipient = normalizeAddress(s.recipient);
    if (!recipient) throw new StoreError('invalid-input', `send ${index}: invalid recipient address`);
    if (!(s.sentAt instanceof Date) || Number.isNaN(s.sentAt.getTime())) {
      throw new StoreError('invalid-input', `send ${index}: sentAt must be a valid date`);
    }
    return {
      index,
      id: s.id?.toLowerCase() ?? randomUUID(),
      externalId: s.externalId ?? null,
      messageId: normalizeMessageId(s.messageId),
      recipient,
      domain: domainPart(recipient),
      category: (s.category ?? 'transactional').trim().toLowerCase(),
      listId: s.listId ?? null,
      campaignId: s.campaignId ?? null,
      correlationToken: s.correlationToken ?? null,
      sentAt: s.sentAt.toISOString(),
    };
  });
  const out: RecordedSend[] = [];
  for (const part of chunk(prepared, SEND_CHUNK)) {
    await inTransaction(db, async (tx) => {
      const recipients = [...new Set(part.map((p) => p.recipient))].sort();
      await tx.execute(sql`
        insert into addresses (tenant_id, address, domain)
        select ${tenantId}, r.address, r.domain
        from jsonb_to_recordset(${jsonRecords(recipients.map((address) => ({ address, domain: domainPart(address) })))})
          as r(address text, domain text)
        order by r.address
        on conflict (tenant_id, address) do nothing`);
      const inserted = await queryRows<{ id: string }>(
        tx,
        sql`insert into sends (id, tenant_id, external_id, message_id, recipient, category, list_id, campaign_id,
              correlation_token, sent_at)
            select r.id, ${tenantId}, r."externalId", r."messageId", r.recipient, r.category, r."listId",
              r."campaignId", r."correlationToken", r."sentAt"
            from jsonb_to_recordset(${jsonRecords(part)}) as r(id uuid, "externalId" text, "messageId" text,
              recipient text, category text, "listId" text, "campaignId" text, "correlationToken" text,
              "sentAt" timestamptz)
            on conflict do nothing
            returning id`,
      );
      const created = new Set(inserted.map((r) => r.id));
      if (created.size > 0 && options.rematchUnmatched !== false) {
        // The rule configuration is loaded only when some bounce does match (rare): a plain send costs no query.
        const rematched = await rematchUnmatchedBounces(
          tx,
          tenantId,
          [...created],
          () => loadRuleConfigResolver(tx, tenantId),
          options,
        );
        if (rematched.length > 0) options.onRematched?.(rematched);
      }
      const missing = part.filter((p) => !created.has(p.id));
      const { byId, byExternalId } = await loadSendsByIds(
        tx,
        tenantId,
        missing.map((p) => p.id),
        missing.map((p) => p.externalId).filter((e): e is string => e !== null),
      );
      for (const p of part) {
        if (created.has(p.id)) {
          out.push({ index: p.index, id: p.id, externalId: p.externalId, created: true });
          continue;
        }
        const existing = (p.externalId ? byExternalId.get(p.externalId) : undefined) ?? byId.get(p.id);
        if (!existing) {
          // The id exists under another tenant: never reveal or touch another tenant's send.
          throw new StoreError('conflict', `send ${p.index}: id ${p.id} is already taken`);
        }
        out.push({ index: p.index, id: existing.id, externalId: existing.externalId, created: false });
      }
    });
  }
  return out;
}

/** Identifies a send by our id or the sender's external id. */
export type SendRef = { sendId?: string | null; externalId?: string | null };

export type DeliveryInput = SendRef & { deliveredAt: Date };

export type DeliveriesResult = { confirmed: number; duplicates: number; unknown: SendRef[] };

export async function resolveSendRefs(
  db: Executor,
  tenantId: string,
  refs: readonly SendRef[],
): Promise<(MatchedSend | null)[]> {
  const { byId, byExternalId } = await loadSendsByIds(
    db,
    tenantId,
    refs.map((r) => r.sendId).filter((v): v is string => !!v),
    refs.map((r) => r.externalId).filter((v): v is string => !!v),
  );
  return refs.map(
    (r) =>
      (r.sendId ? byId.get(r.sendId.toLowerCase()) : undefined) ??
      (r.externalId ? byExternalId.get(r.externalId) : undefined) ??
      null,
  );
}

type DeliveryCandidate = { send: MatchedSend; event: DeliveryEvent; kind: 'delivered' | 'grace' };

/**
 * Applies confirmed deliveries: under the address locks, re-reads which sends are still unconfirmed (so a replay
 * or a concurrent twin confirms nothing twice), runs the rules (a delivery resets the soft count) and writes.
 */
async function applyDeliveries(
  db: Executor,
  tenantId: string,
  candidates: readonly DeliveryCandidate[],
  resolver: RuleConfigResolver,
  actor: string,
): Promise<number> {
  if (candidates.length === 0) return 0;
  return inTransaction(db, async (tx) => {
    const locked = await upsertAndLockAddresses(
      tx,
      tenantId,
      candidates.map((c) => c.send.recipient),
    );
    const open = await queryRows<{ id: string; status: string; delivered_at: unknown; grace_confirmed_at: unknown }>(
      tx,
      sql`select id, status, delivered_at, grace_confirmed_at from sends
          where tenant_id = ${tenantId} and id = any(${uuidArray(candidates.map((c) => c.send.id))})
          order by id
          for update`,
    );
    const openById = new Map(open.map((r) => [r.id, r]));
    const seen = new Set<string>();
    const pending: PendingEvent[] = [];
    for (const c of candidates) {
      const row = openById.get(c.send.id);
      if (!row || seen.has(c.send.id)) continue;
      const stillOpen =
        c.kind === 'delivered'
          ? row.delivered_at === null && row.status !== 'bounced' && row.status !== 'rejected'
          : row.status === 'sent' && row.grace_confirmed_at === null;
      if (!stillOpen) continue;
      seen.add(c.send.id);
      pending.push({
        address: c.send.recipient,
        event: c.event,
        send: c.send,
        bounce: null,
        actor,
        sendUpdate: c.kind,
      });
    }
    const outcomes = decideAll(resolver, locked, pending);
    await writeOutcomes(tx, tenantId, locked, outcomes);
    return pending.length;
  });
}

/** Delivery events from the sending system (e.g. the receiving MTA's 250 after DATA, or a provider webhook). */
export async function recordDeliveries(
  db: Executor,
  tenantId: string,
  deliveries: readonly DeliveryInput[],
  options: { actor?: string; ruleConfig?: RuleConfigResolver } = {},
): Promise<DeliveriesResult> {
  const sends = await resolveSendRefs(db, tenantId, deliveries);
  const unknown: SendRef[] = [];
  const candidates: DeliveryCandidate[] = [];
  deliveries.forEach((d, i) => {
    const send = sends[i];
    if (!send) {
      unknown.push({ sendId: d.sendId ?? null, externalId: d.externalId ?? null });
      return;
    }
    candidates.push({
      send,
      kind: 'delivered',
      event: { type: 'delivery', occurredAt: d.deliveredAt, source: 'send-event', sendId: send.id },
    });
  });
  const resolver = options.ruleConfig ?? (await loadRuleConfigResolver(db, tenantId));
  const confirmed = await applyDeliveries(db, tenantId, candidates, resolver, options.actor ?? 'send-event');
  return { confirmed, duplicates: candidates.length - confirmed, unknown };
}

export type GraceOptions = {
  /** Clock. Default now. */
  now?: Date;
  /** Only this tenant. Default: every tenant with sends waiting. */
  tenantId?: string;
  /** Sends per transaction. Default 1000. */
  batchSize?: number;
};

export type GraceResult = { confirmed: number; examined: number };

/**
 * A send with no bounce after the grace period (rule setting deliveryGraceHours, per category/list; null = off)
 * counts as a confirmed delivery and resets the recipient's soft count. Run periodically; idempotent (a confirmed
 * send is stamped grace_confirmed_at and never examined again) and safe to run twice at once.
 */
export async function confirmDeliveriesByGrace(db: Executor, options: GraceOptions = {}): Promise<GraceResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 1000;
  const tenants = options.tenantId
    ? [options.tenantId]
    : (
        await queryRows<{ tenant_id: string }>(
          db,
          sql`select distinct tenant_id from sends
              where grace_confirmed_at is null and grace_checked_at is null and sent_at <= ${now.toISOString()}::timestamptz`,
        )
      ).map((r) => r.tenant_id);
  const result: GraceResult = { confirmed: 0, examined: 0 };
  for (const tenantId of tenants) {
    const resolver = await loadRuleConfigResolver(db, tenantId);
    const graces = resolver
      .allConfigs()
      .map((c) => c.deliveryGraceHours)
      .filter((h): h is number => h !== null);
    if (graces.length === 0) continue;
    const minGraceHours = Math.min(...graces);
    const horizon = new Date(now.getTime() - minGraceHours * 3_600_000).toISOString();
    // Keyset pagination over (sent_at, id): sends whose own grace (longer than the minimum) has not passed yet are
    // stepped over instead of being fetched again and again. sends_grace_idx holds every send neither confirmed nor
    // retired, whatever its status (so that a bounce's status change is a HOT update): a send found no longer
    // 'sent' is retired (grace_checked_at), once.
    let cursor = { sentAt: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
    for (;;) {
      const rows = await queryRows<Parameters<typeof matchedSendOf>[0]>(
        db,
        sql`select ${SEND_COLUMNS} from sends s
            where s.tenant_id = ${tenantId} and s.grace_confirmed_at is null and s.grace_checked_at is null
              and s.sent_at <= ${horizon}::timestamptz
              and (s.sent_at, s.id) > (${cursor.sentAt}::timestamptz, ${cursor.id}::uuid)
            order by s.sent_at, s.id
            limit ${batchSize}`,
      );
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      cursor = { sentAt: toDateStrict(last.sent_at).toISOString(), id: last.id };
      result.examined += rows.length;
      const due: DeliveryCandidate[] = [];
      const settled: string[] = [];
      for (const r of rows) {
        const send = matchedSendOf(r);
        if (send.status !== 'sent') {
          settled.push(send.id);
          continue;
        }
        const hours = resolver.resolve(send.category, send.listId).deliveryGraceHours;
        if (hours === null || send.sentAt.getTime() + hours * 3_600_000 > now.getTime()) continue;
        due.push({
          send,
          kind: 'grace',
          event: { type: 'delivery', occurredAt: send.sentAt, source: 'grace-period', sendId: send.id },
        });
      }
      result.confirmed += await applyDeliveries(db, tenantId, due, resolver, 'grace-period');
      await retireSettledSends(db, tenantId, settled);
      if (rows.length < batchSize) break;
    }
  }
  return result;
}

/**
 * Takes sends that no longer wait for a grace confirmation out of sends_grace_idx. The status is checked again in
 * the statement: a send is never 'sent' again once it left that status (failures win, a delivery moves only sent or
 * deferred sends), so a retired send can never be due.
 */
async function retireSettledSends(db: Executor, tenantId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`update sends set grace_checked_at = now()
        where tenant_id = ${tenantId} and id = any(${uuidArray(ids)}) and status <> 'sent' and grace_checked_at is null`,
  );
}

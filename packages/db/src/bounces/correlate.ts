/**
 * Correlation: which send does a parsed bounce recipient belong to? Tried in order of trust, each step one
 * set-based query for the whole batch:
 *  (a) signed VERP return path: the token carries the send id with an HMAC, so it identifies the send exactly and
 *      cannot be forged; a token that looks like ours but fails verification is NOT matched by weaker means (a
 *      forged or mangled bounce must not block anyone) — it goes to the manual-assignment list;
 *  (b) the original Message-ID (+ recipient, when one message went to several recipients);
 *  (c) configured correlation headers (X-Send-Id …) carrying our send id or the sender's external id;
 *  (d) recipient + time: the most recent send to that recipient before the failure, within a window (30 days).
 * When no send matches but the recipient is known to the tenant (an address row exists: we sent to it, imported
 * it, or it bounced before), the rules still apply to the address — the mailbox is dead whichever mail revealed
 * it — with method 'known-recipient'. A bounce for an address the tenant never heard of is more likely backscatter
 * or misrouted mail than news about our contacts: it goes to the manual-assignment list (state 'unmatched').
 */

import type { MatchedSend, MatchMethod } from '@bounce/rules';
import { parseReturnPath } from '@bounce/rules';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { jsonTable, queryRowsPrepared, textArray, toDateStrict, uuidArray } from '../sql/sql-util.js';

export type CorrelationOptions = {
  /**
   * Secrets that verify VERP tokens, current first then previous ones during a rotation. Come from the process
   * configuration; never stored in the database nor logged. Default: none (VERP is not checked).
   */
  verpSecrets?: readonly string[];
  /**
   * Lower-case names of the returned-message headers whose value identifies the send (our send id or the sender's
   * external id). Default: every correlation header the parser extracted.
   */
  correlationHeaders?: readonly string[];
  /** How far back recipient + time matching looks, in days. Default 30. */
  recipientWindowDays?: number;
  /** A send up to this many minutes after the reported failure time still matches (remote clocks drift). Default 15. */
  clockSkewMinutes?: number;
};

export const DEFAULT_RECIPIENT_WINDOW_DAYS = 30;
export const DEFAULT_CLOCK_SKEW_MINUTES = 15;

export type CorrelationInput = {
  recipient: string | null;
  originalRecipient: string | null;
  /**
   * The bounce names only this recipient: a send identified by VERP or header then applies even when the failing
   * address differs from the one we sent to (the mail was forwarded and the forward target failed).
   */
  soleRecipient: boolean;
  /** Message-ID of the returned original, with angle brackets. */
  messageId: string | null;
  /** Addresses that may carry a VERP token: the original's Return-Path and the bounce's own To. */
  returnPaths: readonly string[];
  /** Correlation header values of the returned original, keyed by lower-case header name. */
  headers: Readonly<Record<string, string>>;
  occurredAt: Date;
};

export type Correlation = {
  send: MatchedSend | null;
  method: MatchMethod | null;
  /** The address the rules apply to, or null when the bounce goes to the manual-assignment list. */
  address: string | null;
  /** Why it is unmatched: no recipient at all, an unknown recipient, or a VERP token that failed verification. */
  unmatchedReason: 'no-recipient' | 'unknown-recipient' | 'verp-invalid' | null;
  /**
   * The send id a valid VERP token named when no such send exists (yet): kept with an unmatched bounce so that
   * reporting that send later re-matches it (see rematchUnmatchedBounces). Absent otherwise.
   */
  verpSendId?: string;
};

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** Message-IDs compare with angle brackets and without surrounding blanks (RFC 5322 msg-id). */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (!v) return null;
  return v.startsWith('<') ? v : `<${v}>`;
}

type RawSend = {
  id: string;
  external_id: string | null;
  message_id: string | null;
  recipient: string;
  category: string;
  list_id: string | null;
  campaign_id: string | null;
  sent_at: unknown;
  status: string;
};

export const SEND_COLUMNS = sql.raw(
  's.id, s.external_id, s.message_id, s.recipient, s.category, s.list_id, s.campaign_id, s.sent_at, s.status',
);

export function matchedSendOf(r: RawSend): MatchedSend {
  return {
    id: r.id,
    externalId: r.external_id,
    messageId: r.message_id,
    recipient: r.recipient,
    category: r.category,
    listId: r.list_id,
    campaignId: r.campaign_id,
    sentAt: toDateStrict(r.sent_at),
    status: r.status,
  };
}

/** Loads sends of a tenant by our id or by the sender's external id, in one query. */
export async function loadSendsByIds(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
  externalIds: readonly string[] = [],
): Promise<{ byId: Map<string, MatchedSend>; byExternalId: Map<string, MatchedSend> }> {
  const byId = new Map<string, MatchedSend>();
  const byExternalId = new Map<string, MatchedSend>();
  const uuids = [...new Set(ids.filter(isUuid).map((i) => i.toLowerCase()))];
  const ext = [...new Set(externalIds)];
  if (uuids.length === 0 && ext.length === 0) return { byId, byExternalId };
  // Two index lookups joined by UNION rather than one OR, which the planner answers with a scan of all sends.
  const rows = await queryRowsPrepared<RawSend>(
    db,
    'correlate-sends-by-id',
    sql`select ${SEND_COLUMNS} from sends s
        where s.tenant_id = ${tenantId} and s.id = any(${uuidArray(uuids)})
        union
        select ${SEND_COLUMNS} from sends s
        where s.tenant_id = ${tenantId} and s.external_id = any(${textArray(ext)})`,
  );
  for (const r of rows) {
    const send = matchedSendOf(r);
    byId.set(send.id, send);
    if (send.externalId) byExternalId.set(send.externalId, send);
  }
  return { byId, byExternalId };
}

/** Whether a send identified by an exact method (VERP, header) belongs to this parsed recipient. */
function fitsRecipient(send: MatchedSend, input: CorrelationInput): boolean {
  if (!input.recipient) return true;
  return send.recipient === input.recipient || send.recipient === input.originalRecipient || input.soleRecipient;
}

type Slots = (Correlation | null)[];

/**
 * Correlates a batch of parsed recipients with the tenant's sends. Returns one Correlation per input, in order.
 * Reads only: runs before the batch transaction so it holds no locks. Each step fills the slots the earlier,
 * more trusted steps left empty.
 */
export async function correlate(
  db: Executor,
  tenantId: string,
  inputs: readonly CorrelationInput[],
  options: CorrelationOptions = {},
): Promise<Correlation[]> {
  const results: Slots = inputs.map(() => null);
  const verpSendIds = verifyVerpTokens(inputs, options.verpSecrets ?? [], results);
  const headerValues = correlationHeaderValues(inputs, options.correlationHeaders);
  const ids = [...verpSendIds.filter((v): v is string => v !== null), ...headerValues.flat()];
  // The Message-ID lookup does not depend on the id lookup's answer: both run at once on two pooled connections
  // (inputs with a verified VERP token skip it; the rare one whose send is gone falls through to the others).
  const [{ byId, byExternalId }, byMessageId] = await Promise.all([
    loadSendsByIds(db, tenantId, ids, headerValues.flat()),
    loadSendsByMessageId(db, tenantId, inputs, (i) => !results[i] && !verpSendIds[i]),
  ]);
  matchByVerp(inputs, verpSendIds, byId, results);
  matchByMessageId(inputs, byMessageId, results);
  matchByHeader(inputs, headerValues, byId, byExternalId, results);
  await matchByRecipientTime(db, tenantId, inputs, options, results);
  return results.map((r, i) => {
    const result = r ?? { send: null, method: null, address: null, unmatchedReason: 'no-recipient' as const };
    const verpId = verpSendIds[i];
    // A verified token whose send is unknown: remembered on the unmatched bounce for a later re-match.
    return verpId && result.address === null && result.unmatchedReason !== 'verp-invalid'
      ? { ...result, verpSendId: verpId.toLowerCase() }
      : result;
  });
}

/**
 * (a) VERP tokens, verified in memory: the send id each input's valid token names. A token of our shape that does
 * not verify was forged or mangled: such a bounce must not reach the weaker matching steps (a forged or mangled
 * bounce cannot block anyone), unless another of its return paths carries a valid token; its slot is filled as
 * unmatched 'verp-invalid' here.
 */
function verifyVerpTokens(inputs: readonly CorrelationInput[], secrets: readonly string[], results: Slots) {
  const verpSendIds: (string | null)[] = inputs.map(() => null);
  if (secrets.length === 0) return verpSendIds;
  inputs.forEach((input, i) => {
    let forged = false;
    for (const address of input.returnPaths) {
      const verdict = parseReturnPath(address, secrets);
      if (verdict.status === 'valid') {
        verpSendIds[i] = verdict.sendId;
        return;
      }
      forged ||= verdict.status === 'invalid';
    }
    if (forged) results[i] = { send: null, method: null, address: null, unmatchedReason: 'verp-invalid' };
  });
  return verpSendIds;
}

/** Per input, the values of the correlation headers worth looking up (configured names, non-empty, bounded). */
function correlationHeaderValues(
  inputs: readonly CorrelationInput[],
  configuredNames: readonly string[] | undefined,
): string[][] {
  const names = configuredNames?.map((h) => h.toLowerCase()) ?? null;
  return inputs.map((input) =>
    Object.entries(input.headers)
      .filter(([name]) => names === null || names.includes(name.toLowerCase()))
      .map(([, value]) => value.trim())
      .filter((v) => v.length > 0 && v.length <= 200),
  );
}

/** Sends by Message-ID for the inputs `wanted` selects, newest first per Message-ID, in one query. */
async function loadSendsByMessageId(
  db: Executor,
  tenantId: string,
  inputs: readonly CorrelationInput[],
  wanted: (i: number) => boolean,
): Promise<Map<string, MatchedSend[]>> {
  const byMessageId = new Map<string, MatchedSend[]>();
  const messageIds = [
    ...new Set(
      inputs
        .filter((_, i) => wanted(i))
        .map((input) => normalizeMessageId(input.messageId))
        .filter((m): m is string => m !== null),
    ),
  ];
  if (messageIds.length === 0) return byMessageId;
  const rows = await queryRowsPrepared<RawSend>(
    db,
    'correlate-sends-by-message-id',
    sql`select ${SEND_COLUMNS} from sends s
        where s.tenant_id = ${tenantId} and s.message_id = any(${textArray(messageIds)})
        order by s.sent_at desc`,
  );
  for (const r of rows) {
    const send = matchedSendOf(r);
    const list = byMessageId.get(send.messageId ?? '') ?? [];
    list.push(send);
    byMessageId.set(send.messageId ?? '', list);
  }
  return byMessageId;
}

function matchByVerp(
  inputs: readonly CorrelationInput[],
  verpSendIds: readonly (string | null)[],
  byId: ReadonlyMap<string, MatchedSend>,
  results: Slots,
): void {
  inputs.forEach((input, i) => {
    if (results[i]) return;
    const verpId = verpSendIds[i];
    const send = verpId ? byId.get(verpId.toLowerCase()) : undefined;
    if (send && fitsRecipient(send, input)) {
      results[i] = { send, method: 'verp', address: send.recipient, unmatchedReason: null };
    }
  });
}

/** (b) Message-ID. */
function matchByMessageId(
  inputs: readonly CorrelationInput[],
  byMessageId: ReadonlyMap<string, MatchedSend[]>,
  results: Slots,
): void {
  inputs.forEach((input, i) => {
    if (results[i]) return;
    const candidates = byMessageId.get(normalizeMessageId(input.messageId) ?? '') ?? [];
    // One message to several recipients is several sends with one Message-ID: pick the recipient's own send;
    // a single send for that Message-ID is ours even when the failing address is a forward target.
    const send =
      candidates.find((s) => s.recipient === input.recipient || s.recipient === input.originalRecipient) ??
      (candidates.length === 1 && (input.soleRecipient || !input.recipient) ? candidates[0] : undefined);
    if (send) results[i] = { send, method: 'message-id', address: send.recipient, unmatchedReason: null };
  });
}

/** (c) Correlation headers: our send id or the sender's external id. */
function matchByHeader(
  inputs: readonly CorrelationInput[],
  headerValues: readonly string[][],
  byId: ReadonlyMap<string, MatchedSend>,
  byExternalId: ReadonlyMap<string, MatchedSend>,
  results: Slots,
): void {
  inputs.forEach((input, i) => {
    if (results[i]) return;
    for (const value of headerValues[i] ?? []) {
      const send = (isUuid(value) ? byId.get(value.toLowerCase()) : undefined) ?? byExternalId.get(value);
      if (send && fitsRecipient(send, input)) {
        results[i] = { send, method: 'header', address: send.recipient, unmatchedReason: null };
        return;
      }
    }
  });
}

/** (d) Recipient + time, then (e) known recipient; what is left over is an unknown recipient. */
async function matchByRecipientTime(
  db: Executor,
  tenantId: string,
  inputs: readonly CorrelationInput[],
  options: CorrelationOptions,
  results: Slots,
): Promise<void> {
  const pending = inputs
    .map((input, i) => ({ i, recipient: input.recipient, occurredAt: input.occurredAt }))
    .filter((p): p is { i: number; recipient: string; occurredAt: Date } => !results[p.i] && p.recipient !== null);
  if (pending.length === 0) return;
  const windowDays = options.recipientWindowDays ?? DEFAULT_RECIPIENT_WINDOW_DAYS;
  const skewMinutes = options.clockSkewMinutes ?? DEFAULT_CLOCK_SKEW_MINUTES;
  const probes = pending.map(({ i, recipient, occurredAt }) => ({ i, recipient, at: occurredAt.toISOString() }));
  const rows = await queryRowsPrepared<RawSend & { i: number }>(
    db,
    'correlate-sends-by-recipient-time',
    sql`select p.i, ${SEND_COLUMNS}
        from ${jsonTable({ i: 'int', recipient: 'text', at: 'timestamptz' }, probes)} as p
        cross join lateral (
          select * from sends
          where tenant_id = ${tenantId} and recipient = p.recipient
            and sent_at <= p.at + make_interval(mins => ${skewMinutes})
            and sent_at >= p.at - make_interval(days => ${windowDays})
          order by sent_at desc limit 1) s`,
  );
  for (const r of rows) {
    const send = matchedSendOf(r);
    results[r.i] = { send, method: 'recipient-time', address: send.recipient, unmatchedReason: null };
  }
  // The known-address lookup only for the recipients the time match left over: usually few or none (a bounce of a
  // recorded send), so most batches skip it. Asked for every recipient alongside the time match, it was one index
  // lookup per bounce: 9 % of the rules worker's active-statement samples in bench:pipeline (issue 15).
  const leftover = pending.filter((p) => !results[p.i]);
  if (leftover.length === 0) return;
  const known = await queryRowsPrepared<{ address: string }>(
    db,
    'correlate-known-addresses',
    sql`select address from addresses
        where tenant_id = ${tenantId}
          and address = any(${textArray([...new Set(leftover.map((p) => p.recipient))])})`,
  );
  const knownSet = new Set(known.map((k) => k.address));
  for (const { i, recipient } of leftover) {
    results[i] = knownSet.has(recipient)
      ? { send: null, method: 'known-recipient', address: recipient, unmatchedReason: null }
      : { send: null, method: null, address: null, unmatchedReason: 'unknown-recipient' };
  }
}

/**
 * applyBounces: parsed bounce messages in, committed state out. Per batch:
 *   correlate (reads, outside the transaction) → BEGIN → create/lock the batch's address rows in address order →
 *   skip recipients whose idempotency key already has a bounce row → decide per address in occurrence order →
 *   insert bounce rows → write address state, list suppressions, send status, sender alerts, audit, outbox → COMMIT.
 * Everything of a batch commits together or not at all; replaying a batch changes nothing; two workers with
 * overlapping batches serialise on the address row locks and end as if they had run one after the other.
 */
import { createHash } from 'node:crypto';
import type { ParseResult, RecipientResult } from '@bounce/parser';
import {
  type BounceDraft,
  bounceDecisionOf,
  decideAll,
  type MatchedSend,
  type MatchMethod,
  type PendingEvent,
} from '@bounce/rules';
import { sql } from 'drizzle-orm';
import { upsertAndLockAddresses } from '../addresses/address-state.js';
import type { Executor } from '../client.js';
import { loadRuleConfigResolver, type RuleConfigResolver } from '../rule-sets/rule-sets.js';
import { uuidv7 } from '../sql/ids.js';
import { inTransaction, pipelined } from '../sql/sql-util.js';
import { type AutoReplyNote, recordAutoReplies } from './auto-reply-events.js';
import { bounceEventOf, existingBounceKeysSql, sendUpdateOf } from './bounce-rows.js';
import { type Correlation, type CorrelationInput, type CorrelationOptions, correlate } from './correlate.js';
import { writeOutcomes } from './write-outcomes.js';

export type BounceItem = {
  parsed: ParseResult;
  /** raw_messages row the verdict came from, when stored. */
  rawMessageId?: string | null;
  /** SHA-256 (hex) of the raw message: `<sha256>:<recipient index>` is the idempotency key. */
  rawSha256?: string | null;
  /** Caller's own idempotency key base, used instead of rawSha256 (e.g. a job id). */
  idempotencyKey?: string | null;
  /** When the message reached us. Default: now. */
  receivedAt?: Date;
  /** imap (default), api, or send-event for a synchronous rejection. */
  source?: BounceDraft['source'];
  /** The send, when the caller already knows it (synchronous rejection): skips correlation. */
  send?: MatchedSend | null;
};

export type ApplyBouncesOptions = CorrelationOptions & {
  /** Actor recorded in audit rows. Default "rules". */
  actor?: string;
  /** Clock for receivedAt defaults and for clamping future report dates. Default: now. */
  now?: Date;
  /** A resolver already loaded for this tenant (callers applying several batches in a row). */
  ruleConfig?: RuleConfigResolver;
  /**
   * Move each item's raw_messages row to 'applied' (every recipient applied) or 'manual' (a recipient went to the
   * manual-assignment list) in the same transaction, so the message's status can never disagree with its bounces.
   * Items whose recipients were all duplicates are left alone. Default true.
   */
  updateRawMessages?: boolean;
};

export type ApplyItemOutcome = 'applied' | 'unmatched' | 'duplicate' | 'ignored';

export type ApplyItemResult = {
  /** Position of the item in the input, and of the recipient within it (-1 when the bounce names none). */
  itemIndex: number;
  recipientIndex: number;
  idempotencyKey: string | null;
  bounceId: string | null;
  outcome: ApplyItemOutcome;
  address: string | null;
  matchMethod: MatchMethod | null;
  rule: string | null;
};

export type ApplyBouncesResult = {
  results: ApplyItemResult[];
  applied: number;
  unmatched: number;
  duplicates: number;
  ignored: number;
  blocked: number;
  auditRows: number;
  outboxEvents: number;
};

/** Raised inside the transaction when a concurrent worker inserted one of our bounces first; the batch is retried. */
class ConcurrentBounceError extends Error {
  override readonly name = 'ConcurrentBounceError';
  readonly code = '40001'; // treated like a serialization failure: retried by inTransaction
}

/** Message kinds that carry no verdict for anyone. */
const IGNORED_KINDS = new Set(['not-bounce', 'parse-error']);

/** Hash of the parse result, the idempotency base of last resort when the caller gives neither key nor hash. */
function fallbackKeyBase(parsed: ParseResult): string {
  return `parsed:${createHash('sha256').update(JSON.stringify(parsed)).digest('hex')}`;
}

/** When the failure happened: the report's own time when it is sane, else when we received it. */
export function occurredAtOf(r: RecipientResult | null, parsed: ParseResult, receivedAt: Date): Date {
  for (const candidate of [r?.lastAttemptAt, parsed.message.date]) {
    if (!candidate) continue;
    const d = new Date(candidate);
    // A report dated in the future (remote clock wrong) would make later real events look stale: clamp.
    if (!Number.isNaN(d.getTime())) return d.getTime() > receivedAt.getTime() ? receivedAt : d;
  }
  return receivedAt;
}

type Draft = {
  itemIndex: number;
  recipientIndex: number;
  bounce: BounceDraft;
  input: CorrelationInput;
  preMatched: MatchedSend | null;
  correlation: Correlation | null;
  /** An auto-reply's reading, on its first recipient's draft only (one set of events per message). */
  autoReply?: AutoReplyNote;
};

function buildDrafts(items: readonly BounceItem[], now: Date, results: ApplyItemResult[]): Draft[] {
  const drafts: Draft[] = [];
  items.forEach((item, itemIndex) => {
    const parsed = item.parsed;
    if (IGNORED_KINDS.has(parsed.kind)) {
      results.push({
        itemIndex,
        recipientIndex: -1,
        idempotencyKey: null,
        bounceId: null,
        outcome: 'ignored',
        address: null,
        matchMethod: null,
        rule: null,
      });
      return;
    }
    const receivedAt = item.receivedAt ?? now;
    const base = item.idempotencyKey ?? item.rawSha256 ?? fallbackKeyBase(parsed);
    const returnPaths = [parsed.original.returnPath, parsed.message.to].filter((v): v is string => !!v);
    const recipients: (RecipientResult | null)[] = parsed.recipients.length > 0 ? parsed.recipients : [null];
    recipients.forEach((r, recipientIndex) => {
      const recipient = r?.recipient?.trim().toLowerCase() || null;
      const occurredAt = occurredAtOf(r, parsed, receivedAt);
      drafts.push({
        ...(parsed.autoReply && recipient && recipientIndex === 0
          ? {
              autoReply: {
                address: recipient,
                reading: parsed.autoReply,
                rawMessageId: item.rawMessageId ?? null,
                subject: parsed.message.subject,
              },
            }
          : {}),
        itemIndex,
        recipientIndex: r ? recipientIndex : -1,
        preMatched: item.send ?? null,
        correlation: null,
        input: {
          recipient,
          originalRecipient: r?.originalRecipient?.trim().toLowerCase() || null,
          soleRecipient: parsed.recipients.length <= 1,
          messageId: parsed.original.messageId,
          returnPaths,
          headers: parsed.original.correlationHeaders ?? {},
          occurredAt,
        },
        bounce: {
          id: uuidv7(),
          idempotencyKey: `${base}:${r ? recipientIndex : 'none'}`,
          rawMessageId: item.rawMessageId ?? null,
          source: item.source ?? 'imap',
          kind: parsed.kind,
          recipient,
          action: r?.action ?? null,
          status: r?.status ?? null,
          replyCode: r?.replyCode ?? null,
          reason: r?.reason ?? 'undefined',
          class: r?.class ?? 'unknown',
          diagnosticCode: r?.diagnosticCode ?? null,
          remoteMta: r?.remoteMta ?? null,
          feedbackType: r?.feedbackType ?? null,
          originalMessageId: parsed.original.messageId,
          occurredAt,
          receivedAt,
          sendId: null,
          matchMethod: null,
          state: 'pending',
          decision: null,
          appliedAt: null,
          assignedBy: null,
        },
      });
    });
  });
  return drafts;
}

/**
 * raw_messages status from the fate of a message's new rows: 'manual' when a recipient went to the manual list,
 * else 'applied'. Duplicates are not among the new rows, so a replayed message keeps the status its first run set.
 */
function rawStatusesOf(rows: readonly BounceDraft[]): { id: string; status: 'applied' | 'manual' }[] {
  const status = new Map<string, 'applied' | 'manual'>();
  for (const r of rows) {
    if (!r.rawMessageId) continue;
    if (r.state === 'unmatched') status.set(r.rawMessageId, 'manual');
    else if (!status.has(r.rawMessageId)) status.set(r.rawMessageId, 'applied');
  }
  return [...status.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, s]) => ({ id, status: s }));
}

/**
 * Applies a batch of parsed bounces for one tenant (see the module comment). Batches of a few hundred to a few
 * thousand recipients are the sweet spot: one transaction, ~10 statements, whatever the size.
 */
export async function applyBounces(
  db: Executor,
  tenantId: string,
  items: readonly BounceItem[],
  options: ApplyBouncesOptions = {},
): Promise<ApplyBouncesResult> {
  const now = options.now ?? new Date();
  const ignoredResults: ApplyItemResult[] = [];
  const { drafts, inBatchDuplicates } = splitInBatchDuplicates(buildDrafts(items, now, ignoredResults));
  await correlateDrafts(db, tenantId, drafts, options);
  const resolver = options.ruleConfig ?? (await loadRuleConfigResolver(db, tenantId));

  const written = await inTransaction(db, async (tx) => {
    const addresses = drafts.map((d) => d.correlation?.address).filter((a): a is string => !!a);
    // The duplicate check rides along with the address insert. It reads the snapshot from before the address
    // locks: a twin worker committing the same bounce while we wait makes our insert below find its row, and the
    // batch is retried (ConcurrentBounceError), this time seeing it. The four statements are issued back to back
    // (pipelined): one round trip, run by the server in this order.
    const [, locked] = await pipelined(
      planCacheMode(tx, 'force_custom_plan'),
      upsertAndLockAddresses<{ idempotency_key: string }>(
        tx,
        tenantId,
        addresses,
        existingBounceKeysSql(
          tenantId,
          drafts.map((d) => d.bounce.idempotencyKey),
        ),
      ),
      planCacheMode(tx, 'force_generic_plan'),
    );
    const existing = new Set((locked.extra ?? []).map((r) => r.idempotency_key));
    const fresh = drafts.filter((d) => !existing.has(d.bounce.idempotencyKey));
    const { rows, pending } = bounceRowsAndEvents(fresh, now, options.actor ?? 'rules');
    const outcomes = decideAll(resolver, locked, pending);
    for (const o of outcomes) {
      if (o.pending.bounce) o.pending.bounce.decision = bounceDecisionOf(o);
    }
    let inserted: ReadonlySet<string> = new Set();
    const summary = await writeOutcomes(tx, tenantId, locked, outcomes, {
      bounces: rows,
      sends: sendsOf(fresh),
      rawStatuses: options.updateRawMessages === false ? [] : rawStatusesOf(rows),
      afterInsert: (keys) => {
        inserted = keys;
        if (pending.some((p) => p.bounce && !keys.has(p.bounce.idempotencyKey))) {
          // Cannot happen while the address lock is held by whoever inserts the same key; a key reused for
          // another recipient by the caller can. Roll back and retry: the retry sees the other row and skips ours.
          throw new ConcurrentBounceError('a bounce of this batch was inserted concurrently');
        }
      },
    });
    const notes = fresh.filter((d) => d.autoReply && inserted.has(d.bounce.idempotencyKey)).map((d) => d.autoReply!);
    // Replacement addresses: the tenant layer decides (a reply is about the person, not about one send's list).
    await recordAutoReplies(tx, tenantId, notes, resolver.resolve(null, null).applySuggestedAddresses);
    const ruleByBounce = new Map(outcomes.map((o) => [o.pending.bounce?.id, o.decision.rule]));
    return { existing, inserted, rows, summary, ruleByBounce };
  });

  const results = [
    ...ignoredResults,
    ...draftResults(drafts, written),
    ...inBatchDuplicates.map((d) => duplicateResult(d)),
  ].sort((a, b) => a.itemIndex - b.itemIndex || a.recipientIndex - b.recipientIndex);
  const count = (o: ApplyItemOutcome) => results.filter((r) => r.outcome === o).length;
  return {
    results,
    applied: count('applied'),
    unmatched: count('unmatched'),
    duplicates: count('duplicate'),
    ignored: count('ignored'),
    blocked: written.summary.blocked,
    auditRows: written.summary.auditRows,
    outboxEvents: written.summary.outboxEvents,
  };
}

/**
 * The batch's statements are prepared (queryRowsPrepared), but PostgreSQL plans a prepared statement anew for each
 * of its first five runs on a connection before it settles on a generic plan, and the state write comes in a few
 * dozen texts (the CTEs a batch needs) on every pooled connection: most batches paid for planning (some 20 ms of
 * server CPU for the state write at load 20). Their data travel as JSON parameters the planner cannot see into, so
 * a custom plan is never better: the writes use the generic one from the first run ('force_generic_plan').
 *
 * Except the two lookups that open the transaction (new addresses and already-recorded bounce keys, then the row
 * locks), which plan in well under a millisecond: a generic plan is kept for the connection's life, until the next
 * ANALYZE of the tables it reads, and one made while `bounces` was still small probed it by tenant alone and
 * filtered every row of the tenant for the batch's keys: 4 ms per batch at first, then 100-400 ms once a few
 * thousand bounces were in (EXPLAIN of the cached plans, auto_explain; autovacuum's ANALYZE comes once a minute at
 * best). A custom plan is made against the table's current size ('force_custom_plan'). For this transaction only.
 */
async function planCacheMode(tx: Executor, mode: 'force_custom_plan' | 'force_generic_plan'): Promise<void> {
  await tx.execute(sql.raw(`set local plan_cache_mode = ${mode}`));
}

/** Within one batch the same key twice (the same message queued twice) is a duplicate of the first. */
function splitInBatchDuplicates(all: readonly Draft[]): { drafts: Draft[]; inBatchDuplicates: Draft[] } {
  const seen = new Set<string>();
  const inBatchDuplicates: Draft[] = [];
  const drafts = all.filter((d) => {
    if (seen.has(d.bounce.idempotencyKey)) {
      inBatchDuplicates.push(d);
      return false;
    }
    seen.add(d.bounce.idempotencyKey);
    return true;
  });
  return { drafts, inBatchDuplicates };
}

/** Ties each draft to its send and address (reads only, before the transaction); pre-matched ones keep theirs. */
async function correlateDrafts(
  db: Executor,
  tenantId: string,
  drafts: readonly Draft[],
  options: CorrelationOptions,
): Promise<void> {
  const toCorrelate = drafts.filter((d) => !d.preMatched);
  const correlations = await correlate(
    db,
    tenantId,
    toCorrelate.map((d) => d.input),
    options,
  );
  toCorrelate.forEach((d, i) => {
    d.correlation = correlations[i] ?? null;
  });
  for (const d of drafts) {
    if (d.preMatched) {
      d.correlation = {
        send: d.preMatched,
        method: 'send-event',
        address: d.preMatched.recipient,
        unmatchedReason: null,
      };
    }
  }
}

/**
 * The bounce rows of the batch's new drafts (applied when an address was found, unmatched with the reason
 * otherwise) and a rule event for each applied one.
 */
function bounceRowsAndEvents(
  fresh: readonly Draft[],
  now: Date,
  actor: string,
): { rows: BounceDraft[]; pending: PendingEvent[] } {
  const rows: BounceDraft[] = [];
  const pending: PendingEvent[] = [];
  for (const draft of fresh) {
    const match = draft.correlation;
    const row: BounceDraft = {
      ...draft.bounce,
      recipient: match?.address ?? draft.bounce.recipient,
      sendId: match?.send?.id ?? null,
      matchMethod: match?.method ?? null,
      state: match?.address ? 'applied' : 'unmatched',
      appliedAt: match?.address ? now : null,
      decision: match?.address
        ? null
        : {
            unmatchedReason: match?.unmatchedReason ?? 'no-recipient',
            ...(match?.verpSendId ? { verpSendId: match.verpSendId } : {}),
            // An automatic reply's absence, kept for the rules when a person assigns it later (apply-matches).
            ...(draft.autoReply?.reading.absence ? { absence: draft.autoReply.reading.absence } : {}),
          },
    };
    rows.push(row);
    if (!match?.address) continue;
    pending.push({
      address: match.address,
      event: {
        ...bounceEventOf(row, match.send?.category ?? null, match.send?.listId ?? null, match.address),
        // What the reply announces: the rules record its absence window on the address.
        absence: draft.autoReply?.reading.absence ?? null,
      },
      send: match.send,
      bounce: row,
      actor,
      sendUpdate: sendUpdateOf(row),
    });
  }
  return { rows, pending };
}

/** The sends the drafts were matched to, by id. */
function sendsOf(drafts: readonly Draft[]): Map<string, MatchedSend> {
  const sends = new Map<string, MatchedSend>();
  for (const d of drafts) if (d.correlation?.send) sends.set(d.correlation.send.id, d.correlation.send);
  return sends;
}

/** Each correlated draft's outcome: applied, unmatched, or a duplicate of a row written before. */
function draftResults(
  drafts: readonly Draft[],
  written: {
    existing: ReadonlySet<string>;
    inserted: ReadonlySet<string>;
    rows: readonly BounceDraft[];
    ruleByBounce: ReadonlyMap<string | undefined, string>;
  },
): ApplyItemResult[] {
  const rowByKey = new Map(written.rows.map((r) => [r.idempotencyKey, r]));
  return drafts.map((d) => {
    const key = d.bounce.idempotencyKey;
    const row = rowByKey.get(key);
    if (written.existing.has(key) || !written.inserted.has(key) || !row) {
      return {
        ...duplicateResult(d),
        address: d.correlation?.address ?? null,
        matchMethod: d.correlation?.method ?? null,
      };
    }
    return {
      itemIndex: d.itemIndex,
      recipientIndex: d.recipientIndex,
      idempotencyKey: key,
      bounceId: row.id,
      outcome: row.state === 'applied' ? 'applied' : 'unmatched',
      address: d.correlation?.address ?? null,
      matchMethod: d.correlation?.method ?? null,
      rule: written.ruleByBounce.get(row.id) ?? null,
    };
  });
}

function duplicateResult(d: Draft): ApplyItemResult {
  return {
    itemIndex: d.itemIndex,
    recipientIndex: d.recipientIndex,
    idempotencyKey: d.bounce.idempotencyKey,
    bounceId: null,
    outcome: 'duplicate',
    address: null,
    matchMethod: null,
    rule: null,
  };
}

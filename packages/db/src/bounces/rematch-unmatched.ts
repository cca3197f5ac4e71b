/**
 * Re-matching the manual-assignment list when sends arrive late. A bounce can be fetched before the sending system
 * reports the send it belongs to (the sender reports in batches, its queue was down, the DSN came back within
 * seconds): correlation found nothing and the bounce went to the manual list. When such a send is recorded, its
 * unmatched bounces are matched and applied automatically, with the same methods and the same trust order as on
 * arrival:
 *  (a) verp: the unmatched bounce carried a valid signed VERP token naming this send id (kept as
 *      `decision.verpSendId` when correlation found no such send);
 *  (b) message-id: the bounce's original Message-ID is the send's;
 *  (d) recipient-time: same recipient, the send at most the recipient window before the failure (and at most the
 *      clock skew after it).
 * Never re-matched: a bounce whose VERP token failed verification (`verp-invalid`: forged or mangled, it must not
 * block anyone), and a bounce whose recipient differs from the send's (a forward target; an operator decides).
 * Each re-match writes an audit row (action `rematch`) naming the method, besides the rules' own audit rows.
 */

import type { MatchMethod } from '@bounce/rules';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { insertAuditRows } from '../outbox/outbox-events.js';
import type { RuleConfigResolver } from '../rule-sets/rule-sets.js';
import { queryRows, uuidArray } from '../sql/sql-util.js';
import { type AppliedMatch, applyMatchedBounces, type BounceMatch, lockUnmatchedBounces } from './apply-matches.js';
import { DEFAULT_CLOCK_SKEW_MINUTES, DEFAULT_RECIPIENT_WINDOW_DAYS, matchedSendOf, SEND_COLUMNS } from './correlate.js';

export type RematchOptions = {
  /** How far back recipient + time matching looks, in days. Default 30 (as correlation). */
  recipientWindowDays?: number;
  /** A send up to this many minutes after the failure still matches. Default 15 (as correlation). */
  clockSkewMinutes?: number;
};

export type RematchedBounce = AppliedMatch & { method: MatchMethod };

type Candidate = Parameters<typeof matchedSendOf>[0] & { bounce_id: string; method: MatchMethod };

/** Actor of the automatic re-match in bounces' audit rows (rules decisions) and in its own `rematch` rows. */
const REMATCH_ACTOR = 'rules';

/**
 * Matches and applies the tenant's unmatched bounces that belong to the given (newly recorded) sends. Runs in the
 * caller's transaction: with recordSends, the send and the re-match commit together. Returns what it applied.
 */
export async function rematchUnmatchedBounces(
  tx: Executor,
  tenantId: string,
  sendIds: readonly string[],
  resolver: () => Promise<RuleConfigResolver>,
  options: RematchOptions = {},
): Promise<RematchedBounce[]> {
  if (sendIds.length === 0) return [];
  const windowDays = options.recipientWindowDays ?? DEFAULT_RECIPIENT_WINDOW_DAYS;
  const skewMinutes = options.clockSkewMinutes ?? DEFAULT_CLOCK_SKEW_MINUTES;
  // Driven from the new sends, each branch answered by an index (partial ones cover only unmatched rows), so the
  // common case — no unmatched bounce for any of them — costs a few index probes per send. Per bounce the best
  // method wins, then the most recent send.
  const candidates = await queryRows<Candidate>(
    tx,
    sql`select distinct on (m.bounce_id) m.bounce_id, m.method, ${SEND_COLUMNS}
        from sends s
        cross join lateral (
          select b.id as bounce_id, 'verp' as method, 1 as rank from bounces b
          where b.tenant_id = s.tenant_id and b.state = 'unmatched' and (b.decision ->> 'verpSendId') = s.id::text
            and (b.recipient is null or b.recipient = s.recipient)
          union all
          select b.id, 'message-id', 2 from bounces b
          where b.tenant_id = s.tenant_id and b.state = 'unmatched' and b.original_message_id = s.message_id
            and (b.recipient is null or b.recipient = s.recipient)
          union all
          select b.id, 'recipient-time', 4 from bounces b
          where b.tenant_id = s.tenant_id and b.state = 'unmatched' and b.recipient = s.recipient
            and b.occurred_at >= s.sent_at - make_interval(mins => ${skewMinutes})
            and b.occurred_at <= s.sent_at + make_interval(days => ${windowDays})
        ) m
        join bounces b on b.id = m.bounce_id
        where s.tenant_id = ${tenantId} and s.id = any(${uuidArray(sendIds)})
          and coalesce(b.decision ->> 'unmatchedReason', '') <> 'verp-invalid'
        order by m.bounce_id, m.rank, s.sent_at desc, s.id`,
  );
  if (candidates.length === 0) return [];

  const lockedRows = await lockUnmatchedBounces(
    tx,
    tenantId,
    candidates.map((c) => c.bounce_id),
  );
  const byId = new Map(candidates.map((c) => [c.bounce_id, c]));
  const matches: BounceMatch[] = lockedRows.map((bounce) => {
    const c = byId.get(bounce.id)!;
    const send = matchedSendOf(c);
    return { bounce, send, address: send.recipient, method: c.method, actor: REMATCH_ACTOR, assignedBy: null };
  });
  if (matches.length === 0) return [];
  const applied = await applyMatchedBounces(tx, tenantId, await resolver(), matches);
  const methodOf = new Map(matches.map((m) => [m.bounce.id, m.method]));
  // The audit trail of the re-match itself: which bounce, which send, by which method (the rules' own rows say
  // what the bounce then did to the address).
  await insertAuditRows(
    tx,
    tenantId,
    applied.map((a) => ({
      address: a.address,
      action: 'rematch',
      actor: REMATCH_ACTOR,
      rule: null,
      reason: `unmatched bounce ${a.bounceId} matched to send ${a.sendId} by ${methodOf.get(a.bounceId)} when the send was reported; rule ${a.rule} applied`,
      before: null,
      after: null,
      evidence: { matchMethod: methodOf.get(a.bounceId) ?? null, rule: a.rule },
      refs: { bounceId: a.bounceId, sendId: a.sendId },
    })),
  );
  return applied.map((a) => ({ ...a, method: methodOf.get(a.bounceId)! }));
}

/**
 * What the sender-health diagnosis reads about one bounce: the stored verdict and what the parse worker kept of its
 * raw message for the diagnosis (raw_messages.sender_evidence: the returned original's Received and DKIM-Signature
 * headers, which the verdict row does not carry); for a message parsed without it (an older row), the raw bounce
 * itself while it is kept, to be parsed again.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { bounces, rawMessages } from '../schema.js';

export type BounceForDiagnosis = {
  id: string;
  tenantId: string;
  recipient: string | null;
  kind: string;
  action: string | null;
  status: string | null;
  replyCode: number | null;
  reason: string;
  class: string;
  diagnosticCode: string | null;
  remoteMta: string | null;
  occurredAt: Date;
  /** The rule the bounce was applied with ("sender-side" for rejections aimed at us). */
  rule: string | null;
  /**
   * The raw bounce, only when `senderEvidence` is null: null for a synchronous rejection (no message), once the raw
   * message was deleted, or when the parse worker stored the evidence source.
   */
  raw: Buffer | null;
  /** raw_messages.sender_evidence (stored by the parse worker for a sender-side bounce), else null. */
  senderEvidence: Record<string, unknown> | null;
};

export async function loadBounceForDiagnosis(
  db: Executor,
  tenantId: string,
  bounceId: string,
): Promise<BounceForDiagnosis | null> {
  const [row] = await db
    .select({
      id: bounces.id,
      tenantId: bounces.tenantId,
      recipient: bounces.recipient,
      kind: bounces.kind,
      action: bounces.action,
      status: bounces.status,
      replyCode: bounces.replyCode,
      reason: bounces.reason,
      class: bounces.class,
      diagnosticCode: bounces.diagnosticCode,
      remoteMta: bounces.remoteMta,
      occurredAt: bounces.occurredAt,
      decision: bounces.decision,
      // The content only when the evidence was not stored: it crosses the wire and is decompressed for nothing else.
      raw: sql<Buffer | null>`case when ${rawMessages.senderEvidence} is null then ${rawMessages.content} end`.mapWith(
        rawMessages.content,
      ),
      senderEvidence: rawMessages.senderEvidence,
    })
    .from(bounces)
    .leftJoin(rawMessages, and(eq(rawMessages.id, bounces.rawMessageId), eq(rawMessages.tenantId, bounces.tenantId)))
    .where(and(eq(bounces.tenantId, tenantId), eq(bounces.id, bounceId)));
  if (!row) return null;
  const { decision, ...rest } = row;
  const rule = decision && typeof decision.rule === 'string' ? decision.rule : null;
  return { ...rest, rule, raw: row.raw ?? null, senderEvidence: row.senderEvidence ?? null };
}

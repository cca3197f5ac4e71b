/**
 * What the sender-health diagnosis reads about one bounce: the stored verdict and, when it is still kept, the raw
 * bounce it was parsed from (its returned original's Received and DKIM-Signature headers are evidence the verdict
 * row does not carry).
 */
import { and, eq } from 'drizzle-orm';
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
  /** The raw bounce, null for a synchronous rejection (no message) or once the raw message was deleted. */
  raw: Buffer | null;
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
      raw: rawMessages.content,
    })
    .from(bounces)
    .leftJoin(rawMessages, and(eq(rawMessages.id, bounces.rawMessageId), eq(rawMessages.tenantId, bounces.tenantId)))
    .where(and(eq(bounces.tenantId, tenantId), eq(bounces.id, bounceId)));
  if (!row) return null;
  const { decision, ...rest } = row;
  const rule = decision && typeof decision.rule === 'string' ? decision.rule : null;
  return { ...rest, rule, raw: row.raw ?? null };
}

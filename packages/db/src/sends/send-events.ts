/**
 * The send-event job: how the sending system reports sends, deliveries and synchronous rejections (the BullMQ
 * wiring lives in @bounce/queue; the HTTP API reuses the same schema). Dates travel as ISO strings in JSON and are
 * coerced here; every item names its send by our id or the sender's external id.
 */
import { z } from 'zod';
import type { Executor } from '../client.js';
import { findUnstorableText, storableTimeSchema } from '../sql/pg-values.js';
import { recordDeliveries, recordSends } from './sends.js';
import { recordSyncRejections } from './sync-rejections.js';

/** Items per job: large enough for a sender's batch, small enough for one transaction chunk. */
export const MAX_SEND_EVENT_ITEMS = 10_000;

const id = z.string().trim().min(1).max(200);
// A string or Date inside PostgreSQL's range; never a number, boolean or null coerced to 1970.
const date = storableTimeSchema;
const sendRef = {
  sendId: z.uuid().optional(),
  externalId: id.optional(),
};
const hasRef = (v: { sendId?: string | undefined; externalId?: string | undefined }) => !!(v.sendId || v.externalId);
const REF_MESSAGE = 'sendId or externalId is required';

export const sendEventSendSchema = z.object({
  id: z.uuid().optional(),
  externalId: id.optional(),
  messageId: z.string().trim().min(3).max(998).optional(),
  recipient: z.string().trim().min(3).max(320),
  category: z.string().trim().min(1).max(100).optional(),
  listId: id.optional(),
  campaignId: id.optional(),
  correlationToken: z.string().max(200).optional(),
  sentAt: date,
});

export const sendEventDeliverySchema = z.object({ ...sendRef, deliveredAt: date }).refine(hasRef, REF_MESSAGE);

export const sendEventRejectionSchema = z
  .object({
    ...sendRef,
    replyCode: z.number().int().min(400).max(599),
    enhancedStatus: z
      .string()
      .regex(/^[45]\.\d{1,3}\.\d{1,3}$/)
      .optional(),
    text: z.string().min(1).max(4000),
    remoteMta: z.string().max(255).optional(),
    willRetry: z.boolean().optional(),
    occurredAt: date,
    idempotencyKey: id.optional(),
  })
  .refine(hasRef, REF_MESSAGE);

const tenantId = z.string().min(1).max(63);

/**
 * Every string of a parsed job must be storable. The HTTP API refuses U+0000 and lone surrogates in its request
 * layer, but a job enqueued straight onto the queue (by a sender's producer, a script, the dashboard) reaches the
 * store without that layer: a NUL made PostgreSQL throw on every retry, a lone surrogate was written as U+FFFD.
 * Checked on the parsed value, so only what is stored is walked (dates are Date objects by then).
 */
function refuseUnstorableText(job: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  const found = findUnstorableText(job);
  if (found) ctx.addIssue({ code: 'custom', path: found.path, message: found.reason });
}

export const sendEventJobSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('send'),
      tenantId,
      sends: z.array(sendEventSendSchema).min(1).max(MAX_SEND_EVENT_ITEMS),
    }),
    z.object({
      kind: z.literal('delivery'),
      tenantId,
      deliveries: z.array(sendEventDeliverySchema).min(1).max(MAX_SEND_EVENT_ITEMS),
    }),
    z.object({
      kind: z.literal('rejection'),
      tenantId,
      rejections: z.array(sendEventRejectionSchema).min(1).max(MAX_SEND_EVENT_ITEMS),
    }),
  ])
  .superRefine(refuseUnstorableText);
export type SendEventJob = z.infer<typeof sendEventJobSchema>;
/** The payload as enqueued (dates may still be strings). */
export type SendEventJobInput = z.input<typeof sendEventJobSchema>;

export type SendEventResult =
  | { kind: 'send'; recorded: number; created: number }
  | { kind: 'delivery'; confirmed: number; duplicates: number; unknown: number }
  | { kind: 'rejection'; applied: number; duplicates: number; unknown: number };

/**
 * Handles one send-event job. Validates the payload (throws ZodError on a malformed one: a permanent failure the
 * queue should not retry) and is idempotent, so a retried job has no second effect.
 */
export async function handleSendEvent(db: Executor, payload: unknown): Promise<SendEventResult> {
  const job = sendEventJobSchema.parse(payload);
  switch (job.kind) {
    case 'send': {
      const recorded = await recordSends(db, job.tenantId, job.sends);
      return { kind: 'send', recorded: recorded.length, created: recorded.filter((r) => r.created).length };
    }
    case 'delivery': {
      const r = await recordDeliveries(db, job.tenantId, job.deliveries);
      return { kind: 'delivery', confirmed: r.confirmed, duplicates: r.duplicates, unknown: r.unknown.length };
    }
    case 'rejection': {
      const r = await recordSyncRejections(db, job.tenantId, job.rejections);
      return { kind: 'rejection', applied: r.applied, duplicates: r.duplicates, unknown: r.unknown.length };
    }
    default: {
      const never: never = job;
      throw new Error(`unknown send event ${JSON.stringify(never)}`);
    }
  }
}

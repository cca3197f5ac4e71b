/**
 * Fan-out of one committed outbox event: a webhook delivery per matching subscription (created idempotently,
 * enqueued with job id = delivery id) and a digest entry per subscribed operator. Every step is idempotent, so
 * a retried or duplicated notify-events job creates nothing twice.
 */
import type { Logger } from '@bounce/config';
import {
  createWebhookDeliveries,
  type Database,
  getEvent,
  listEnabledOperatorSubscriptions,
  listEnabledWebhookSubscriptions,
} from '@bounce/db';
import { type JobPayload, type NotifyEventJob, requestSenderDiagnosis } from '@bounce/queue';
import {
  enqueueWebhookDeliveries,
  matchesEventFilter,
  meetsMinPriority,
  type WebhookDeliveryQueue,
} from '@bounce/webhooks';
import { type Queue, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { DigestBuffer } from './digest-buffer.js';
import type { NotifyMetrics } from './metrics.js';
import { senderSideBounceOf } from './sender-health/intake.js';

export type FanOutDeps = {
  db: Database;
  webhookQueue: WebhookDeliveryQueue;
  /** Attempts per delivery series (WEBHOOK_MAX_ATTEMPTS). */
  webhookAttempts: number;
  /** Null when SMTP is not configured: operator subscriptions are skipped. */
  digest: DigestBuffer | null;
  metrics?: NotifyMetrics;
  log: Logger;
  /** Sender-side bounces are handed to the diagnosis here; null when sender health is off. */
  senderHealthQueue?: Queue<JobPayload<'senderHealth'>> | null;
};

export type FanOutResult = { deliveries: number; operators: number };

const emailSchema = z.string().email();

export async function fanOutEvent(deps: FanOutDeps, job: NotifyEventJob): Promise<FanOutResult> {
  const event = await getEvent(deps.db, job.eventId, job.tenantId);
  // The relay enqueues only committed events; a missing one was deleted with its tenant. Nothing to retry.
  if (!event) throw new UnrecoverableError(`outbox event ${job.eventId} of tenant ${job.tenantId} not found`);

  const senderSideBounce = deps.senderHealthQueue ? senderSideBounceOf(event) : null;
  if (deps.senderHealthQueue && senderSideBounce) {
    await requestSenderDiagnosis(deps.senderHealthQueue, { tenantId: event.tenantId, bounceId: senderSideBounce });
  }

  const subscriptions = (await listEnabledWebhookSubscriptions(deps.db, event.tenantId)).filter((s) =>
    matchesEventFilter(s.eventTypes, event.type),
  );
  const deliveries = await createWebhookDeliveries(deps.db, {
    tenantId: event.tenantId,
    eventId: event.eventId,
    subscriptionIds: subscriptions.map((s) => s.id),
  });
  await enqueueWebhookDeliveries(
    deps.webhookQueue,
    deliveries.map((d) => d.id),
    { attempts: deps.webhookAttempts },
  );
  deps.metrics?.fanOut.inc({ target: 'webhook' }, deliveries.length);

  let operators = 0;
  if (deps.digest) {
    const subs = (await listEnabledOperatorSubscriptions(deps.db, event.tenantId)).filter(
      (s) => matchesEventFilter(s.eventTypes, event.type) && meetsMinPriority(event.priority, s.minPriority),
    );
    // One entry per address even if an operator has several matching subscriptions.
    const emails = new Map(subs.map((s) => [s.email.toLowerCase(), s.email]));
    for (const email of emails.values()) {
      if (!emailSchema.safeParse(email).success) {
        deps.log.warn(
          { tenantId: event.tenantId, eventId: event.eventId },
          'operator subscription has an invalid e-mail address, skipped',
        );
        continue;
      }
      await deps.digest.add({ tenantId: event.tenantId, email, eventId: event.eventId, priority: event.priority });
      operators++;
    }
    deps.metrics?.fanOut.inc({ target: 'operator' }, operators);
  }
  deps.log.debug(
    { eventId: event.eventId, type: event.type, deliveries: deliveries.length, operators },
    'event fanned out',
  );
  return { deliveries: deliveries.length, operators };
}

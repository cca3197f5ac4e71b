/**
 * Fan-out of a batch of committed outbox events: a sender diagnosis per sender-side bounce (sender health), a
 * webhook delivery per matching subscription (created idempotently, enqueued as one batch job per subscription
 * whose id derives from its deliveries) and a
 * digest entry per subscribed operator. Per tenant of the
 * batch: one read of the events, one of each subscription list, one INSERT of the deliveries, one addBulk. Every step
 * is idempotent, so a retried or duplicated notify-events job creates nothing twice.
 */
import type { Logger } from '@bounce/config';
import {
  createWebhookDeliveriesForEvents,
  type Database,
  type FanOutEvent,
  getEventsForFanOut,
  listEnabledOperatorSubscriptions,
  listEnabledWebhookSubscriptions,
  markOutboxEventsHandled,
} from '@bounce/db';
import {
  type JobPayload,
  type NotifyEventJob,
  type NotifyEventRef,
  notifyEventRefs,
  requestSenderDiagnosis,
} from '@bounce/queue';
import {
  enqueueWebhookDeliveryBatches,
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
  /** Null when SMTP is not configured: operator subscriptions are skipped. */
  digest: DigestBuffer | null;
  metrics?: NotifyMetrics;
  log: Logger;
  /** Sender-side bounces are handed to the diagnosis here; null when sender health is off. */
  senderHealthQueue?: Queue<JobPayload<'senderHealth'>> | null;
};

export type FanOutResult = { events: number; deliveries: number; operators: number };

const emailSchema = z.string().email();

export async function fanOutEvents(deps: FanOutDeps, job: NotifyEventJob): Promise<FanOutResult> {
  const byTenant = new Map<string, NotifyEventRef[]>();
  for (const ref of notifyEventRefs(job)) {
    const list = byTenant.get(ref.tenantId) ?? [];
    list.push(ref);
    byTenant.set(ref.tenantId, list);
  }
  const total: FanOutResult = { events: 0, deliveries: 0, operators: 0 };
  for (const [tenantId, refs] of byTenant) {
    const result = await fanOutTenant(deps, tenantId, refs);
    total.events += result.events;
    total.deliveries += result.deliveries;
    total.operators += result.operators;
  }
  if (total.events === 0) {
    // The relay enqueues only committed events; missing ones were deleted with their tenant. Nothing to retry.
    throw new UnrecoverableError(`none of the ${notifyEventRefs(job).length} outbox events of this job was found`);
  }
  return total;
}

async function fanOutTenant(deps: FanOutDeps, tenantId: string, refs: readonly NotifyEventRef[]) {
  // Type and priority, and the payload only where a sender diagnosis may start (getEventsForFanOut).
  const found = await getEventsForFanOut(
    deps.db,
    tenantId,
    refs.map((r) => r.eventId),
  );
  if (found.length < refs.length) {
    deps.log.warn({ tenantId, missing: refs.length - found.length }, 'outbox events not found (tenant deleted?)');
  }
  // In outbox order, as the relay claimed them.
  const events = found.sort((a, b) => a.id - b.id);

  if (deps.senderHealthQueue) {
    const bounceIds = events.flatMap((event) => senderSideBounceOf(event) ?? []);
    await requestSenderDiagnosis(
      deps.senderHealthQueue,
      bounceIds.map((bounceId) => ({ tenantId, bounceId })),
    );
  }

  const subscriptions = await listEnabledWebhookSubscriptions(deps.db, tenantId);
  const deliveries = await createWebhookDeliveriesForEvents(
    deps.db,
    tenantId,
    events.map((event) => ({
      eventId: event.eventId,
      subscriptionIds: subscriptions.filter((s) => matchesEventFilter(s.eventTypes, event.type)).map((s) => s.id),
    })),
  );
  // One batch job per subscription: the first attempts are made together (webhook-delivery.handler.ts).
  await enqueueWebhookDeliveryBatches(deps.webhookQueue, deliveries);
  deps.metrics?.fanOut.inc({ target: 'webhook' }, deliveries.length);

  const operators = deps.digest ? await addToDigests(deps, deps.digest, tenantId, events) : 0;
  // Last, once every effect above is durable: until then the reconciler may re-publish, which is idempotent.
  await markOutboxEventsHandled(
    deps.db,
    events.map((e) => e.eventId),
  );
  deps.log.debug({ tenantId, events: events.length, deliveries: deliveries.length, operators }, 'events fanned out');
  return { events: events.length, deliveries: deliveries.length, operators };
}

/** One digest entry per (event, operator address) even if an operator has several matching subscriptions. */
async function addToDigests(deps: FanOutDeps, digest: DigestBuffer, tenantId: string, events: FanOutEvent[]) {
  const subscriptions = await listEnabledOperatorSubscriptions(deps.db, tenantId);
  if (subscriptions.length === 0) return 0;
  let added = 0;
  for (const event of events) {
    const matching = subscriptions.filter(
      (s) => matchesEventFilter(s.eventTypes, event.type) && meetsMinPriority(event.priority, s.minPriority),
    );
    const emails = new Map(matching.map((s) => [s.email.toLowerCase(), s.email]));
    for (const email of emails.values()) {
      if (!emailSchema.safeParse(email).success) {
        deps.log.warn(
          { tenantId, eventId: event.eventId },
          'operator subscription has an invalid e-mail address, skipped',
        );
        continue;
      }
      await digest.add({ tenantId, email, eventId: event.eventId, priority: event.priority });
      added++;
    }
  }
  deps.metrics?.fanOut.inc({ target: 'operator' }, added);
  return added;
}

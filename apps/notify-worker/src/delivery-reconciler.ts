/**
 * The webhook side of "PostgreSQL holds the truth, Redis only the work": a delivery is open in PostgreSQL (pending or
 * retrying) until an attempt settles it, so a delivery whose attempt has been due for longer than any live job would
 * take has lost its job, e.g. a delayed retry that a Sentinel failover dropped with the writes the replica never
 * received. Each tick gives such deliveries a new job; should the old job turn up after all, the claim in PostgreSQL
 * lets only one of them send (claimWebhookDeliveries). The rules worker's reconciler does the same for raw messages
 * and for notify-events jobs (republishUnhandledOutboxEvents), which is what creates the deliveries.
 */
import type { Logger } from '@bounce/config';
import { type Database, listOverdueWebhookDeliveries } from '@bounce/db';
import { enqueueOverdueDeliveries, type RetryPolicy, type WebhookDeliveryQueue } from '@bounce/webhooks';
import type { NotifyMetrics } from './metrics.js';

export type DeliveryReconcileSettings = {
  /** WEBHOOK_RECONCILE_AFTER: how long past due an open delivery's attempt must be before its job counts as lost. */
  overdueMs: number;
  /** Deliveries given a new job per tick. Default 1000. */
  limit?: number;
};

export type DeliveryReconcileDeps = {
  db: Database;
  webhookQueue: WebhookDeliveryQueue;
  policy: Pick<RetryPolicy, 'attempts'>;
  log: Logger;
  metrics?: NotifyMetrics;
};

export async function reconcileWebhookDeliveries(
  deps: DeliveryReconcileDeps,
  settings: DeliveryReconcileSettings,
): Promise<{ reenqueued: number }> {
  const overdue = await listOverdueWebhookDeliveries(deps.db, {
    overdueMs: settings.overdueMs,
    limit: settings.limit ?? 1000,
  });
  if (overdue.length === 0) return { reenqueued: 0 };
  await enqueueOverdueDeliveries(deps.webhookQueue, overdue, deps.policy);
  deps.metrics?.webhookReconciled.inc(overdue.length);
  deps.log.warn(
    { reenqueued: overdue.length, deliveryIds: overdue.slice(0, 10).map((d) => d.id) },
    'webhook deliveries overdue (their job was lost): enqueued again',
  );
  return { reenqueued: overdue.length };
}

/**
 * The tick of the notification worker's delivery reconciler, on the webhook-deliveries queue it consumes: open
 * deliveries whose job Redis lost (a failover) get a new one (apps/notify-worker delivery-reconciler.ts).
 */
import type { Queue } from 'bullmq';
import type { JobPayload } from '../catalog.js';
import { scheduleTicks } from '../tick-schedulers.js';

export const DELIVERY_RECONCILE_SCHEDULER_ID = 'webhook-reconcile-deliveries';

/** One job per period for the whole installation, whichever notification worker takes it (see scheduleTicks). */
export function scheduleDeliveryReconcile(
  queue: Queue<JobPayload<'webhookDeliveries'>>,
  every: number | null,
): Promise<Record<string, number | null>> {
  return scheduleTicks(
    queue,
    'webhookDeliveries',
    { 'reconcile-deliveries': every },
    () => DELIVERY_RECONCILE_SCHEDULER_ID,
  );
}

/**
 * What a tenant's notifications want: the event filters of its enabled webhook and operator subscriptions. The
 * outbox relay enqueues only events somebody wants, and keeps this in memory while the tenant's
 * `notification_interest` version (raised by a trigger on every subscription change) is unchanged.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { operatorSubscriptions, webhookSubscriptions } from '../schema.js';

export type NotificationInterest = {
  /** One filter per enabled webhook subscription (empty filter = every event). */
  webhookFilters: string[][];
  /** One per enabled operator subscription: its filter and minimum priority. */
  operatorFilters: { eventTypes: string[]; minPriority: string }[];
};

export async function loadNotificationInterest(db: Executor, tenantId: string): Promise<NotificationInterest> {
  const [webhooks, operators] = await Promise.all([
    db
      .select({ eventTypes: webhookSubscriptions.eventTypes })
      .from(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.tenantId, tenantId), eq(webhookSubscriptions.enabled, true))),
    db
      .select({ eventTypes: operatorSubscriptions.eventTypes, minPriority: operatorSubscriptions.minPriority })
      .from(operatorSubscriptions)
      .where(and(eq(operatorSubscriptions.tenantId, tenantId), eq(operatorSubscriptions.enabled, true))),
  ]);
  return { webhookFilters: webhooks.map((w) => w.eventTypes), operatorFilters: operators };
}

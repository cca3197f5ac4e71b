/**
 * Whether anybody wants an event: a webhook subscription whose filter matches its type, or an operator subscription
 * (digest e-mail) whose filter and minimum priority match. The outbox relay asks before it enqueues, so a tenant
 * without subscriptions costs no notify-events job at all.
 *
 * Each tenant's interest is kept in memory under the `notification_interest` version the relay read with the batch.
 * The version is raised by a database trigger on every subscription change, whoever makes it (API, CLI, SQL by
 * hand) and on whichever machine, so a stale entry lives at most until the next claimed batch.
 */
import { type Executor, loadNotificationInterest, type NotificationInterest } from '@bounce/db';
import { matchesEventFilter, meetsMinPriority } from './event-types.js';

export type InterestQuery = { tenantId: string; type: string; priority: string; interestVersion: number };

/** Whether the interest covers an event of this type and priority. */
export function interestWants(interest: NotificationInterest, type: string, priority: string): boolean {
  return (
    interest.webhookFilters.some((filter) => matchesEventFilter(filter, type)) ||
    interest.operatorFilters.some(
      (o) => matchesEventFilter(o.eventTypes, type) && meetsMinPriority(priority, o.minPriority),
    )
  );
}

export class EventInterestCache {
  private readonly byTenant = new Map<string, { version: number; interest: NotificationInterest }>();

  /** `maxTenants`: entries kept; the oldest loaded is dropped first (reloading is one small query). */
  constructor(private readonly maxTenants = 10_000) {}

  /** One answer per event, in order; loads each tenant whose cached version differs from the event's. */
  async wants(db: Executor, events: readonly InterestQuery[]): Promise<boolean[]> {
    const batch = new Map<string, NotificationInterest>();
    for (const e of events) {
      if (batch.has(e.tenantId)) continue;
      const cached = this.byTenant.get(e.tenantId);
      if (cached?.version === e.interestVersion) {
        batch.set(e.tenantId, cached.interest);
        continue;
      }
      // Loaded after the version was read, so never older than it; a change in between is seen by the next batch.
      const interest = await loadNotificationInterest(db, e.tenantId);
      batch.set(e.tenantId, interest);
      this.byTenant.delete(e.tenantId);
      this.byTenant.set(e.tenantId, { version: e.interestVersion, interest });
      if (this.byTenant.size > this.maxTenants) this.byTenant.delete(this.byTenant.keys().next().value as string);
    }
    return events.map((e) => interestWants(batch.get(e.tenantId)!, e.type, e.priority));
  }
}

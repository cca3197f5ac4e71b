import type { Logger } from '@bounce/config';
import {
  confirmDeliveriesByGrace,
  countBouncesMissingRawMessage,
  type Database,
  dropExpiredPartitions,
  ensurePartitions,
  ensureRetentionIndex,
  purgeExpiredArchive,
  purgeExpiredRawContent,
  republishUnhandledOutboxEvents,
} from '@bounce/db';
import type { JobContext, JobPayload } from '@bounce/queue';
import { UnrecoverableError } from 'bullmq';
import type { OutboxRelay } from './outbox-relay.js';
import type { ReconcileResult } from './raw-reconciler.js';
import type { RulesMetrics } from './rules-metrics.js';

export type MaintenanceDeps = {
  db: Database;
  relay: OutboxRelay;
  reconcile: () => Promise<ReconcileResult>;
  metrics?: RulesMetrics;
  logger: Logger;
  /** Raw-content retention for tenants without their own setting, in days; 0 keeps content for ever. */
  rawRetentionDays?: number;
  /** Months of partitioned history (events, webhook attempts) kept; older partitions are dropped. 0 keeps all. */
  historyRetentionMonths?: number;
  /** OUTBOX_REPUBLISH_AFTER_SECONDS: published events unhandled this long are handed back to the relay. */
  outboxRepublishAfterSeconds?: number;
};

/**
 * Periodic housekeeping ticks from the job schedulers (see `scheduleMaintenance`). The rules worker is the
 * maintenance queue's only consumer: BullMQ cannot route jobs of one queue by name, so a task owned by another
 * process must not be scheduled on this queue.
 */
export function createMaintenanceHandler(deps: MaintenanceDeps) {
  return async (payload: JobPayload<'maintenance'>, _ctx: JobContext): Promise<Record<string, unknown>> => {
    switch (payload.task) {
      case 'outbox-relay':
        return { published: await deps.relay.run() };
      case 'reconcile-raw-messages': {
        const result = await deps.reconcile();
        // The same tick covers the other thing Redis can lose: a notify-events job (PostgreSQL holds the truth).
        const republished = await republishUnhandledOutboxEvents(deps.db, deps.outboxRepublishAfterSeconds ?? 300);
        if (republished > 0) {
          deps.logger.warn({ republished }, 'outbox events published but never handled: published again');
          await deps.relay.run();
        }
        return { ...result, outboxRepublished: republished };
      }
      case 'confirm-deliveries-by-grace': {
        // The store batches its own transactions (1,000 sends each) and is safe to run twice at once.
        const result = await confirmDeliveriesByGrace(deps.db);
        deps.metrics?.graceConfirmed.inc(result.confirmed);
        if (result.confirmed > 0) {
          deps.logger.info({ confirmed: result.confirmed }, 'deliveries confirmed by grace period');
          deps.relay.kick();
        }
        return { ...result };
      }
      case 'history-retention': {
        // Batched short transactions inside; safe to run twice at once (skip locked).
        // Built concurrently on the first tick after migration 0007 (a no-op afterwards): see ensureRetentionIndex.
        if (await ensureRetentionIndex(deps.db)) deps.logger.info('raw_messages_retention_idx built');
        const result = await purgeExpiredRawContent(deps.db, { defaultDays: deps.rawRetentionDays ?? 0 });
        if (result.purged > 0) deps.logger.info({ ...result }, 'raw message content removed after retention');
        // Partitions exist only once `pnpm --filter @bounce/db partition` converted the tables; before, both do nothing.
        const created = await ensurePartitions(deps.db);
        const dropped = await dropExpiredPartitions(deps.db, { keepMonths: deps.historyRetentionMonths ?? 0 });
        if (created.length > 0 || dropped.length > 0) deps.logger.info({ created, dropped }, 'history partitions');
        // Archived mail (replies filed at contacts) after each tenant's tenants.archive_retention_days.
        const archive = await purgeExpiredArchive(deps.db);
        const archivedRemoved = archive.reduce((n, r) => n + r.messages, 0);
        if (archivedRemoved > 0) deps.logger.info({ archivedRemoved }, 'archived mail removed after retention');
        // Stands in for the foreign key bounces.raw_message_id lost by the partition conversion (docs/retention.md):
        // a gauge and a warning, not a failure, since the verdicts themselves are intact.
        const bouncesMissingRaw = await countBouncesMissingRawMessage(deps.db, { hours: 24 });
        deps.metrics?.bouncesMissingRaw.set(bouncesMissingRaw);
        if (bouncesMissingRaw > 0) {
          deps.logger.warn({ bouncesMissingRaw }, 'bounces of the last 24 h name a raw message that does not exist');
        }
        return {
          ...result,
          partitionsCreated: created,
          partitionsDropped: dropped,
          archivedRemoved,
          bouncesMissingRaw,
        };
      }
      case 'sync-mailbox-schedules':
        throw new UnrecoverableError('sync-mailbox-schedules belongs to the fetch worker, not the maintenance queue');
      default: {
        const never: never = payload.task;
        throw new UnrecoverableError(`unknown maintenance task ${String(never)}`);
      }
    }
  };
}

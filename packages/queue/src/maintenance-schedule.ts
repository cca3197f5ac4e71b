import type { Queue } from 'bullmq';
import type { JobPayload, MaintenanceJob } from './catalog.js';
import { scheduleTicks } from './tick-schedulers.js';

export type MaintenanceTask = MaintenanceJob['task'];

/**
 * Default period of each housekeeping task, in ms:
 * - outbox-relay: 1 s. A fallback only: the rules worker relays right after each applied batch; this tick catches
 *   events committed by other writers (API, send events) and any relay that crashed mid-way.
 * - reconcile-raw-messages: 1 min. Finds raw messages stuck before a final status and re-enqueues them.
 * - confirm-deliveries-by-grace: 10 min. Sends past the grace period with no bounce count as delivered; hours of
 *   grace make a finer period pointless.
 * - history-retention: 1 h. Removes raw message content past each tenant's retention period, creates the monthly
 *   partitions ahead and drops the expired ones (docs/retention.md).
 * sync-mailbox-schedules belongs to the fetch worker and is not scheduled here.
 */
export const DEFAULT_MAINTENANCE_PERIODS_MS = {
  'outbox-relay': 1_000,
  'reconcile-raw-messages': 60_000,
  'confirm-deliveries-by-grace': 600_000,
  'history-retention': 3_600_000,
} as const satisfies Partial<Record<MaintenanceTask, number>>;

export type MaintenancePeriods = Partial<Record<MaintenanceTask, number | null>>;

/** Scheduler id per task; stable so every process upserts the same scheduler instead of adding one each. */
export const maintenanceSchedulerId = (task: MaintenanceTask) => `maintenance-${task}`;

/** The housekeeping ticks' job schedulers (see scheduleTicks); by default every task at its default period. */
export function scheduleMaintenance(
  queue: Queue<JobPayload<'maintenance'>>,
  periods: MaintenancePeriods = DEFAULT_MAINTENANCE_PERIODS_MS,
): Promise<Record<string, number | null>> {
  return scheduleTicks(queue, 'maintenance', periods, maintenanceSchedulerId);
}

import { envBoolean, envDuration, envInt, envList, loadEnvWith } from '@bounce/config';
import { verpEnv, workerEnv } from '@bounce/runtime';
import { z } from 'zod';

export const rulesWorkerEnvSchema = z.object({
  ...workerEnv(9102),
  /** apply-bounces jobs processed at once (each is one transaction over its batch). Default 2. */
  RULES_CONCURRENCY: envInt(2, 1, 64),
  /** send-events jobs processed at once. Default 2. */
  SEND_EVENTS_CONCURRENCY: envInt(2, 1, 64),
  /** Secrets verifying VERP return paths, comma-separated, current first (rotation). Default none. */
  VERP_SECRETS: verpEnv.VERP_SECRETS,
  /** Returned-message headers that identify the send, comma-separated. Default: all the parser extracted. */
  CORRELATION_HEADERS: envList(),
  /** Outbox rows published per relay transaction. Default 500. */
  OUTBOX_RELAY_BATCH: envInt(500, 1, 10_000),
  /** Fallback relay tick (the relay also runs after every applied batch); 0 disables. Default 1 s. */
  OUTBOX_RELAY_INTERVAL: envDuration(1_000),
  /** How often raw messages stuck before a final status are looked for; 0 disables. Default 1 min. */
  RECONCILE_INTERVAL: envDuration(60_000),
  /**
   * A raw message still received/parsed this long after arrival is re-enqueued (and at most once per this period
   * after that). Longer than a normal backlog takes to drain. Default 10 min.
   */
  RECONCILE_AFTER: envDuration(600_000),
  /** Raw messages re-enqueued per reconcile tick. Default 5000. */
  RECONCILE_LIMIT: envInt(5_000, 1, 100_000),
  /** How often sends past the delivery grace period are confirmed; 0 disables. Default 10 min. */
  GRACE_INTERVAL: envDuration(600_000),
  /** How often the history retention task runs (raw content purge); 0 disables. Default 1 h. */
  RETENTION_INTERVAL: envDuration(3_600_000),
  /**
   * Days a raw bounce message's content is kept, for tenants without their own setting (tenants.raw_retention_days);
   * 0 keeps it for ever. The row, its status and the verdicts always stay (docs/retention.md). Default 0.
   */
  RAW_RETENTION_DAYS: envInt(0, 0, 36_500),
  /**
   * Months of events (outbox) and webhook attempts kept once those tables are partitioned (docs/retention.md): older
   * monthly partitions are detached and dropped, never one holding an unpublished event. 0 keeps all. Default 0.
   */
  HISTORY_RETENTION_MONTHS: envInt(0, 0, 1200),
  /**
   * Seconds after which an outbox event published to notify-events but never marked handled by its consumer is
   * published again, by the reconcile task (Redis lost the job, e.g. a failover). Above the notify-events backlog
   * you expect: an event still queued that long gets a second, harmless (idempotent) job. Default 300.
   */
  OUTBOX_REPUBLISH_AFTER_SECONDS: envInt(300, 1, 86_400),
  /** Upsert the maintenance job schedulers at start (one process of the cluster is enough). Default true. */
  SCHEDULE_MAINTENANCE: envBoolean(true),
  /**
   * Consume notify-events with a minimal recorder (logs and counts each event) instead of the notification worker
   * (apps/notify-worker), e.g. for an installation that reads the event log only. Leave off when the notify worker
   * runs: two consumers would split the queue. Default false.
   */
  NOTIFY_EVENTS_RECORDER: envBoolean(false),
});

export type RulesWorkerEnv = z.infer<typeof rulesWorkerEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): RulesWorkerEnv {
  return loadEnvWith(rulesWorkerEnvSchema, source);
}

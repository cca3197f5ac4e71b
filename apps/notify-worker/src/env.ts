import { envBoolean, envDuration, envInt, loadEnvWith } from '@bounce/config';
import { smtpEnvShape } from '@bounce/mailer';
import { QUEUES } from '@bounce/queue';
import { secretsKeyEnv, workerEnv } from '@bounce/runtime';
import { senderHealthEnvShape } from '@bounce/sender-health/env';
import { z } from 'zod';

export const notifyWorkerEnvSchema = z.object({
  ...workerEnv(9104),
  /** Decrypts webhook signing secrets (the API encrypts them with the same key). */
  ...secretsKeyEnv,
  /** notify-events jobs (fan-out) processed at once. Default 5. */
  NOTIFY_CONCURRENCY: envInt(5, 1, 100),
  /** Webhook attempts in flight at once: mostly waiting on receivers, so many. Default 20. */
  WEBHOOK_CONCURRENCY: envInt(20, 1, 500),
  /** Operator digest mails sent at once. Default 2. */
  EMAIL_CONCURRENCY: envInt(2, 1, 50),

  /** Allow webhook URLs on loopback (127.0.0.0/8, ::1): local development and tests only. Default false. */
  WEBHOOK_ALLOW_LOOPBACK: envBoolean(false),
  /** TCP connect timeout per attempt. Default 5 s. */
  WEBHOOK_CONNECT_TIMEOUT: envDuration(5_000),
  /** Total time per attempt (DNS, connect, TLS, request, response). Default 10 s. */
  WEBHOOK_TIMEOUT: envDuration(10_000),
  /** Response bytes read before the connection is dropped. Default 64 KiB. */
  WEBHOOK_MAX_RESPONSE_BYTES: envInt(64 * 1024, 1024, 16 * 1024 * 1024),
  /** Attempts per delivery series before it is kept as failed. Default 12 (the catalog's). */
  WEBHOOK_MAX_ATTEMPTS: envInt(QUEUES.webhookDeliveries.attempts, 1, 50),
  /** First retry delay, doubling each time. Default 30 s (12 attempts ≈ 17 h). */
  WEBHOOK_RETRY_BASE_DELAY: envDuration(QUEUES.webhookDeliveries.backoff.delay),
  /**
   * How often the reconciler looks for open deliveries whose job Redis lost (a failover); 0 disables. Default 1 min.
   */
  WEBHOOK_RECONCILE_INTERVAL: envDuration(60_000),
  /**
   * How long past due an open delivery's attempt must be before its job counts as lost and a new one is enqueued.
   * Longer than the webhook-deliveries backlog you expect (a duplicate job is harmless, it only costs a read).
   * Default 10 min.
   */
  WEBHOOK_RECONCILE_AFTER: envDuration(600_000),
  /** Random fraction of each retry delay. Default 0.3. */
  WEBHOOK_RETRY_JITTER: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(QUEUES.webhookDeliveries.backoff.jitter ?? 0),

  /** How long normal-priority events are collected into one operator mail. Default 60 s. */
  OPERATOR_DIGEST_WINDOW: envDuration(60_000),
  /** Most events per operator mail; a full batch is sent at once. Default 100. */
  OPERATOR_DIGEST_MAX_EVENTS: envInt(100, 1, 1_000),
  ...smtpEnvShape,

  /** Diagnose sender-side bounces (DNS checks) into grouped alerts and recheck them. Default true. */
  SENDER_HEALTH_ENABLED: envBoolean(true),
  /** Diagnoses and rechecks run at once (each asks DNS a few dozen questions). Default 2. */
  SENDER_HEALTH_CONCURRENCY: envInt(2, 1, 50),
  /** How often open sender alerts are rechecked (they close when the check passes); 0 disables. Default 15 min. */
  SENDER_ALERT_RECHECK_INTERVAL: envDuration(900_000),
  /** An alert DNS cannot confirm (reputation, content, rate) closes after this long without a bounce. Default 7 days. */
  SENDER_ALERT_QUIET_PERIOD: envDuration(7 * 24 * 3_600_000),
  // SENDER_SETUP_CHECK_INTERVAL (watched setups' check period) comes with senderHealthEnvShape: the API reads it too.
  /** Upsert the recheck and setup-check job schedulers at start (idempotent: every process may). Default true. */
  SENDER_HEALTH_SCHEDULE: envBoolean(true),
  ...senderHealthEnvShape,
});

export type NotifyWorkerEnv = z.infer<typeof notifyWorkerEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): NotifyWorkerEnv {
  return loadEnvWith(notifyWorkerEnvSchema, source);
}

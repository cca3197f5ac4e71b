import { Counter, Histogram, type Registry } from 'prom-client';

/** Notification metrics, next to the per-queue job metrics of @bounce/queue. */
export type NotifyMetrics = {
  /** Deliveries and operator digests queued per event by the fan-out. */
  fanOut: Counter<'target'>;
  /** Webhook attempts by outcome: delivered, retrying, failed (after the last try or a permanent refusal). */
  webhookAttempts: Counter<'outcome'>;
  /** Webhook attempt duration by status class (2xx, 3xx, 4xx, 5xx, error). */
  webhookLatency: Histogram<'status_class'>;
  /** Open deliveries the reconciler gave a new job because theirs was lost (a Redis failover). */
  webhookReconciled: Counter;
  /** Operator digest mails by outcome: sent, failed. */
  digests: Counter<'outcome'>;
  /** Events per digest mail. */
  digestSize: Histogram;
};

export function createNotifyMetrics(registry: Registry): NotifyMetrics {
  return {
    fanOut: new Counter({
      name: 'bounce_notify_fanout_total',
      help: 'Webhook deliveries and operator digest entries created by the fan-out',
      labelNames: ['target'],
      registers: [registry],
    }),
    webhookAttempts: new Counter({
      name: 'bounce_webhook_attempts_total',
      help: 'Webhook delivery attempts by outcome (delivered, retrying, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    webhookLatency: new Histogram({
      name: 'bounce_webhook_attempt_duration_seconds',
      help: 'Webhook attempt duration by response status class',
      labelNames: ['status_class'],
      // Receivers answer in tens of ms; the total timeout is 10 s by default.
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    webhookReconciled: new Counter({
      name: 'bounce_webhook_deliveries_reconciled_total',
      help: 'Open webhook deliveries whose job was lost (overdue) and that were enqueued again',
      registers: [registry],
    }),
    digests: new Counter({
      name: 'bounce_operator_digests_total',
      help: 'Operator digest mails by outcome (sent, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    digestSize: new Histogram({
      name: 'bounce_operator_digest_events',
      help: 'Events per operator digest mail',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
      registers: [registry],
    }),
  };
}

export function statusClass(statusCode: number | null): string {
  return statusCode === null ? 'error' : `${Math.floor(statusCode / 100)}xx`;
}

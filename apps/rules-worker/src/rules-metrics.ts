import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type RulesMetrics = {
  /** Per-recipient verdicts through the rules, by class, reason and what the store did (applied, unmatched, ...). */
  bounces: Counter<'class' | 'reason' | 'outcome'>;
  addressesBlocked: Counter;
  outboxPublished: Counter<'type'>;
  /** Outbox events nobody subscribes to: marked published without a job (kept in the event log). */
  outboxUnwanted: Counter<'type'>;
  /** Commit-to-publish delay of outbox events. */
  outboxLag: Histogram;
  reconciled: Counter<'status'>;
  sendEvents: Counter<'kind'>;
  graceConfirmed: Counter;
  eventsRecorded: Counter<'type'>;
  /** Bounces of the last day naming a raw message that does not exist (the dropped foreign key's check). */
  bouncesMissingRaw: Gauge;
};

export function createRulesMetrics(registry: Registry): RulesMetrics {
  const registers = [registry];
  return {
    bounces: new Counter({
      name: 'bounce_bounces_total',
      help: 'Per-recipient bounce verdicts handled by the rules, by class, reason and outcome',
      labelNames: ['class', 'reason', 'outcome'],
      registers,
    }),
    addressesBlocked: new Counter({
      name: 'bounce_addresses_blocked_total',
      help: 'Addresses blocked by applied bounces',
      registers,
    }),
    outboxPublished: new Counter({
      name: 'bounce_outbox_published_total',
      help: 'Outbox events moved to the notify-events queue, by event type',
      labelNames: ['type'],
      registers,
    }),
    outboxUnwanted: new Counter({
      name: 'bounce_outbox_unwanted_total',
      help: 'Outbox events no webhook or operator subscription wants: kept in the event log, no job enqueued',
      labelNames: ['type'],
      registers,
    }),
    outboxLag: new Histogram({
      name: 'bounce_outbox_publish_lag_seconds',
      help: 'Time from the outbox commit to its publication on notify-events',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers,
    }),
    reconciled: new Counter({
      name: 'bounce_raw_messages_reconciled_total',
      help: 'Raw messages found stuck and re-enqueued, by the status they were stuck in',
      labelNames: ['status'],
      registers,
    }),
    sendEvents: new Counter({
      name: 'bounce_send_events_total',
      help: 'Send-event items handled, by kind (send, delivery, rejection)',
      labelNames: ['kind'],
      registers,
    }),
    graceConfirmed: new Counter({
      name: 'bounce_grace_confirmed_total',
      help: 'Sends confirmed as delivered after the grace period without bounce',
      registers,
    }),
    bouncesMissingRaw: new Gauge({
      name: 'bounce_bounces_missing_raw_message',
      help: 'Bounces received in the last 24 h whose raw_message_id names no raw message (should stay 0)',
      registers,
    }),
    eventsRecorded: new Counter({
      name: 'bounce_events_recorded_total',
      help: 'notify-events consumed by the minimal event recorder, by type',
      labelNames: ['type'],
      registers,
    }),
  };
}

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type FetchMetrics = {
  /** Messages read from mailboxes: stored (new), duplicate (content already stored) or account-test (not stored). */
  fetchedMessages: Counter<'outcome'>;
  /** One fetch of one mailbox, connect to logout. */
  fetchDuration: Histogram<'trigger' | 'outcome'>;
  /** Connection failures by step: dns, tcp, tls, auth, folder, protocol, config. */
  mailboxErrors: Counter<'kind' | 'source'>;
  mailboxesDisabled: Counter;
  movedMessages: Counter<'destination'>;
  uidValidityChanges: Counter;
  idleConnections: Gauge;
  idleTriggers: Counter;
  /** IDLE connections of oauth2 mailboxes reopened with a fresh access token before the old one expired. */
  idleRenewals: Counter;
};

const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

/** Registered once per registry (tests may start several workers in one process). */
export function createFetchMetrics(registry: Registry): FetchMetrics {
  const get = <T>(name: string, make: () => T): T => (registry.getSingleMetric(name) as T | undefined) ?? make();
  return {
    fetchedMessages: get(
      'bounce_fetch_messages_total',
      () =>
        new Counter({
          name: 'bounce_fetch_messages_total',
          help: 'Messages fetched from bounce mailboxes, by outcome (stored, duplicate, account-test: left for the account test)',
          labelNames: ['outcome'],
          registers: [registry],
        }),
    ),
    fetchDuration: get(
      'bounce_fetch_duration_seconds',
      () =>
        new Histogram({
          name: 'bounce_fetch_duration_seconds',
          help: 'Duration of one mailbox fetch (connect, fetch new messages, move finished ones, logout)',
          labelNames: ['trigger', 'outcome'],
          buckets: DURATION_BUCKETS,
          registers: [registry],
        }),
    ),
    mailboxErrors: get(
      'bounce_mailbox_errors_total',
      () =>
        new Counter({
          name: 'bounce_mailbox_errors_total',
          help: 'Mailbox connection failures by failed step (dns, tcp, tls, auth, folder, protocol, config) and source (fetch, idle)',
          labelNames: ['kind', 'source'],
          registers: [registry],
        }),
    ),
    mailboxesDisabled: get(
      'bounce_mailboxes_disabled_total',
      () =>
        new Counter({
          name: 'bounce_mailboxes_disabled_total',
          help: 'Mailboxes disabled after too many consecutive connection failures',
          registers: [registry],
        }),
    ),
    movedMessages: get(
      'bounce_mailbox_moved_messages_total',
      () =>
        new Counter({
          name: 'bounce_mailbox_moved_messages_total',
          help: 'Messages moved out of the source folder, by destination (processed, manual)',
          labelNames: ['destination'],
          registers: [registry],
        }),
    ),
    uidValidityChanges: get(
      'bounce_mailbox_uidvalidity_changes_total',
      () =>
        new Counter({
          name: 'bounce_mailbox_uidvalidity_changes_total',
          help: 'UIDVALIDITY changes seen on source folders (each triggers a full re-scan deduplicated by hash)',
          registers: [registry],
        }),
    ),
    idleConnections: get(
      'bounce_idle_connections',
      () =>
        new Gauge({
          name: 'bounce_idle_connections',
          help: 'IMAP IDLE connections held by this process',
          registers: [registry],
        }),
    ),
    idleTriggers: get(
      'bounce_idle_triggers_total',
      () =>
        new Counter({
          name: 'bounce_idle_triggers_total',
          help: 'Fetch jobs enqueued because IDLE reported new messages',
          registers: [registry],
        }),
    ),
    idleRenewals: get(
      'bounce_idle_renewals_total',
      () =>
        new Counter({
          name: 'bounce_idle_renewals_total',
          help: 'IDLE connections of OAuth-signed-in mailboxes reopened with a fresh access token before it expired',
          registers: [registry],
        }),
    ),
  };
}

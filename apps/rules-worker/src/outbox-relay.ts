/**
 * The outbox relay: moves committed outbox rows (published_at is null) to the notify-events queue, oldest first,
 * as one job per claimed batch (and priority), carrying only the events some webhook or operator subscription of
 * their tenant wants, plus those that may start a sender diagnosis (sender health, in the notification worker). Unwanted events cost no job: they are marked published all the same and stay in the outbox,
 * which is the event log. Which events a tenant wants is cached per process under a version that a database
 * trigger raises on every subscription change (see EventInterestCache), so every relay on every machine sees a
 * change at its next batch.
 *
 * Exactly once in effect, with any number of relays on any number of machines:
 * - rows are claimed with `FOR UPDATE SKIP LOCKED` inside a transaction, so two relays never publish the same row at
 *   the same time (the second skips what the first holds and takes the next rows);
 * - the BullMQ job id is derived from the batch's event ids, so a re-publish of the same rows after a crash between
 *   `addBulk` and COMMIT adds nothing while the first job is retained; when the re-claimed batch differs (or the
 *   job was removed), the notification worker's per-(subscription, event) uniqueness and the digest's set make the
 *   repeated fan-out a no-op;
 * - published_at is set in the same transaction that held the lock;
 * - a job Redis loses after COMMIT (failover to a replica that had not received it) is covered by handled_at: the
 *   consumer sets it when done, and the reconcile task hands events published but unhandled for
 *   OUTBOX_REPUBLISH_AFTER_SECONDS back to this relay (republishUnhandledOutboxEvents).
 * Order: rows are claimed and enqueued in id order (commit order within a writer); concurrent relays and consumers
 * with concurrency > 1 interleave, so consumers must not rely on a global order.
 */
import type { Logger } from '@bounce/config';
import { chunk, type Database, publishOutboxEvents, type UnpublishedEvent } from '@bounce/db';
import { enqueueMany, type JobPayload, stableJobId } from '@bounce/queue';
import { EventInterestCache } from '@bounce/webhooks';
import type { Queue } from 'bullmq';
import type { RulesMetrics } from './rules-metrics.js';

/** BullMQ priorities: lower runs first, and a job without priority runs before every prioritised one, so both set. */
const PRIORITY = { high: 1, normal: 10 } as const;

/** The catalog's bound on a notify-events job (OUTBOX_RELAY_BATCH may claim more at once). */
const MAX_EVENTS_PER_JOB = 1_000;

export type RelayOptions = {
  batchSize: number;
  metrics?: RulesMetrics;
  /** Which events are wanted, per tenant; one per relay (process). */
  interest: EventInterestCache;
  /** Enqueue every event, wanted or not (NOTIFY_EVENTS_RECORDER: the recorder consumes them all). */
  publishAll?: boolean;
};

/** Publishes up to `batchSize` rows in one transaction; returns how many it claimed (enqueued or not). */
export async function relayOutboxBatch(
  db: Database,
  notifyQueue: Queue<JobPayload<'notifyEvents'>>,
  options: RelayOptions,
): Promise<number> {
  let wanted: UnpublishedEvent[] = [];
  const { events, publishedAt } = await publishOutboxEvents(db, options.batchSize, async (rows, tx) => {
    const answers = options.publishAll ? rows.map(() => true) : await options.interest.wants(tx, rows);
    wanted = rows.filter((r, i) => answers[i] || r.mayStartDiagnosis);
    const jobs = (['high', 'normal'] as const).flatMap((priority) => {
      const group = wanted.filter((r) => (r.priority === 'high' ? 'high' : 'normal') === priority);
      return chunk(group, MAX_EVENTS_PER_JOB).map((part) => {
        const events = part.map((r) => ({ outboxId: r.id, eventId: r.eventId, tenantId: r.tenantId, type: r.type }));
        const jobId = stableJobId(
          'events',
          events.map((e) => e.eventId),
        );
        return { payload: { events }, opts: { jobId, priority: PRIORITY[priority] } };
      });
    });
    if (jobs.length > 0) await enqueueMany(notifyQueue, 'notifyEvents', jobs);
    return wanted.map((r) => r.id);
  });
  const enqueued = new Set(wanted);
  for (const e of events) {
    if (enqueued.has(e)) options.metrics?.outboxPublished.inc({ type: e.type });
    else options.metrics?.outboxUnwanted.inc({ type: e.type });
    options.metrics?.outboxLag.observe((publishedAt.getTime() - e.createdAt.getTime()) / 1000);
  }
  return events.length;
}

/**
 * One relay per process: `run()` publishes batches until the outbox is empty; calls while a run is in progress
 * coalesce into one more pass (so an event committed during a pass is not left for the next tick). `kick()` is the
 * fire-and-forget form used after each applied batch.
 */
export class OutboxRelay {
  private running: Promise<number> | null = null;
  private isRerunRequested = false;

  constructor(
    private readonly db: Database,
    private readonly notifyQueue: Queue<JobPayload<'notifyEvents'>>,
    private readonly options: Omit<RelayOptions, 'interest'> & { logger: Logger },
  ) {}

  private readonly interest = new EventInterestCache();

  run(): Promise<number> {
    if (this.running) {
      this.isRerunRequested = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  kick(): void {
    this.run().catch((err) => this.options.logger.warn({ err }, 'outbox relay failed, the next tick retries'));
  }

  /** Resolves when no pass is in progress (shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private async drain(): Promise<number> {
    let total = 0;
    do {
      this.isRerunRequested = false;
      for (;;) {
        const n = await relayOutboxBatch(this.db, this.notifyQueue, { ...this.options, interest: this.interest });
        total += n;
        if (n < this.options.batchSize) break;
      }
    } while (this.isRerunRequested);
    if (total > 0) this.options.logger.debug({ published: total }, 'outbox events published');
    return total;
  }
}

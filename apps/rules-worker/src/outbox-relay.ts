/**
 * The outbox relay: moves committed outbox rows (published_at is null) to the notify-events queue, oldest first.
 *
 * Exactly once in effect, with any number of relays on any number of machines:
 * - rows are claimed with `FOR UPDATE SKIP LOCKED` inside a transaction, so two relays never publish the same row at
 *   the same time (the second skips what the first holds and takes the next rows);
 * - the BullMQ job id is the event id, so a re-publish after a crash between `addBulk` and COMMIT (the row is still
 *   unpublished and will be claimed again) adds nothing while the first job is retained; the notification worker's
 *   per-(subscription, event) uniqueness covers the case where it was already removed;
 * - published_at is set in the same transaction that held the lock.
 * Order: rows are claimed and enqueued in id order (commit order within a writer); concurrent relays and consumers
 * with concurrency > 1 interleave, so consumers must not rely on a global order.
 */
import type { Logger } from '@bounce/config';
import { type Database, publishOutboxEvents } from '@bounce/db';
import { enqueueMany, type JobPayload } from '@bounce/queue';
import type { Queue } from 'bullmq';
import type { RulesMetrics } from './rules-metrics.js';

/** BullMQ priorities: lower runs first, and a job without priority runs before every prioritised one, so both set. */
const PRIORITY = { high: 1, normal: 10 } as const;

/** Publishes up to `batchSize` rows in one transaction; returns how many it published. */
export async function relayOutboxBatch(
  db: Database,
  notifyQueue: Queue<JobPayload<'notifyEvents'>>,
  options: { batchSize: number; metrics?: RulesMetrics },
): Promise<number> {
  const { events, publishedAt } = await publishOutboxEvents(db, options.batchSize, (rows) =>
    enqueueMany(
      notifyQueue,
      'notifyEvents',
      rows.map((r) => ({
        payload: { outboxId: r.id, eventId: r.eventId, tenantId: r.tenantId, type: r.type },
        opts: { jobId: r.eventId, priority: PRIORITY[r.priority] ?? PRIORITY.normal },
      })),
    ).then(() => undefined),
  );
  for (const e of events) {
    options.metrics?.outboxPublished.inc({ type: e.type });
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
    private readonly options: { batchSize: number; logger: Logger; metrics?: RulesMetrics },
  ) {}

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
        const n = await relayOutboxBatch(this.db, this.notifyQueue, this.options);
        total += n;
        if (n < this.options.batchSize) break;
      }
    } while (this.isRerunRequested);
    if (total > 0) this.options.logger.debug({ published: total }, 'outbox events published');
    return total;
  }
}

/**
 * The reconciler: PostgreSQL is the source of truth, Redis only carries work. A raw message that stays in
 * received/parsed long after it arrived has lost its job (Redis restarted without persistence, a job failed while
 * PostgreSQL was down so its failure could not be recorded, a process died between commit and enqueue): it is
 * re-enqueued as a parse-messages job. Re-parsing a parsed message is cheap, and applying twice has no effect
 * (idempotency keys), so the only cost of a false positive is work.
 *
 * A marker key per message (SET NX with a TTL of `after`) keeps it from being re-enqueued on every tick while its
 * new job waits behind a backlog; after a Redis restart the markers are gone with the jobs, as they should be.
 */
import type { Logger } from '@bounce/config';
import { type Executor, findStuckRawMessages } from '@bounce/db';
import type { RedisConnection } from '@bounce/queue';
import { enqueue, type JobPayload, QUEUES } from '@bounce/queue';
import type { Queue } from 'bullmq';

import type { RulesMetrics } from './rules-metrics.js';

/** Raw messages per re-enqueued parse job (the catalog allows up to 1,000). */
const REENQUEUE_BATCH = 500;

export type ReconcileOptions = {
  db: Executor;
  redis: RedisConnection;
  parseQueue: Queue<JobPayload<'parseMessages'>>;
  /** Queue prefix; the markers live beside the queues (`<prefix>:reconcile:<raw id>`). */
  prefix: string;
  /** Age (ms since receipt) after which an unfinished message counts as stuck, and the marker TTL. */
  afterMs: number;
  /** Messages examined per run. */
  limit: number;
  logger: Logger;
  metrics?: RulesMetrics;
  now?: Date;
};

export type ReconcileResult = { stuck: number; enqueued: number; jobs: number };

export async function reconcileRawMessages(options: ReconcileOptions): Promise<ReconcileResult> {
  const now = options.now ?? new Date();
  const stuck = await findStuckRawMessages(options.db, new Date(now.getTime() - options.afterMs), options.limit);
  if (stuck.length === 0) return { stuck: 0, enqueued: 0, jobs: 0 };

  // One SET per marker, not a pipeline: on a Redis Cluster the markers spread over slots, which one pipeline refuses
  // (ioredis pipelines the concurrent commands per connection by itself).
  const replies = await Promise.all(
    stuck.map((s) => options.redis.set(markerKey(options.prefix, s.id), '1', 'PX', options.afterMs, 'NX')),
  );
  const claimed = stuck.filter((_, i) => replies[i] === 'OK');

  const byTenant = new Map<string, typeof claimed>();
  for (const s of claimed) byTenant.set(s.tenantId, [...(byTenant.get(s.tenantId) ?? []), s]);
  let jobs = 0;
  for (const [tenantId, rows] of byTenant) {
    for (let i = 0; i < rows.length; i += REENQUEUE_BATCH) {
      const batch = rows.slice(i, i + REENQUEUE_BATCH);
      // No custom job id: a fixed one would collide with the lost job's id if BullMQ still retains it (e.g. as
      // failed), and the marker already prevents duplicates.
      await enqueue(options.parseQueue, 'parseMessages', { tenantId, rawMessageIds: batch.map((s) => s.id) });
      jobs += 1;
    }
  }
  for (const s of claimed) options.metrics?.reconciled.inc({ status: s.status });
  if (claimed.length > 0) {
    options.logger.warn(
      { stuck: stuck.length, enqueued: claimed.length, jobs, queue: QUEUES.parseMessages.name },
      'stuck raw messages re-enqueued',
    );
  }
  return { stuck: stuck.length, enqueued: claimed.length, jobs };
}

export const markerKey = (prefix: string, rawMessageId: string) => `${prefix}:reconcile:${rawMessageId}`;

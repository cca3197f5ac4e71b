/**
 * The step every mailbox protocol shares once a batch is read: store the raw messages, count them, and enqueue one
 * parse job for the rows still waiting for the parser.
 */
import type { Database, RawMessageInput, StoredRawMessage } from '@bounce/db';
import { storeRawMessages } from '@bounce/db';
import { enqueue, type JobPayload, stableJobId } from '@bounce/queue';
import type { Queue } from 'bullmq';
import type { FetchMetrics } from './fetch-metrics.js';

export type StoreFetchedDeps = {
  db: Database;
  parseQueue: Queue<JobPayload<'parseMessages'>>;
  metrics?: FetchMetrics;
};

export type FetchCounts = { fetched: number; stored: number; duplicates: number; parseJobs: number };

/** Stores one batch of one tenant's fetched messages and enqueues their parse job; answers storeRawMessages' rows. */
export async function storeFetchedBatch(
  deps: StoreFetchedDeps,
  tenantId: string,
  rows: readonly RawMessageInput[],
  counts: FetchCounts,
): Promise<StoredRawMessage[]> {
  counts.fetched += rows.length;
  const stored = await storeRawMessages(deps.db, rows);
  const inserted = stored.filter((s) => s.inserted).length;
  counts.stored += inserted;
  counts.duplicates += rows.length - inserted;
  deps.metrics?.fetchedMessages.inc({ outcome: 'stored' }, inserted);
  deps.metrics?.fetchedMessages.inc({ outcome: 'duplicate' }, rows.length - inserted);

  // Rows still waiting for the parser: new ones, and ones stored by an earlier run that died before enqueueing. The
  // job id is derived from the ids, so a re-run enqueues the same job once.
  const toParse = stored.filter((s) => s.status === 'received').map((s) => s.id);
  if (toParse.length > 0) {
    await enqueue(
      deps.parseQueue,
      'parseMessages',
      { tenantId, rawMessageIds: toParse },
      { jobId: stableJobId('parse-fetched', toParse) },
    );
    counts.parseJobs += 1;
  }
  return stored;
}

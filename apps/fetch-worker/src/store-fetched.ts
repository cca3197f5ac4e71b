/**
 * The step every mailbox protocol shares once a batch is read: store the raw messages, count them, and enqueue one
 * parse job for the rows still waiting for the parser. The account test's own message (see isAccountTestMessage) is
 * left out: it is neither a bounce nor a reply, and the account test deletes it where it arrived.
 */
import type { Database, RawMessageInput, StoredRawMessage } from '@bounce/db';
import { storeRawMessages } from '@bounce/db';
import { isAccountTestMessage } from '@bounce/mailbox-access';
import { ACCOUNT_TEST_HEADER } from '@bounce/mailer';
import { enqueue, type JobPayload, stableJobId } from '@bounce/queue';
import type { Queue } from 'bullmq';
import type { FetchMetrics } from './fetch-metrics.js';

export type StoreFetchedDeps = {
  db: Database;
  parseQueue: Queue<JobPayload<'parseMessages'>>;
  metrics?: FetchMetrics;
};

export type FetchCounts = {
  fetched: number;
  stored: number;
  duplicates: number;
  parseJobs: number;
  /** Account-test messages left where they are (not stored). */
  accountTests?: number;
};

/** The messages of a batch that are mail to process: an account test's own message is not. */
export function withoutAccountTests<T extends { content: Buffer }>(messages: readonly T[]): T[] {
  return messages.filter((m) => !isAccountTestMessage(m.content, ACCOUNT_TEST_HEADER));
}

/** Stores one batch of one tenant's fetched messages and enqueues their parse job; answers storeRawMessages' rows. */
export async function storeFetchedBatch(
  deps: StoreFetchedDeps,
  tenantId: string,
  fetchedRows: readonly RawMessageInput[],
  counts: FetchCounts,
): Promise<StoredRawMessage[]> {
  counts.fetched += fetchedRows.length;
  const rows = withoutAccountTests(fetchedRows);
  if (rows.length < fetchedRows.length) {
    counts.accountTests = (counts.accountTests ?? 0) + fetchedRows.length - rows.length;
    deps.metrics?.fetchedMessages.inc({ outcome: 'account-test' }, fetchedRows.length - rows.length);
  }
  if (rows.length === 0) return [];
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

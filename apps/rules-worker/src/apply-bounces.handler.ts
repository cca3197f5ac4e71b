import type { Logger } from '@bounce/config';
import {
  type ApplyBouncesOptions,
  type ApplyBouncesResult,
  applyParsedRawMessages,
  archiveEntryOf,
  archiveRawMessages,
  type Database,
  failRawMessages,
} from '@bounce/db';
import { enqueue, type FinalFailure, type JobContext, type JobPayload, stableJobId } from '@bounce/queue';
import type { Queue } from 'bullmq';
import type { RulesMetrics } from './rules-metrics.js';

export type ApplyHandlerDeps = {
  db: Database;
  /** Options passed to the store (VERP secrets, correlation headers). */
  applyOptions?: ApplyBouncesOptions;
  metrics?: RulesMetrics;
  /** Called after each committed batch: the outbox relay publishes the batch's events right away. */
  onApplied?: () => void;
};

export type ApplyJobResult = Pick<
  ApplyBouncesResult,
  'applied' | 'unmatched' | 'duplicates' | 'ignored' | 'blocked' | 'outboxEvents'
>;

/**
 * apply-bounces: auto-replies are filed at the contacts they match (the message archive, with its message.archived
 * events); then the batch's verdicts go to `applyParsedRawMessages`, which commits state, audit, outbox and each raw
 * message's final status in one transaction (see there; an auto-reply filed nowhere ends manual); then the outbox
 * relay is kicked.
 */
export function createApplyBouncesHandler(deps: ApplyHandlerDeps) {
  return async (payload: JobPayload<'applyBounces'>, _ctx: JobContext): Promise<ApplyJobResult> => {
    // Auto-replies are filed first (idempotent, so a retried job files nothing twice): one that matches no contact
    // then ends in the manual list in the apply transaction, instead of passing as applied unseen.
    const autoReplies = payload.items.flatMap((i) => archiveEntryOf(i.rawMessageId, i.result) ?? []);
    const filed =
      autoReplies.length > 0
        ? await archiveRawMessages(deps.db, payload.tenantId, autoReplies, {
            verpSecrets: deps.applyOptions?.verpSecrets ?? [],
          })
        : [];
    const unfiledAutoReplies = autoReplies
      .filter((_, i) => filed[i]?.outcome !== 'archived')
      .map((e) => e.rawMessageId);
    const result = await applyParsedRawMessages(deps.db, payload.tenantId, payload.items, {
      ...deps.applyOptions,
      unfiledAutoReplies,
    });
    recordMetrics(deps.metrics, payload, result);
    deps.onApplied?.();
    return {
      applied: result.applied,
      unmatched: result.unmatched,
      duplicates: result.duplicates,
      ignored: result.ignored,
      blocked: result.blocked,
      outboxEvents: result.outboxEvents,
    };
  };
}

function recordMetrics(
  metrics: RulesMetrics | undefined,
  payload: JobPayload<'applyBounces'>,
  result: ApplyBouncesResult,
) {
  if (!metrics) return;
  for (const r of result.results) {
    const recipient = payload.items[r.itemIndex]?.result.recipients[r.recipientIndex];
    metrics.bounces.inc({ class: recipient?.class ?? 'none', reason: recipient?.reason ?? 'none', outcome: r.outcome });
  }
  metrics.addressesBlocked.inc(result.blocked);
}

/** Attempts for the halves of a batch that failed for good: enough for a blip, few enough to bisect quickly. */
const SPLIT_ATTEMPTS = 3;

/**
 * A batch that failed every attempt may hold one poison item (a verdict the store rejects every time); failing the
 * whole batch would send hundreds of good bounces to the manual list with it. So the batch is split in two halves,
 * each a new job, down to single items: ten levels for 1,000 items, and only the poison item ends `failed` (manual
 * list). When the cause was an outage instead, the halves fail too and their items end failed or, if even that write
 * fails, stay unfinished for the reconciler.
 */
export function createApplyFinalFailureHandler(deps: {
  db: Database;
  applyQueue: Queue<JobPayload<'applyBounces'>>;
  logger: Logger;
  /** Attempts per half. Default 3. */
  splitAttempts?: number;
  /** First backoff delay of a half, doubling. Default 1 s. */
  splitBackoffMs?: number;
}) {
  return async ({ job, payload, error }: FinalFailure<'applyBounces'>): Promise<void> => {
    if (!payload) return;
    const { tenantId, items } = payload;
    if (items.length === 1) {
      // The item fails for good: raw status failed plus a processing.failed event, in one statement.
      await failRawMessages(deps.db, tenantId, [items[0]!.rawMessageId], {
        stage: 'apply',
        error: `apply failed: ${error.message}`,
      });
      return;
    }
    const middle = Math.ceil(items.length / 2);
    for (const half of [items.slice(0, middle), items.slice(middle)]) {
      const jobId = stableJobId('apply-split', [String(job.id), ...half.map((i) => i.rawMessageId)]);
      await enqueue(
        deps.applyQueue,
        'applyBounces',
        { tenantId, items: half },
        {
          jobId,
          attempts: deps.splitAttempts ?? SPLIT_ATTEMPTS,
          backoff: { type: 'exponential', delay: deps.splitBackoffMs ?? 1_000 },
        },
      );
    }
    deps.logger.warn({ jobId: job.id, items: items.length }, 'apply batch failed, split in two for retry');
  };
}

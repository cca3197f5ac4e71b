import { type Database, handleSendEvent, type SendEventResult } from '@bounce/db';
import { InvalidJobPayloadError, type JobContext, type JobPayload } from '@bounce/queue';
import type { RulesMetrics } from './rules-metrics.js';

/**
 * send-events: sends, deliveries and synchronous rejections reported by the sending system, handled by the store
 * (idempotent, so a retried job has no second effect). The catalog checks only the envelope; the store's full
 * validation failing means the payload will never pass: a permanent failure, not a retry.
 */
export function createSendEventsHandler(deps: { db: Database; metrics?: RulesMetrics; onApplied?: () => void }) {
  return async (payload: JobPayload<'sendEvents'>, { job }: JobContext): Promise<SendEventResult> => {
    let result: SendEventResult;
    try {
      result = await handleSendEvent(deps.db, payload);
    } catch (err) {
      if ((err as Error).name === 'ZodError') {
        throw new InvalidJobPayloadError(`invalid send-events job ${job.id ?? ''}: ${(err as Error).message}`);
      }
      throw err;
    }
    const count = 'recorded' in result ? result.recorded : 'confirmed' in result ? result.confirmed : result.applied;
    deps.metrics?.sendEvents.inc({ kind: result.kind }, count);
    // Deliveries and rejections change address state and write outbox events.
    if (result.kind !== 'send') deps.onApplied?.();
    return result;
  };
}

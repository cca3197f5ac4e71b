import { clientFaultOf, type Database, handleSendEvent, type SendEventResult, StoreError } from '@bounce/db';
import { InvalidJobPayloadError, type JobContext, type JobPayload } from '@bounce/queue';
import type { RulesMetrics } from './rules-metrics.js';

/**
 * Whether the store refused the payload itself, so that no retry can ever succeed: its zod validation (the catalog
 * checks only the envelope; the store's schema also refuses NUL and lone surrogates in any string), an item the store rejects after validation (e.g. a recipient that is no address), or a
 * send id already taken by another send. Anything else (connection lost, deadlock, a timeout) is worth a retry.
 */
export function isPermanentSendEventError(err: unknown): boolean {
  if ((err as Error | null)?.name === 'ZodError') return true;
  // A value PostgreSQL itself refuses (class 22 data exceptions, a value too large for an index) fails the same
  // way on every retry: the last net behind the schema.
  const fault = clientFaultOf(err)?.fault;
  if (fault === 'invalid-input' || fault === 'too-large') return true;
  return err instanceof StoreError && (err.code === 'invalid-input' || err.code === 'conflict');
}

/**
 * send-events: sends, deliveries and synchronous rejections reported by the sending system, handled by the store
 * (idempotent, so a retried job has no second effect). A payload the store refuses becomes InvalidJobPayloadError
 * (BullMQ's UnrecoverableError): it goes straight to the failed set for inspection instead of being retried.
 */
export function createSendEventsHandler(deps: { db: Database; metrics?: RulesMetrics; onApplied?: () => void }) {
  return async (payload: JobPayload<'sendEvents'>, { job }: JobContext): Promise<SendEventResult> => {
    let result: SendEventResult;
    try {
      result = await handleSendEvent(deps.db, payload);
    } catch (err) {
      if (isPermanentSendEventError(err)) {
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

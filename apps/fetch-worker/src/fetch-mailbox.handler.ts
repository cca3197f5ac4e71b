import { MailboxConnectionError } from '@bounce/mailbox-access';
import type { JobContext, JobPayload } from '@bounce/queue';
import { UnrecoverableError } from 'bullmq';
import type { FetchCoordinator } from './fetch-coordinator.js';
import { type FetchMailboxDeps, type FetchMailboxResult, fetchMailbox } from './fetch-mailbox.js';

export type FetchHandlerDeps = Omit<FetchMailboxDeps, 'signal' | 'trigger' | 'logger'> & {
  coordinator: FetchCoordinator;
};

export type FetchJobResult =
  | { status: 'deferred'; reason: string }
  | {
      status: 'done';
      rounds: Pick<FetchMailboxResult, 'status' | 'fetched' | 'stored' | 'duplicates' | 'batches' | 'moved'>[];
    };

/**
 * fetch-mailbox jobs (schedule ticks, "fetch now", IDLE). Thin: the lock and the fetch do the work. A connection
 * failure was already counted against the mailbox, so the job fails without BullMQ retries (three retries would
 * count three failures for one tick); the next tick or request tries again. Database or Redis errors are retried.
 */
export function createFetchMailboxHandler(deps: FetchHandlerDeps) {
  return async (payload: JobPayload<'fetchMailbox'>, ctx: JobContext): Promise<FetchJobResult> => {
    const { coordinator, ...fetchDeps } = deps;
    try {
      const outcome = await coordinator.run(payload.mailboxId, (lockSignal) =>
        fetchMailbox(payload.mailboxId, {
          ...fetchDeps,
          logger: ctx.log,
          trigger: payload.trigger,
          signal: AbortSignal.any([ctx.signal, lockSignal]),
        }),
      );
      if (!outcome.ran) return { status: 'deferred', reason: outcome.reason };
      return {
        status: 'done',
        rounds: outcome.results.map((r) => ({
          status: r.status,
          fetched: r.fetched,
          stored: r.stored,
          duplicates: r.duplicates,
          batches: r.batches,
          moved: r.moved,
        })),
      };
    } catch (err) {
      if (err instanceof MailboxConnectionError) throw new UnrecoverableError(`${err.kind}: ${err.message}`);
      throw err;
    }
  };
}

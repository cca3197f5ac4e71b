import type { Logger } from '@bounce/config';
import { type Database, getOutboxEventAddress } from '@bounce/db';
import type { JobContext, JobPayload } from '@bounce/queue';
import type { RulesMetrics } from './rules-metrics.js';

export type RecordedEvent = { eventId: string; type: string; tenantId: string; address: string | null; found: boolean };

/**
 * A minimal consumer of notify-events, instead of the notification worker (e.g. an installation that reads the
 * event log only): logs and counts each event, and returns it as the job's result so the dashboard shows it. The outbox row stays the
 * event's durable record. Enabled with NOTIFY_EVENTS_RECORDER=true only: two consumers would split the queue.
 */
export function createEventRecorderHandler(deps: { db: Database; logger: Logger; metrics?: RulesMetrics }) {
  return async (payload: JobPayload<'notifyEvents'>, _ctx: JobContext): Promise<RecordedEvent> => {
    const row = await getOutboxEventAddress(deps.db, payload.outboxId);
    deps.metrics?.eventsRecorded.inc({ type: payload.type });
    deps.logger.info(
      { eventId: payload.eventId, tenantId: payload.tenantId, type: payload.type, outboxId: payload.outboxId },
      'event recorded',
    );
    return {
      eventId: payload.eventId,
      type: payload.type,
      tenantId: payload.tenantId,
      address: row?.address ?? null,
      found: row !== null,
    };
  };
}

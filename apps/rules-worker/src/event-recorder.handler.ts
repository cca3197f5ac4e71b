import type { Logger } from '@bounce/config';
import { type Database, getOutboxEventAddresses, markOutboxEventsHandled } from '@bounce/db';
import { type JobContext, type JobPayload, notifyEventRefs } from '@bounce/queue';
import type { RulesMetrics } from './rules-metrics.js';

export type RecordedEvent = { eventId: string; type: string; tenantId: string; address: string | null; found: boolean };

/**
 * A minimal consumer of notify-events, instead of the notification worker (e.g. an installation that reads the
 * event log only): logs and counts each event of a batch, and returns them as the job's result so the dashboard
 * shows them. The outbox row stays the event's durable record. Enabled with NOTIFY_EVENTS_RECORDER=true only (the
 * relay then enqueues every event, subscribed or not): two consumers would split the queue.
 */
export function createEventRecorderHandler(deps: { db: Database; logger: Logger; metrics?: RulesMetrics }) {
  return async (payload: JobPayload<'notifyEvents'>, _ctx: JobContext): Promise<RecordedEvent[]> => {
    const refs = notifyEventRefs(payload);
    const addresses = await getOutboxEventAddresses(
      deps.db,
      refs.map((r) => r.outboxId),
    );
    await markOutboxEventsHandled(
      deps.db,
      refs.filter((r) => addresses.has(r.outboxId)).map((r) => r.eventId),
    );
    return refs.map((ref) => {
      deps.metrics?.eventsRecorded.inc({ type: ref.type });
      deps.logger.info(
        { eventId: ref.eventId, tenantId: ref.tenantId, type: ref.type, outboxId: ref.outboxId },
        'event recorded',
      );
      return {
        eventId: ref.eventId,
        type: ref.type,
        tenantId: ref.tenantId,
        address: addresses.get(ref.outboxId) ?? null,
        found: addresses.has(ref.outboxId),
      };
    });
  };
}

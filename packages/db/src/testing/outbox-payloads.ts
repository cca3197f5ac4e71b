import { eventPriority, isEventType, parseEventPayload } from '@bounce/events';
import type { Executor } from '../client.js';
import { outbox } from '../schema.js';

/**
 * Every outbox row of the database whose payload or priority does not match its type's entry in the event registry,
 * described for a failure message (empty when all match). Tests call it after exercising the writers.
 */
export async function outboxRowsOffRegistry(db: Executor): Promise<string[]> {
  const rows = await db.select({ type: outbox.type, priority: outbox.priority, payload: outbox.payload }).from(outbox);
  const problems: string[] = [];
  for (const row of rows) {
    const parsed = parseEventPayload(row.type, row.payload);
    if (!parsed.success) problems.push(`${row.type}: ${parsed.error}`);
    else if (isEventType(row.type) && row.priority !== eventPriority(row.type)) {
      problems.push(`${row.type}: priority ${row.priority}, registry says ${eventPriority(row.type)}`);
    }
  }
  return problems;
}

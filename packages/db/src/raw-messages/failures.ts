/**
 * Giving up on stored bounce messages: when a worker exhausted every attempt (the parse worker on a parse job, the
 * rules worker on a single poison item after bisecting its batch), the raw messages move to `failed` — which the
 * manual list shows, the fetch worker moves to the manual folder and the reconciler leaves alone — and a
 * high-priority `processing.failed` event tells an operator that a bounce was not applied and needs a human.
 *
 * One statement: the status change and the events commit together, and only rows that actually changed status get
 * an event, so a repeated call (a retried final-failure hook, two workers giving up on the same message) announces
 * each message once.
 */
import { eventPriority } from '@bounce/events';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import type { OutboxEventType } from '../outbox/outbox-events.js';
import { queryRows, textArray, uuidArray } from '../sql/sql-util.js';
import { rawStatusesBefore } from './lifecycle.js';

/** Outbox event type written for each raw message given up on. */
export const PROCESSING_FAILED_EVENT = 'processing.failed' satisfies OutboxEventType;

/** Which worker gave up: named in the event so an operator knows where to look. */
export type ProcessingStage = 'parse' | 'apply';

/** Errors are stored and sent to operators; a stack or an echoed message can be long. */
const MAX_ERROR_LENGTH = 2_000;

export type FailedRawMessage = { id: string; mailboxId: string | null };

/**
 * Marks the tenant's unfinished raw messages among `ids` failed with `error`, and writes one `processing.failed`
 * event per message that changed (payload: rawMessageId, mailbox id/name/folder/uid, stage, error, receivedAt).
 * Returns the messages it failed.
 */
export async function failRawMessages(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
  failure: { stage: ProcessingStage; error: string },
): Promise<FailedRawMessage[]> {
  if (ids.length === 0) return [];
  const error = failure.error.slice(0, MAX_ERROR_LENGTH);
  const rows = await queryRows<{ id: string; mailbox_id: string | null }>(
    db,
    sql`with failed as (
          update raw_messages set status = 'failed', error = ${error}, processed_at = now()
          where tenant_id = ${tenantId} and id = any(${uuidArray([...new Set(ids)])})
            and status = any(${textArray(rawStatusesBefore('failed'))})
          returning id, mailbox_id, folder, uid_validity, uid, received_at),
        events as (
          insert into outbox (tenant_id, type, priority, address, payload)
          select ${tenantId}, ${PROCESSING_FAILED_EVENT}, ${eventPriority(PROCESSING_FAILED_EVENT)}, null, jsonb_build_object(
            'type', ${PROCESSING_FAILED_EVENT}::text, 'tenantId', ${tenantId}::text, 'rawMessageId', f.id,
            'mailbox', case when f.mailbox_id is null then null else jsonb_build_object(
              'id', f.mailbox_id, 'name', m.name, 'folder', f.folder, 'uidValidity', f.uid_validity, 'uid', f.uid) end,
            'stage', ${failure.stage}::text, 'error', ${error}::text,
            'receivedAt', to_char(f.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
          from failed f left join mailboxes m on m.id = f.mailbox_id
          order by f.received_at, f.id)
        select id, mailbox_id from failed`,
  );
  return rows.map((r) => ({ id: r.id, mailboxId: r.mailbox_id }));
}

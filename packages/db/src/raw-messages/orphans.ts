/**
 * The check that stands in for the foreign key bounces.raw_message_id → raw_messages(id), which the partition
 * conversion drops and which is deliberately not restored (docs/retention.md, "measured"): the apply path writes the
 * id of the raw message it has just read, so a bounce naming a missing message means a change broke that. Counted
 * over a recent window only: older bounces may legitimately outlive their raw message once a raw_messages partition
 * is dropped by policy. On the partitioned table (partition key received_at) the window prunes the scan to the
 * current month's partitions; before the conversion it reads the whole bounces table (no index leads with
 * received_at), which is why the maintenance task runs it hourly, not per batch.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { queryRows } from '../sql/sql-util.js';

export type MissingRawMessageWindow = {
  /** Bounces received within this many hours before `now`. Default 24. */
  hours?: number;
  /** Reference time (tests). Default now. */
  now?: Date;
};

/** Bounces received in the window whose raw_message_id names no raw message (null ids are bounces without one). */
export async function countBouncesMissingRawMessage(
  db: Executor,
  window: MissingRawMessageWindow = {},
): Promise<number> {
  const now = window.now ?? new Date();
  const since = new Date(now.getTime() - (window.hours ?? 24) * 3_600_000);
  const [row] = await queryRows<{ missing: number | string }>(
    db,
    sql`
    select count(*) as missing
    from bounces b
    where b.received_at >= ${since.toISOString()}::timestamptz
      and b.received_at <= ${now.toISOString()}::timestamptz
      and b.raw_message_id is not null
      and not exists (select 1 from raw_messages r where r.id = b.raw_message_id)`,
  );
  return Number(row?.missing ?? 0);
}

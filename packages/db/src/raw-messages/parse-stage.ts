/**
 * The parse stage of the raw-message lifecycle (lifecycle.ts): reading stored messages for the parser and recording
 * the outcome (received → parsed, or → manual with the reason). Content is read in chunks bounded by bytes, and each
 * row only up to the parser's cap, so a batch of 1,000 messages with returned 50 MB attachments never holds more than
 * the chunk budget of mail in memory.
 */
import { and, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { rawMessages } from '../schema.js';
import { jsonTable, queryRowsPrepared, textArray } from '../sql/sql-util.js';
import { type RawMessageStatus, rawStatusesBefore } from './lifecycle.js';

export type RawMessageHead = { id: string; sha256: string; size: number; status: RawMessageStatus };

/** Metadata only (no content), for the job's ids that belong to the tenant. */
export async function loadRawHeads(db: Database, tenantId: string, ids: readonly string[]): Promise<RawMessageHead[]> {
  if (ids.length === 0) return [];
  // The ids as one parameter (a batch is up to 1,000): a fixed text, prepared once per connection, where a list of
  // parameters is built by the query builder, parsed and planned at every batch. So are the two statements below.
  const rows = await queryRowsPrepared<RawMessageHead>(
    db,
    'load-raw-heads',
    sql`select id, sha256, size, status from raw_messages
      where tenant_id = ${tenantId} and id = any(${textArray(ids)}::uuid[])`,
  );
  return rows.map((r) => ({ ...r, size: Number(r.size) }));
}

/**
 * Content of the given rows, each cut to its first `maxBytes` bytes in PostgreSQL (`substring` on bytea), so an
 * oversized message never crosses the wire whole. One byte more than the cap is read so the parser can tell that
 * the input was longer than what it examined.
 */
export async function loadRawContents(
  db: Database,
  ids: readonly string[],
  maxBytes: number,
): Promise<Map<string, Uint8Array>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRowsPrepared<{ id: string; content: unknown }>(
    db,
    'load-raw-contents',
    sql`select id, substring(content from 1 for ${maxBytes + 1}::int) as content from raw_messages
      where id = any(${textArray(ids)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, toBytes(r.content)]));
}

/** postgres.js returns bytea as a Buffer; be lenient with the hex text form in case a driver passes it through. */
function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string' && value.startsWith('\\x')) return Buffer.from(value.slice(2), 'hex');
  throw new TypeError('raw message content is not bytea');
}

export type ManualMark = { id: string; error: string };

/** What a sender diagnosis will read of a parsed message (raw_messages.sender_evidence, see the schema). */
export type SenderEvidenceMark = { id: string; source: Record<string, unknown> };

/**
 * Records the parse outcome in one transaction: parsed rows move received → parsed (never backwards from applied),
 * rows for a human move to manual with the reason, and parsed rows with a sender-side verdict keep their evidence
 * source. Guards on the current status make a re-run harmless.
 */
export async function recordParseOutcome(
  db: Database,
  parsedIds: readonly string[],
  manual: readonly ManualMark[],
  senderEvidence: readonly SenderEvidenceMark[] = [],
) {
  await db.transaction(async (tx) => {
    if (senderEvidence.length > 0) {
      // Before the status moves on: a row already past parsed was parsed before, and an equal source changes nothing.
      await queryRowsPrepared(
        tx,
        'record-raw-sender-evidence',
        sql`update raw_messages m set sender_evidence = r.source
          from ${jsonTable({ id: 'uuid', source: 'jsonb' }, senderEvidence)} as r
          where m.id = r.id and m.status = any(${textArray(rawStatusesBefore('parsed'))})`,
      );
    }
    if (parsedIds.length > 0) {
      await queryRowsPrepared(
        tx,
        'record-raw-parsed',
        sql`update raw_messages set status = 'parsed', error = null
          where id = any(${textArray(parsedIds)}::uuid[]) and status = any(${textArray(rawStatusesBefore('parsed'))})`,
      );
    }
    // One statement per distinct reason (a handful), not one per row.
    const byReason = new Map<string, ManualMark[]>();
    for (const m of manual) byReason.set(m.error, [...(byReason.get(m.error) ?? []), m]);
    for (const [error, marks] of byReason) {
      await tx
        .update(rawMessages)
        .set({ status: 'manual', error, processedAt: new Date() })
        .where(
          and(
            inArray(
              rawMessages.id,
              marks.map((m) => m.id),
            ),
            inArray(rawMessages.status, rawStatusesBefore('manual')),
          ),
        );
    }
  });
}

/**
 * What a POP3 fetch already took from a maildrop, by UIDL. POP3 has no folders, flags or UIDVALIDITY: the unique id
 * listing (RFC 1939 §7) is the only stable name of a message, so "seen" lives here, together with the raw message
 * the content became, whose status tells when a message may be deleted from the server.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import type { RawMessageStatus } from '../raw-messages/lifecycle.js';
import { mailboxPop3Seen, rawMessages } from '../schema.js';

export type Pop3SeenMessage = { rawMessageId: string | null; status: RawMessageStatus | null };

/** Every UIDL recorded for the mailbox with the status of its raw message (null when that row is gone). */
export async function listPop3Seen(db: Executor, mailboxId: string): Promise<Map<string, Pop3SeenMessage>> {
  const rows = await db
    .select({ uidl: mailboxPop3Seen.uidl, rawMessageId: mailboxPop3Seen.rawMessageId, status: rawMessages.status })
    .from(mailboxPop3Seen)
    .leftJoin(rawMessages, eq(rawMessages.id, mailboxPop3Seen.rawMessageId))
    .where(eq(mailboxPop3Seen.mailboxId, mailboxId));
  return new Map(rows.map((r) => [r.uidl, { rawMessageId: r.rawMessageId, status: r.status }]));
}

/** Records messages as taken (after they are stored and their parse job is enqueued); repeats are ignored. */
export async function recordPop3Seen(
  db: Executor,
  mailboxId: string,
  entries: readonly { uidl: string; rawMessageId: string | null }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insert(mailboxPop3Seen)
    .values(entries.map((e) => ({ mailboxId, uidl: e.uidl, rawMessageId: e.rawMessageId })))
    .onConflictDoNothing();
}

/** Drops the records of messages that are no longer on the server (deleted by us or by another client). */
export async function forgetPop3Seen(db: Executor, mailboxId: string, uidls: readonly string[]): Promise<number> {
  let removed = 0;
  // Bounded statements: a maildrop emptied by another client can leave tens of thousands of ids at once.
  for (let i = 0; i < uidls.length; i += 5_000) {
    const rows = await db
      .delete(mailboxPop3Seen)
      .where(and(eq(mailboxPop3Seen.mailboxId, mailboxId), inArray(mailboxPop3Seen.uidl, uidls.slice(i, i + 5_000))))
      .returning({ uidl: sql`1` });
    removed += rows.length;
  }
  return removed;
}

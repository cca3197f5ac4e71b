/**
 * Connection failures per mailbox. A mailbox that fails `max_consecutive_failures` times in a row (wrong password,
 * host gone, certificate changed) is disabled, so the worker stops hammering a server that will lock the account,
 * and a high-priority `mailbox.disabled` event is written in the same transaction: an operator must learn that
 * bounces are no longer being read.
 */
import { eventPriority } from '@bounce/events';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import type { OutboxEventType } from '../outbox/outbox-events.js';
import { mailboxes, outbox } from '../schema.js';
import { inTransaction } from '../sql/sql-util.js';

/** Outbox event type written when a mailbox is disabled after repeated failures. */
export const MAILBOX_DISABLED_EVENT = 'mailbox.disabled' satisfies OutboxEventType;

/** Which step failed, as the connection test names them (plus protocol errors after login). */
export type MailboxFailureKind = 'dns' | 'tcp' | 'tls' | 'auth' | 'folder' | 'protocol' | 'config';

export type MailboxFailureResult = {
  consecutiveFailures: number;
  maxConsecutiveFailures: number;
  /** True when this failure disabled the mailbox (the event was written). */
  disabledNow: boolean;
  /** Whether the mailbox is enabled after this call. */
  enabled: boolean;
};

/** Error texts are stored and sent to operators; a server can echo a lot (or binary) back. */
const MAX_ERROR_LENGTH = 1_000;

/**
 * Counts one failed connection attempt. A disabled mailbox is not counted further (a job that was already running
 * when it was disabled must not write a second event).
 */
export async function recordMailboxFailure(
  db: Executor,
  mailboxId: string,
  failure: { kind: MailboxFailureKind; message: string; at?: Date },
): Promise<MailboxFailureResult | null> {
  const at = failure.at ?? new Date();
  const message = failure.message.slice(0, MAX_ERROR_LENGTH);
  return inTransaction(db, async (tx) => {
    // The row lock taken here serialises concurrent failures of one mailbox: exactly one of them disables it.
    const [row] = await tx
      .update(mailboxes)
      .set({
        consecutiveFailures: sql`${mailboxes.consecutiveFailures} + 1`,
        lastError: `${failure.kind}: ${message}`,
        lastPollAt: at,
      })
      .where(and(eq(mailboxes.id, mailboxId), eq(mailboxes.enabled, true)))
      .returning({
        tenantId: mailboxes.tenantId,
        name: mailboxes.name,
        host: mailboxes.host,
        port: mailboxes.port,
        username: mailboxes.username,
        consecutiveFailures: mailboxes.consecutiveFailures,
        maxConsecutiveFailures: mailboxes.maxConsecutiveFailures,
      });
    if (!row) {
      const [current] = await tx
        .select({
          consecutiveFailures: mailboxes.consecutiveFailures,
          maxConsecutiveFailures: mailboxes.maxConsecutiveFailures,
        })
        .from(mailboxes)
        .where(eq(mailboxes.id, mailboxId));
      return current ? { ...current, disabledNow: false, enabled: false } : null;
    }
    if (row.consecutiveFailures < row.maxConsecutiveFailures) {
      return { ...pick(row), disabledNow: false, enabled: true };
    }
    const reason = `disabled after ${row.consecutiveFailures} consecutive connection failures; last: ${failure.kind}: ${message}`;
    await tx
      .update(mailboxes)
      .set({ enabled: false, disabledReason: reason, updatedAt: at })
      .where(eq(mailboxes.id, mailboxId));
    await tx.insert(outbox).values({
      tenantId: row.tenantId,
      type: MAILBOX_DISABLED_EVENT,
      priority: eventPriority(MAILBOX_DISABLED_EVENT),
      payload: {
        type: MAILBOX_DISABLED_EVENT,
        tenantId: row.tenantId,
        mailboxId,
        name: row.name,
        host: row.host,
        port: row.port,
        username: row.username,
        consecutiveFailures: row.consecutiveFailures,
        failureKind: failure.kind,
        lastError: message,
        disabledAt: at.toISOString(),
      },
    });
    return { ...pick(row), disabledNow: true, enabled: false };
  });
}

/**
 * A successful poll: the failure streak ends. `updated_at` is left alone here and in the failure count: it marks
 * changes of the settings (the IDLE watchers reopen their connection when it moves), not of the poll bookkeeping.
 */
export async function recordMailboxSuccess(db: Executor, mailboxId: string, at: Date = new Date()): Promise<void> {
  await db
    .update(mailboxes)
    .set({ consecutiveFailures: 0, lastError: null, lastPollAt: at, lastSuccessAt: at })
    .where(eq(mailboxes.id, mailboxId));
}

function pick(row: { consecutiveFailures: number; maxConsecutiveFailures: number }) {
  return { consecutiveFailures: row.consecutiveFailures, maxConsecutiveFailures: row.maxConsecutiveFailures };
}

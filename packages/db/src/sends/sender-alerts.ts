/**
 * Sender-side incidents (our mail rejected by a receiving domain): listing and resolving.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { senderAlerts } from '../schema.js';

export type SenderAlert = typeof senderAlerts.$inferSelect;

/** Sender-side incidents (a provider rejecting us), open ones first. */
export async function listSenderAlerts(
  db: Executor,
  tenantId: string,
  filter: { openOnly?: boolean } = {},
): Promise<SenderAlert[]> {
  return db
    .select()
    .from(senderAlerts)
    .where(
      and(eq(senderAlerts.tenantId, tenantId), filter.openOnly ? sql`${senderAlerts.resolvedAt} is null` : undefined),
    )
    .orderBy(desc(senderAlerts.lastSeenAt));
}

/** Marks a sender-side incident resolved; the next rejection of that kind opens a new one. */
export async function resolveSenderAlert(db: Executor, tenantId: string, alertId: string): Promise<boolean> {
  const rows = await db
    .update(senderAlerts)
    .set({ resolvedAt: sql`now()` })
    .where(
      and(eq(senderAlerts.tenantId, tenantId), eq(senderAlerts.id, alertId), sql`${senderAlerts.resolvedAt} is null`),
    )
    .returning({ id: senderAlerts.id });
  return rows.length > 0;
}

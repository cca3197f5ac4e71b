/**
 * Watched sending setups (issue 19): a tenant's `POST /v1/sender-checks` request kept per domain, rechecked on a
 * schedule; when a check's result changes, `sender_setup.changed` is written to the outbox with the new report in
 * the same transaction. The report and the comparison come from the caller (@bounce/sender-health): opaque JSON here.
 * The notification worker's `check-setups` tick runs the checks; the API's `/v1/sender-health/setups` manages them.
 */
import { eventPriority } from '@bounce/events';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { outbox, senderSetupChecks } from '../schema.js';
import { inTransaction, queryRows, uuidArray } from '../sql/sql-util.js';

export type SenderSetupCheck = typeof senderSetupChecks.$inferSelect;

/** A tenant already watches the most setups it may; the domain was not added. */
export class SenderSetupLimitError extends Error {
  constructor(readonly limit: number) {
    super(`at most ${limit} sending setups are watched per tenant`);
    this.name = 'SenderSetupLimitError';
  }
}

/**
 * Starts (or updates) watching a domain's setup; the first check is due at once. With `maxPerTenant`, a new domain
 * beyond that many throws SenderSetupLimitError (a watched one is still replaced). The count and the insert run under
 * a transaction-scoped advisory lock on the tenant, so concurrent requests (any process) cannot pass the cap together.
 */
export async function watchSenderSetup(
  db: Executor,
  tenantId: string,
  input: { domain: string; request: Record<string, unknown> },
  options: { maxPerTenant?: number } = {},
): Promise<SenderSetupCheck> {
  const domain = input.domain.trim().toLowerCase();
  return inTransaction(db, async (tx) => {
    if (options.maxPerTenant !== undefined) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sender-setup-checks:${tenantId}`}))`);
      const [others] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from sender_setup_checks where tenant_id = ${tenantId} and domain <> ${domain}`,
      );
      if ((others?.n ?? 0) >= options.maxPerTenant) throw new SenderSetupLimitError(options.maxPerTenant);
    }
    const [row] = await tx
      .insert(senderSetupChecks)
      .values({ tenantId, domain, request: input.request, nextCheckAt: new Date() })
      .onConflictDoUpdate({
        target: [senderSetupChecks.tenantId, senderSetupChecks.domain],
        set: { request: input.request, nextCheckAt: new Date() },
      })
      .returning();
    if (!row) throw new Error(`watching ${domain} stored nothing`);
    return row;
  });
}

export async function unwatchSenderSetup(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(senderSetupChecks)
    .where(and(eq(senderSetupChecks.tenantId, tenantId), eq(senderSetupChecks.id, id)))
    .returning({ id: senderSetupChecks.id });
  return rows.length > 0;
}

export async function listSenderSetupChecks(db: Executor, tenantId: string): Promise<SenderSetupCheck[]> {
  return db
    .select()
    .from(senderSetupChecks)
    .where(eq(senderSetupChecks.tenantId, tenantId))
    .orderBy(asc(senderSetupChecks.domain));
}

export async function getSenderSetupCheck(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<SenderSetupCheck | null> {
  const [row] = await db
    .select()
    .from(senderSetupChecks)
    .where(and(eq(senderSetupChecks.tenantId, tenantId), eq(senderSetupChecks.id, id)));
  return row ?? null;
}

/** Claims due setups (any tenant) and moves their next check in the same statement (SKIP LOCKED: shared work). */
export async function claimDueSenderSetupChecks(
  db: Executor,
  options: { now: Date; nextCheckAt: Date; limit: number },
): Promise<SenderSetupCheck[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update sender_setup_checks c set next_check_at = ${options.nextCheckAt.toISOString()}::timestamptz
      where c.id in (
        select id from sender_setup_checks where next_check_at <= ${options.now.toISOString()}::timestamptz
        order by next_check_at limit ${options.limit} for update skip locked)
      returning c.id`,
  );
  if (rows.length === 0) return [];
  return db
    .select()
    .from(senderSetupChecks)
    .where(sql`${senderSetupChecks.id} = any(${uuidArray(rows.map((r) => r.id))})`);
}

/**
 * Stores a new report; with `changes` (the checks whose status changed since the stored report) and a stored report
 * to compare with, `sender_setup.changed` is written in the same transaction. Returns whether an event was written.
 */
export async function recordSenderSetupReport(
  db: Executor,
  tenantId: string,
  id: string,
  update: {
    report: Record<string, unknown>;
    status: string;
    changes: readonly { key: string; from: string | null; to: string | null }[];
    checkedAt: Date;
    /** Moves the next check (the API's baseline: one interval on, so the worker does not repeat it at once). */
    nextCheckAt?: Date;
  },
): Promise<{ stored: boolean; announced: boolean }> {
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select({ report: senderSetupChecks.report, domain: senderSetupChecks.domain })
      .from(senderSetupChecks)
      .where(and(eq(senderSetupChecks.tenantId, tenantId), eq(senderSetupChecks.id, id)))
      .for('update');
    if (!before) return { stored: false, announced: false };
    await tx
      .update(senderSetupChecks)
      .set({
        report: update.report,
        status: update.status,
        lastCheckedAt: update.checkedAt,
        ...(update.nextCheckAt ? { nextCheckAt: update.nextCheckAt } : {}),
      })
      .where(eq(senderSetupChecks.id, id));
    const announce = before.report !== null && update.changes.length > 0;
    if (announce) {
      await tx.insert(outbox).values({
        tenantId,
        type: 'sender_setup.changed',
        priority: eventPriority('sender_setup.changed'),
        payload: {
          type: 'sender_setup.changed',
          tenantId,
          setupCheckId: id,
          domain: before.domain,
          status: update.status,
          changes: update.changes,
          report: update.report,
        },
      });
    }
    return { stored: true, announced: announce };
  });
}

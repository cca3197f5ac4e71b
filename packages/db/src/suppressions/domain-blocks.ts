/**
 * Domain-wide blocks (every address at a dead domain). Kept as one row per domain rather than rewriting every
 * address row: a domain may hold 100,000 contacts, the block must be instant and reversible in one step, and
 * canSend checks it alongside the address state (reason 'domain').
 */

import { normalizeDomain } from '@bounce/rules';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { insertAuditRows, insertOutboxEvents } from '../outbox/outbox-events.js';
import { domainBlocks } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { inTransaction } from '../sql/sql-util.js';

export type DomainBlock = typeof domainBlocks.$inferSelect;

export type DomainOpResult = { domain: string; changed: boolean; auditId: number | null };

function domainOrThrow(domain: string): string {
  const d = normalizeDomain(domain.replace(/^@/, ''));
  if (!d?.includes('.')) throw new StoreError('invalid-input', 'invalid domain');
  return d;
}

export async function blockDomain(
  db: Executor,
  tenantId: string,
  domain: string,
  options: { actor: string; reason: string; revertsId?: number | null },
): Promise<DomainOpResult> {
  const d = domainOrThrow(domain);
  if (!options.reason.trim()) throw new StoreError('invalid-input', 'a domain block needs a reason');
  return inTransaction(db, async (tx) => {
    const rows = await tx
      .insert(domainBlocks)
      .values({ tenantId, domain: d, reason: options.reason.trim(), createdBy: options.actor })
      .onConflictDoNothing()
      .returning();
    const row = rows[0];
    if (!row) return { domain: d, changed: false, auditId: null };
    const snapshot = {
      domain: d,
      reason: row.reason,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
    };
    const [auditId] = await insertAuditRows(tx, tenantId, [
      {
        address: null,
        action: 'domain-block',
        actor: options.actor,
        rule: 'manual',
        reason: options.reason.trim(),
        before: null,
        after: snapshot,
        evidence: null,
        revertsId: options.revertsId ?? null,
      },
    ]);
    await insertOutboxEvents(tx, tenantId, [
      { type: 'domain.blocked', address: null, payload: { ...snapshot, actor: options.actor } },
    ]);
    return { domain: d, changed: true, auditId: auditId ?? null };
  });
}

export async function unblockDomain(
  db: Executor,
  tenantId: string,
  domain: string,
  options: { actor: string; reason: string; revertsId?: number | null },
): Promise<DomainOpResult> {
  const d = domainOrThrow(domain);
  return inTransaction(db, async (tx) => {
    const rows = await tx
      .delete(domainBlocks)
      .where(and(eq(domainBlocks.tenantId, tenantId), eq(domainBlocks.domain, d)))
      .returning();
    const row = rows[0];
    if (!row) return { domain: d, changed: false, auditId: null };
    const snapshot = {
      domain: d,
      reason: row.reason,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
    };
    const [auditId] = await insertAuditRows(tx, tenantId, [
      {
        address: null,
        action: 'domain-unblock',
        actor: options.actor,
        rule: 'manual',
        reason: options.reason,
        before: snapshot,
        after: null,
        evidence: null,
        revertsId: options.revertsId ?? null,
      },
    ]);
    await insertOutboxEvents(tx, tenantId, [
      {
        type: 'domain.unblocked',
        address: null,
        payload: { ...snapshot, actor: options.actor, reason: options.reason },
      },
    ]);
    return { domain: d, changed: true, auditId: auditId ?? null };
  });
}

export async function listDomainBlocks(db: Executor, tenantId: string): Promise<DomainBlock[]> {
  return db.select().from(domainBlocks).where(eq(domainBlocks.tenantId, tenantId)).orderBy(domainBlocks.domain);
}

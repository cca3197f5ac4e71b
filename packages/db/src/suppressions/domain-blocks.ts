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

type DomainOpOptions = { actor: string; reason: string; revertsId?: number | null };

/**
 * Records one domain block or unblock: the audit row (before/after snapshots, so it can be undone) and its
 * outbox event, in the caller's transaction.
 */
async function recordDomainChange(
  tx: Executor,
  tenantId: string,
  row: DomainBlock,
  change: 'block' | 'unblock',
  options: DomainOpOptions,
  reason: string,
): Promise<DomainOpResult> {
  const snapshot = {
    domain: row.domain,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
  const blocked = change === 'block';
  const [auditId] = await insertAuditRows(tx, tenantId, [
    {
      address: null,
      action: blocked ? 'domain-block' : 'domain-unblock',
      actor: options.actor,
      rule: 'manual',
      reason,
      before: blocked ? null : snapshot,
      after: blocked ? snapshot : null,
      evidence: null,
      revertsId: options.revertsId ?? null,
    },
  ]);
  // The block event carries the block's own reason (in the snapshot); the unblock event adds why it was lifted.
  const payload = blocked ? { ...snapshot, actor: options.actor } : { ...snapshot, actor: options.actor, reason };
  await insertOutboxEvents(tx, tenantId, [
    { type: blocked ? 'domain.blocked' : 'domain.unblocked', address: null, payload },
  ]);
  return { domain: row.domain, changed: true, auditId: auditId ?? null };
}

export async function blockDomain(
  db: Executor,
  tenantId: string,
  domain: string,
  options: DomainOpOptions,
): Promise<DomainOpResult> {
  const d = domainOrThrow(domain);
  const reason = options.reason.trim();
  if (!reason) throw new StoreError('invalid-input', 'a domain block needs a reason');
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(domainBlocks)
      .values({ tenantId, domain: d, reason, createdBy: options.actor })
      .onConflictDoNothing()
      .returning();
    if (!row) return { domain: d, changed: false, auditId: null };
    return recordDomainChange(tx, tenantId, row, 'block', options, reason);
  });
}

export async function unblockDomain(
  db: Executor,
  tenantId: string,
  domain: string,
  options: DomainOpOptions,
): Promise<DomainOpResult> {
  const d = domainOrThrow(domain);
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .delete(domainBlocks)
      .where(and(eq(domainBlocks.tenantId, tenantId), eq(domainBlocks.domain, d)))
      .returning();
    if (!row) return { domain: d, changed: false, auditId: null };
    return recordDomainChange(tx, tenantId, row, 'unblock', options, options.reason);
  });
}

export async function listDomainBlocks(db: Executor, tenantId: string): Promise<DomainBlock[]> {
  return db.select().from(domainBlocks).where(eq(domainBlocks.tenantId, tenantId)).orderBy(domainBlocks.domain);
}

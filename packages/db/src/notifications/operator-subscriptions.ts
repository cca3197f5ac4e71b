/**
 * Operators who get e-mail for chosen events. The notify worker filters by type (exact or prefix) and priority in
 * code; the API manages the rows. E-mail addresses are validated by the caller.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { operatorSubscriptions } from '../schema.js';

export type OperatorSubscription = typeof operatorSubscriptions.$inferSelect;

export type NewOperatorSubscription = {
  tenantId: string;
  email: string;
  /** Empty = every event. Entries are exact types or prefixes like `address.*`. */
  eventTypes?: string[];
  /** normal = all events (default), high = high-priority events only. */
  minPriority?: 'normal' | 'high';
  /** Default true. */
  enabled?: boolean;
};

export type OperatorSubscriptionPatch = Partial<Omit<NewOperatorSubscription, 'tenantId'>>;

export async function createOperatorSubscription(
  db: Executor,
  input: NewOperatorSubscription,
): Promise<OperatorSubscription> {
  const [row] = await db
    .insert(operatorSubscriptions)
    .values({
      tenantId: input.tenantId,
      email: input.email.trim(),
      eventTypes: input.eventTypes ?? [],
      minPriority: input.minPriority ?? 'normal',
      enabled: input.enabled ?? true,
    })
    .returning();
  return row!;
}

export async function getOperatorSubscription(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<OperatorSubscription | null> {
  const [row] = await db
    .select()
    .from(operatorSubscriptions)
    .where(and(eq(operatorSubscriptions.tenantId, tenantId), eq(operatorSubscriptions.id, id)))
    .limit(1);
  return row ?? null;
}

export async function listOperatorSubscriptions(db: Executor, tenantId: string): Promise<OperatorSubscription[]> {
  return db
    .select()
    .from(operatorSubscriptions)
    .where(eq(operatorSubscriptions.tenantId, tenantId))
    .orderBy(asc(operatorSubscriptions.createdAt), asc(operatorSubscriptions.id));
}

export async function listEnabledOperatorSubscriptions(
  db: Executor,
  tenantId: string,
): Promise<OperatorSubscription[]> {
  return db
    .select()
    .from(operatorSubscriptions)
    .where(and(eq(operatorSubscriptions.tenantId, tenantId), eq(operatorSubscriptions.enabled, true)));
}

export async function updateOperatorSubscription(
  db: Executor,
  tenantId: string,
  id: string,
  patch: OperatorSubscriptionPatch,
): Promise<OperatorSubscription | null> {
  const set: Partial<typeof operatorSubscriptions.$inferInsert> = {};
  if (patch.email !== undefined) set.email = patch.email.trim();
  if (patch.eventTypes !== undefined) set.eventTypes = patch.eventTypes;
  if (patch.minPriority !== undefined) set.minPriority = patch.minPriority;
  if (patch.enabled !== undefined) set.enabled = patch.enabled;
  if (Object.keys(set).length === 0) return getOperatorSubscription(db, tenantId, id);
  const [row] = await db
    .update(operatorSubscriptions)
    .set(set)
    .where(and(eq(operatorSubscriptions.tenantId, tenantId), eq(operatorSubscriptions.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteOperatorSubscription(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(operatorSubscriptions)
    .where(and(eq(operatorSubscriptions.tenantId, tenantId), eq(operatorSubscriptions.id, id)))
    .returning({ id: operatorSubscriptions.id });
  return rows.length > 0;
}

import { eq } from 'drizzle-orm';
import type { Executor } from './client.js';
import { tenants } from './schema.js';
import { StoreError } from './sql/errors.js';

export type Tenant = typeof tenants.$inferSelect;

/** Operator-chosen slug: lower-case letters, digits, dashes; it appears in URLs and queue names. */
const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export async function createTenant(db: Executor, input: { id: string; name: string }): Promise<Tenant> {
  if (!TENANT_ID_PATTERN.test(input.id)) {
    throw new StoreError('invalid-input', `tenant id must match ${TENANT_ID_PATTERN}`);
  }
  const rows = await db.insert(tenants).values(input).onConflictDoNothing().returning();
  const row = rows[0];
  if (!row) throw new StoreError('conflict', `tenant ${input.id} already exists`);
  return row;
}

export async function getTenant(db: Executor, id: string): Promise<Tenant | null> {
  const rows = await db.select().from(tenants).where(eq(tenants.id, id));
  return rows[0] ?? null;
}

export async function listTenants(db: Executor): Promise<Tenant[]> {
  return db.select().from(tenants).orderBy(tenants.id);
}

/**
 * Operator accounts of the console: people, each in one tenant, with a role. The store keeps the password hash it
 * is given (hashing is the API's job, with argon2id) and the per-account sign-in lock-out state.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ApiKeyScope } from '../api-keys.js';
import type { Executor } from '../client.js';
import { operatorAccounts, operatorSessions } from '../schema.js';
import { StoreError } from '../sql/errors.js';

export const OPERATOR_ROLES = ['viewer', 'operator', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Roles grant the API's scopes: a person can do exactly what a key with that scope can. */
export const ROLE_SCOPES: Record<OperatorRole, ApiKeyScope> = { viewer: 'read', operator: 'write', admin: 'admin' };

/** An account as the API shows it: never the password hash. */
export type OperatorAccount = {
  id: string;
  tenantId: string;
  email: string;
  name: string | null;
  role: OperatorRole;
  lastSignInAt: Date | null;
  passwordChangedAt: Date;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const accountColumns = {
  id: operatorAccounts.id,
  tenantId: operatorAccounts.tenantId,
  email: operatorAccounts.email,
  name: operatorAccounts.name,
  role: operatorAccounts.role,
  lastSignInAt: operatorAccounts.lastSignInAt,
  passwordChangedAt: operatorAccounts.passwordChangedAt,
  disabledAt: operatorAccounts.disabledAt,
  lockedUntil: operatorAccounts.lockedUntil,
  createdAt: operatorAccounts.createdAt,
  updatedAt: operatorAccounts.updatedAt,
};

/** Sign-in e-mails compare trimmed and case-insensitively. */
export function normalizeOperatorEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createOperatorAccount(
  db: Executor,
  input: { tenantId: string; email: string; name?: string | null; role: OperatorRole; passwordHash: string },
): Promise<OperatorAccount> {
  const rows = await db
    .insert(operatorAccounts)
    .values({
      tenantId: input.tenantId,
      email: normalizeOperatorEmail(input.email),
      name: input.name ?? null,
      role: input.role,
      passwordHash: input.passwordHash,
    })
    .onConflictDoNothing({ target: operatorAccounts.email })
    .returning(accountColumns);
  const row = rows[0];
  if (!row) throw new StoreError('conflict', `an operator account with e-mail ${input.email} already exists`);
  return row;
}

export async function listOperatorAccounts(db: Executor, tenantId: string): Promise<OperatorAccount[]> {
  return db
    .select(accountColumns)
    .from(operatorAccounts)
    .where(eq(operatorAccounts.tenantId, tenantId))
    .orderBy(asc(operatorAccounts.email));
}

export async function getOperatorAccount(db: Executor, tenantId: string, id: string): Promise<OperatorAccount | null> {
  const [row] = await db
    .select(accountColumns)
    .from(operatorAccounts)
    .where(and(eq(operatorAccounts.tenantId, tenantId), eq(operatorAccounts.id, id)));
  return row ?? null;
}

export async function countOperatorAccounts(db: Executor, tenantId?: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(operatorAccounts)
    .where(tenantId ? eq(operatorAccounts.tenantId, tenantId) : undefined);
  return row?.n ?? 0;
}

/** What sign-in needs: the hash and the lock-out state, by e-mail (any tenant: e-mails are unique). */
export type OperatorCredentials = OperatorAccount & { passwordHash: string; failedSignIns: number };

export async function findOperatorCredentials(db: Executor, email: string): Promise<OperatorCredentials | null> {
  const [row] = await db
    .select({
      ...accountColumns,
      passwordHash: operatorAccounts.passwordHash,
      failedSignIns: operatorAccounts.failedSignIns,
    })
    .from(operatorAccounts)
    .where(eq(operatorAccounts.email, normalizeOperatorEmail(email)));
  return row ?? null;
}

export async function getOperatorPasswordHash(db: Executor, tenantId: string, id: string): Promise<string | null> {
  const [row] = await db
    .select({ passwordHash: operatorAccounts.passwordHash })
    .from(operatorAccounts)
    .where(and(eq(operatorAccounts.tenantId, tenantId), eq(operatorAccounts.id, id)));
  return row?.passwordHash ?? null;
}

/**
 * Records a refused password: the count goes up atomically (concurrent guesses each count) and, from `freeTries`
 * failures on, the account is locked for a time that doubles with every further failure, up to `maxLockMs`.
 */
export async function recordFailedSignIn(
  db: Executor,
  id: string,
  policy: { freeTries: number; baseLockMs: number; maxLockMs: number },
): Promise<{ failedSignIns: number; lockedUntil: Date | null }> {
  const [row] = await db
    .update(operatorAccounts)
    .set({
      failedSignIns: sql`${operatorAccounts.failedSignIns} + 1`,
      lockedUntil: sql`case when ${operatorAccounts.failedSignIns} + 1 >= ${policy.freeTries}
        then now() + least(${policy.maxLockMs}::bigint,
          ${policy.baseLockMs}::bigint * power(2, least(20, ${operatorAccounts.failedSignIns} + 1 - ${policy.freeTries}))::bigint
        ) * interval '1 millisecond'
        else ${operatorAccounts.lockedUntil} end`,
    })
    .where(eq(operatorAccounts.id, id))
    .returning({ failedSignIns: operatorAccounts.failedSignIns, lockedUntil: operatorAccounts.lockedUntil });
  return row ?? { failedSignIns: 0, lockedUntil: null };
}

export async function recordSuccessfulSignIn(db: Executor, id: string): Promise<void> {
  await db
    .update(operatorAccounts)
    .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: sql`now()` })
    .where(eq(operatorAccounts.id, id));
}

export type OperatorAccountPatch = {
  name?: string | null;
  role?: OperatorRole;
  disabled?: boolean;
  passwordHash?: string;
};

/**
 * Changes an account. A new password, a role change or disabling ends the account's sessions (in the same
 * transaction): whoever holds an old cookie must sign in again under the new terms. The last enabled admin of a
 * tenant cannot be demoted or disabled, so a tenant never locks itself out of its own console.
 */
export async function updateOperatorAccount(
  db: Executor,
  tenantId: string,
  id: string,
  patch: OperatorAccountPatch,
  options: { keepSessionId?: string } = {},
): Promise<OperatorAccount> {
  return db.transaction(async (tx) => {
    // Serialise admin changes of one tenant: two admins demoting each other at once cannot both succeed.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`operator-accounts:${tenantId}`}))`);
    const current = await getOperatorAccount(tx, tenantId, id);
    if (!current) throw new StoreError('not-found', `operator account ${id} not found`);
    const losesAdmin =
      current.role === 'admin' &&
      current.disabledAt === null &&
      ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin) await refuseLosingLastAdmin(tx, tenantId, id);
    const set: Partial<typeof operatorAccounts.$inferInsert> = { updatedAt: new Date() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.disabled !== undefined) set.disabledAt = patch.disabled ? (current.disabledAt ?? new Date()) : null;
    if (patch.passwordHash !== undefined) {
      set.passwordHash = patch.passwordHash;
      set.passwordChangedAt = new Date();
      set.failedSignIns = 0;
      set.lockedUntil = null;
    }
    const [row] = await tx
      .update(operatorAccounts)
      .set(set)
      .where(and(eq(operatorAccounts.tenantId, tenantId), eq(operatorAccounts.id, id)))
      .returning(accountColumns);
    const endsSessions =
      patch.passwordHash !== undefined ||
      patch.disabled === true ||
      (patch.role !== undefined && patch.role !== current.role);
    if (endsSessions) {
      await tx
        .delete(operatorSessions)
        .where(
          and(
            eq(operatorSessions.accountId, id),
            options.keepSessionId ? sql`${operatorSessions.id} <> ${options.keepSessionId}` : undefined,
          ),
        );
    }
    return row as OperatorAccount;
  });
}

/** Deletes an account (its sessions go with it); the last enabled admin stays. */
export async function deleteOperatorAccount(db: Executor, tenantId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`operator-accounts:${tenantId}`}))`);
    const current = await getOperatorAccount(tx, tenantId, id);
    if (!current) return false;
    if (current.role === 'admin' && current.disabledAt === null) await refuseLosingLastAdmin(tx, tenantId, id);
    const rows = await tx
      .delete(operatorAccounts)
      .where(and(eq(operatorAccounts.tenantId, tenantId), eq(operatorAccounts.id, id)))
      .returning({ id: operatorAccounts.id });
    return rows.length > 0;
  });
}

/** Refuses a change that would leave the tenant without an enabled admin other than account `id`. */
async function refuseLosingLastAdmin(tx: Executor, tenantId: string, id: string): Promise<void> {
  const [other] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(operatorAccounts)
    .where(
      and(
        eq(operatorAccounts.tenantId, tenantId),
        eq(operatorAccounts.role, 'admin'),
        isNull(operatorAccounts.disabledAt),
        sql`${operatorAccounts.id} <> ${id}`,
      ),
    );
  if ((other?.n ?? 0) === 0) {
    throw new StoreError('conflict', 'this is the last enabled admin of the tenant; make another admin first');
  }
}

/**
 * Console sessions: a random token in an httpOnly cookie, stored as SHA-256 only (a stolen database does not yield
 * usable cookies), with an idle and an absolute lifetime, and the CSRF synchronizer token of the session.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { operatorAccounts, operatorSessions } from '../schema.js';
import type { OperatorRole } from './accounts.js';

/** last_seen_at is refreshed at most this often per session: a write per request would be a hot row. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type SessionLifetime = {
  /** Ends after this long without a request. */
  idleMs: number;
  /** Ends this long after sign-in whatever happens. */
  absoluteMs: number;
};

export type NewSession = { token: string; id: string; csrfToken: string; expiresAt: Date };

export async function createOperatorSession(
  db: Executor,
  input: { accountId: string; tenantId: string; userAgent?: string | null; ip?: string | null },
  lifetime: SessionLifetime,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const id = hashSessionToken(token);
  const expiresAt = new Date(Date.now() + lifetime.absoluteMs);
  await db.insert(operatorSessions).values({
    id,
    accountId: input.accountId,
    tenantId: input.tenantId,
    csrfToken,
    expiresAt,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
    ip: input.ip ?? null,
  });
  // Expired sessions of anyone are swept on the way (cheap with the expires index), so the table stays small.
  await db.delete(operatorSessions).where(lt(operatorSessions.expiresAt, new Date()));
  return { token, id, csrfToken, expiresAt };
}

export type VerifiedSession = {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  account: { id: string; tenantId: string; email: string; name: string | null; role: OperatorRole };
};

/**
 * The session of a cookie token when it exists, is within both lifetimes and its account is enabled; else null.
 * Never throws on a malformed token.
 */
export async function verifyOperatorSession(
  db: Executor,
  token: string,
  lifetime: SessionLifetime,
): Promise<VerifiedSession | null> {
  if (token.length === 0 || token.length > 200) return null;
  const id = hashSessionToken(token);
  const now = new Date();
  const [row] = await db
    .select({
      id: operatorSessions.id,
      csrfToken: operatorSessions.csrfToken,
      expiresAt: operatorSessions.expiresAt,
      lastSeenAt: operatorSessions.lastSeenAt,
      accountId: operatorAccounts.id,
      tenantId: operatorAccounts.tenantId,
      email: operatorAccounts.email,
      name: operatorAccounts.name,
      role: operatorAccounts.role,
    })
    .from(operatorSessions)
    .innerJoin(operatorAccounts, eq(operatorAccounts.id, operatorSessions.accountId))
    .where(
      and(
        eq(operatorSessions.id, id),
        gt(operatorSessions.expiresAt, now),
        gt(operatorSessions.lastSeenAt, new Date(now.getTime() - lifetime.idleMs)),
        isNull(operatorAccounts.disabledAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db
      .update(operatorSessions)
      .set({ lastSeenAt: now })
      .where(
        and(
          eq(operatorSessions.id, id),
          lt(operatorSessions.lastSeenAt, new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS)),
        ),
      );
  }
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    account: { id: row.accountId, tenantId: row.tenantId, email: row.email, name: row.name, role: row.role },
  };
}

export async function deleteOperatorSession(db: Executor, id: string): Promise<void> {
  await db.delete(operatorSessions).where(eq(operatorSessions.id, id));
}

/** Number of live sessions per account (for the accounts list). */
export async function countLiveSessions(db: Executor, tenantId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ accountId: operatorSessions.accountId, n: sql<number>`count(*)::int` })
    .from(operatorSessions)
    .where(and(eq(operatorSessions.tenantId, tenantId), gt(operatorSessions.expiresAt, new Date())))
    .groupBy(operatorSessions.accountId);
  return new Map(rows.map((r) => [r.accountId, r.n]));
}

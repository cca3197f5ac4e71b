/**
 * Plain single-table queries the API needs that @bounce/db does not offer (yet): one bounce by id, the raw message
 * behind it, and listing/revoking API keys. No rules or state logic lives here; each is one tenant-scoped statement,
 * and they belong in @bounce/db next to their siblings (listBounces, createApiKey) when its owner adds them.
 */
import { apiKeys, type BounceRecord, bounces, type Executor, hashApiKey, rawMessages } from '@bounce/db';
import { and, asc, eq, isNull } from 'drizzle-orm';

export async function getBounce(db: Executor, tenantId: string, id: string): Promise<BounceRecord | null> {
  const [row] = await db
    .select()
    .from(bounces)
    .where(and(eq(bounces.tenantId, tenantId), eq(bounces.id, id)))
    .limit(1);
  return row ?? null;
}

export type RawMessageContent = { id: string; size: number; receivedAt: Date; content: Buffer };

export async function getRawMessageContent(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<RawMessageContent | null> {
  const [row] = await db
    .select({
      id: rawMessages.id,
      size: rawMessages.size,
      receivedAt: rawMessages.receivedAt,
      content: rawMessages.content,
    })
    .from(rawMessages)
    .where(and(eq(rawMessages.tenantId, tenantId), eq(rawMessages.id, id)))
    .limit(1);
  return row ? { ...row, content: Buffer.from(row.content) } : null;
}

export type ApiKeyListing = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Keys of a tenant (never the hash), oldest first. */
export async function listApiKeys(db: Executor, tenantId: string): Promise<ApiKeyListing[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, tenantId))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}

/** Revokes a key of the tenant; true if it was active. A revoked key fails verifyApiKey from the next request on. */
export async function revokeApiKey(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/**
 * Stores a key the operator chose (BOOTSTRAP_ADMIN_KEY) unless its hash is already there, revoked or not: a
 * revoked bootstrap key stays revoked across restarts. True when it was inserted now.
 */
export async function ensureApiKey(
  db: Executor,
  input: { tenantId: string; name: string; key: string; scopes: string[] },
): Promise<boolean> {
  const rows = await db
    .insert(apiKeys)
    .values({
      tenantId: input.tenantId,
      name: input.name,
      // Same display prefix length as generated keys ("bk_" + 8), whatever the key looks like.
      prefix: input.key.slice(0, 11),
      keyHash: hashApiKey(input.key),
      scopes: input.scopes,
    })
    .onConflictDoNothing({ target: apiKeys.keyHash })
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

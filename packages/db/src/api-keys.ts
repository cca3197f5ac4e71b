/**
 * API keys: generated once, shown once, stored as SHA-256 only. The queue dashboard uses them now and the HTTP API
 * (per-tenant keys with scopes) later, through the same `verifyApiKey`.
 *
 * A plain SHA-256 (not bcrypt/scrypt) is right here: the keys are 256 random bits, so there is nothing to
 * brute-force, and the hash is looked up through a unique index on every request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from './client.js';
import { apiKeys } from './schema.js';

export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Every key starts with this, so a leaked key is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = 'bk_';
/** Characters of the key kept in clear as `prefix` to tell keys apart in listings ("bk_" + 8). */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
/** last_used_at is refreshed at most this often per key: a write per request would be a hot row. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export type GeneratedApiKey = { key: string; prefix: string; keyHash: string };

/** A new random key (32 bytes, base64url) with its display prefix and hash. */
export function generateApiKey(): GeneratedApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), keyHash: hashApiKey(key) };
}

export type VerifiedApiKey = { id: string; tenantId: string; name: string; prefix: string; scopes: ApiKeyScope[] };

/** Creates a key for a tenant; the plaintext is returned here and never again. */
export async function createApiKey(
  db: Executor,
  input: { tenantId: string; name: string; scopes: readonly ApiKeyScope[] },
): Promise<VerifiedApiKey & { key: string }> {
  const generated = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      tenantId: input.tenantId,
      name: input.name,
      prefix: generated.prefix,
      keyHash: generated.keyHash,
      scopes: [...input.scopes],
    })
    .returning({ id: apiKeys.id });
  return {
    id: row!.id,
    tenantId: input.tenantId,
    name: input.name,
    prefix: generated.prefix,
    scopes: [...input.scopes],
    key: generated.key,
  };
}

/**
 * Stores a key the operator chose (e.g. BOOTSTRAP_ADMIN_KEY, injected by an orchestrator) unless its hash is already
 * there, revoked or not: a revoked operator-chosen key stays revoked across restarts. True when it was inserted now.
 * Concurrent calls with the same key insert it once (unique index on the hash).
 */
export async function ensureApiKey(
  db: Executor,
  input: { tenantId: string; name: string; key: string; scopes: readonly ApiKeyScope[] },
): Promise<boolean> {
  const rows = await db
    .insert(apiKeys)
    .values({
      tenantId: input.tenantId,
      name: input.name,
      // Same display prefix length as generated keys ("bk_" + 8), whatever the key looks like.
      prefix: input.key.slice(0, DISPLAY_PREFIX_LENGTH),
      keyHash: hashApiKey(input.key),
      scopes: [...input.scopes],
    })
    .onConflictDoNothing({ target: apiKeys.keyHash })
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/** A key as operators see it in listings: never the hash. */
export type ApiKeyListing = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Keys of a tenant (revoked ones included), oldest first. */
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

/**
 * Revokes a key of the tenant; true if it was active (false for an unknown id, another tenant's key, or a key
 * already revoked). A revoked key fails verifyApiKey from the next lookup on.
 */
export async function revokeApiKey(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/**
 * The key's identity and scopes when the presented key exists and is not revoked, else null. Never throws on a
 * malformed key (any string is hashed and simply not found). Refreshes last_used_at at most once a minute.
 */
export async function verifyApiKey(db: Executor, presentedKey: string): Promise<VerifiedApiKey | null> {
  if (presentedKey.length === 0 || presentedKey.length > 512) return null;
  const [row] = await db
    .select({
      id: apiKeys.id,
      tenantId: apiKeys.tenantId,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(presentedKey)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  const now = new Date();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, row.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
      ),
    );
  return { ...row, scopes: row.scopes.filter(isApiKeyScope) };
}

/** admin implies write implies read. */
export function hasScope(key: Pick<VerifiedApiKey, 'scopes'>, needed: ApiKeyScope): boolean {
  const rank = { read: 0, write: 1, admin: 2 } as const;
  return key.scopes.some((s) => rank[s] >= rank[needed]);
}

function isApiKeyScope(s: string): s is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(s);
}

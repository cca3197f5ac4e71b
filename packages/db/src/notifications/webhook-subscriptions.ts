/**
 * Webhook subscriptions: where a tenant wants its events, which ones, and the signing secrets (encrypted with
 * SecretBox by the caller; this module never sees a plaintext secret). URL validation (SSRF guard) and secret
 * generation live in @bounce/webhooks, which calls these queries.
 */
import { secretContext } from '@bounce/config';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { webhookSubscriptions } from '../schema.js';

export type WebhookSubscription = typeof webhookSubscriptions.$inferSelect;

/**
 * Where a subscription's secrets are stored (both columns: a rotation moves the current one to "previous" within
 * the row), bound into their ciphertexts so they decrypt in this row only.
 */
export function webhookSecretContext(id: string): string {
  return secretContext('webhook_subscriptions', id);
}

export type NewWebhookSubscription = {
  /** Chosen by the caller when the secret is encrypted before the insert (it is bound to the id). */
  id?: string;
  tenantId: string;
  url: string;
  /** Empty = every event. */
  eventTypes?: string[];
  secretEncrypted: string;
  description?: string | null;
  /** Default true. */
  enabled?: boolean;
  /** 1 = one POST per event, 2 = batches of events (WEBHOOKS.md). Default 1. */
  payloadVersion?: number;
};

export type WebhookSubscriptionPatch = {
  url?: string;
  eventTypes?: string[];
  description?: string | null;
  enabled?: boolean;
  payloadVersion?: number;
  /** A new signing secret that replaces the current one at once, with no previous one left signing. */
  replaceSecretEncrypted?: string;
};

export async function insertWebhookSubscription(
  db: Executor,
  input: NewWebhookSubscription,
): Promise<WebhookSubscription> {
  const [row] = await db
    .insert(webhookSubscriptions)
    .values({
      ...(input.id ? { id: input.id } : {}),
      tenantId: input.tenantId,
      url: input.url,
      eventTypes: input.eventTypes ?? [],
      secretEncrypted: input.secretEncrypted,
      description: input.description ?? null,
      enabled: input.enabled ?? true,
      payloadVersion: input.payloadVersion ?? 1,
    })
    .returning();
  return row!;
}

export async function getWebhookSubscription(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<WebhookSubscription | null> {
  const [row] = await db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.tenantId, tenantId), eq(webhookSubscriptions.id, id)))
    .limit(1);
  return row ?? null;
}

/** All subscriptions of a tenant, oldest first (a tenant has a handful; no paging needed). */
export async function listWebhookSubscriptions(db: Executor, tenantId: string): Promise<WebhookSubscription[]> {
  return db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.tenantId, tenantId))
    .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
}

/** The enabled subscriptions of a tenant: the fan-out filters them by event type in code (prefix filters). */
export async function listEnabledWebhookSubscriptions(db: Executor, tenantId: string): Promise<WebhookSubscription[]> {
  return db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.tenantId, tenantId), eq(webhookSubscriptions.enabled, true)));
}

export async function updateWebhookSubscription(
  db: Executor,
  tenantId: string,
  id: string,
  patch: WebhookSubscriptionPatch,
): Promise<WebhookSubscription | null> {
  const set: Partial<typeof webhookSubscriptions.$inferInsert> = { updatedAt: sql`now()` as unknown as Date };
  if (patch.url !== undefined) set.url = patch.url;
  if (patch.eventTypes !== undefined) set.eventTypes = patch.eventTypes;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.enabled !== undefined) set.enabled = patch.enabled;
  if (patch.payloadVersion !== undefined) set.payloadVersion = patch.payloadVersion;
  if (patch.replaceSecretEncrypted !== undefined) {
    set.secretEncrypted = patch.replaceSecretEncrypted;
    set.previousSecretEncrypted = null;
    set.previousSecretExpiresAt = null;
  }
  const [row] = await db
    .update(webhookSubscriptions)
    .set(set)
    .where(and(eq(webhookSubscriptions.tenantId, tenantId), eq(webhookSubscriptions.id, id)))
    .returning();
  return row ?? null;
}

/** Deletes a subscription and (by cascade) its deliveries and attempts. True if it existed. */
export async function deleteWebhookSubscription(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.tenantId, tenantId), eq(webhookSubscriptions.id, id)))
    .returning({ id: webhookSubscriptions.id });
  return rows.length > 0;
}

/**
 * Secret rotation: the current secret becomes the previous one (still used to sign until `previousExpiresAt`),
 * the new one becomes current. One statement, so two concurrent rotations cannot lose a secret: the second one
 * moves the first one's new secret to "previous".
 */
export async function rotateWebhookSubscriptionSecret(
  db: Executor,
  tenantId: string,
  id: string,
  next: { secretEncrypted: string; previousExpiresAt: Date },
): Promise<WebhookSubscription | null> {
  const [row] = await db
    .update(webhookSubscriptions)
    .set({
      previousSecretEncrypted: sql`${webhookSubscriptions.secretEncrypted}`,
      previousSecretExpiresAt: next.previousExpiresAt,
      secretEncrypted: next.secretEncrypted,
      updatedAt: sql`now()`,
    })
    .where(and(eq(webhookSubscriptions.tenantId, tenantId), eq(webhookSubscriptions.id, id)))
    .returning();
  return row ?? null;
}

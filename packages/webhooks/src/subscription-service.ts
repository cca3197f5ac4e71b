/**
 * Operations the API calls to manage webhook subscriptions and deliveries. They add what the plain queries in
 * @bounce/db leave out: the SSRF check of the URL, filter validation, secret generation and encryption, and the
 * queue side of a re-send. Plaintext secrets leave only as the return value of create/rotate (shown once).
 */
import { randomUUID } from 'node:crypto';
import type { SecretBox } from '@bounce/config';
import {
  type Executor,
  getWebhookSubscription,
  insertWebhookSubscription,
  markWebhookDeliveryForResend,
  revertWebhookDeliveryResend,
  rotateWebhookSubscriptionSecret,
  updateWebhookSubscription as updateSubscriptionRow,
  type WebhookDelivery,
  type WebhookSubscription,
  webhookSecretContext,
} from '@bounce/db';
import { enqueueWebhookResend, type WebhookDeliveryQueue } from './delivery-jobs.js';
import { eventFilterSchema } from './event-types.js';
import { WEBHOOK_BATCH_PAYLOAD_VERSION, type WebhookPayloadVersion } from './payload.js';
import { generateWebhookSecret } from './signature.js';
import { type UrlGuardOptions, validateWebhookUrl } from './url-guard.js';

export type WebhookServiceErrorCode = 'not-found' | 'conflict' | 'invalid-input';

/** Errors with a stable code for the API (not-found → 404, conflict → 409, invalid-input → 400/422). */
export class WebhookServiceError extends Error {
  override readonly name = 'WebhookServiceError';
  constructor(
    readonly code: WebhookServiceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A subscription as shown to operators: never any secret material. */
export type WebhookSubscriptionView = {
  id: string;
  tenantId: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  description: string | null;
  /** A previous secret still signs (rotation in progress) until this time; null when none is active. */
  previousSecretExpiresAt: Date | null;
  /** 1 = one POST per event, 2 = batches of events (WEBHOOKS.md). */
  payloadVersion: WebhookPayloadVersion;
  createdAt: Date;
  updatedAt: Date;
};

export type SubscriptionDeps = {
  db: Executor;
  secretBox: SecretBox;
  /** SSRF policy for URL checks (allowLoopback from WEBHOOK_ALLOW_LOOPBACK). */
  urlGuard?: UrlGuardOptions;
};

/** Default overlap during a rotation: the previous secret keeps signing for 24 h. */
export const DEFAULT_PREVIOUS_SECRET_TTL_MS = 24 * 3_600_000;

export function toWebhookSubscriptionView(sub: WebhookSubscription, now: Date = new Date()): WebhookSubscriptionView {
  const previousActive =
    sub.previousSecretEncrypted !== null && sub.previousSecretExpiresAt !== null && sub.previousSecretExpiresAt > now;
  return {
    id: sub.id,
    tenantId: sub.tenantId,
    url: sub.url,
    eventTypes: sub.eventTypes,
    enabled: sub.enabled,
    description: sub.description,
    previousSecretExpiresAt: previousActive ? sub.previousSecretExpiresAt : null,
    payloadVersion: sub.payloadVersion === WEBHOOK_BATCH_PAYLOAD_VERSION ? WEBHOOK_BATCH_PAYLOAD_VERSION : 1,
    createdAt: sub.createdAt,
    updatedAt: sub.updatedAt,
  };
}

/** The secrets that sign a delivery now: the current one, then the previous one until it expires. */
export function activeSigningSecrets(secretBox: SecretBox, sub: WebhookSubscription, now: Date = new Date()): string[] {
  const context = webhookSecretContext(sub.id);
  const secrets = [secretBox.decrypt(sub.secretEncrypted, context)];
  if (sub.previousSecretEncrypted && sub.previousSecretExpiresAt && sub.previousSecretExpiresAt > now) {
    secrets.push(secretBox.decrypt(sub.previousSecretEncrypted, context));
  }
  return secrets;
}

function parseFilter(eventTypes: unknown): string[] {
  const parsed = eventFilterSchema.safeParse(eventTypes);
  if (!parsed.success) {
    throw new WebhookServiceError(
      'invalid-input',
      `eventTypes: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return [...new Set(parsed.data)];
}

/**
 * Creates a subscription after checking the URL (SSRF guard, DNS included) and the filter. Returns the signing
 * secret in plaintext: the only time it is shown. Throws WebhookUrlError (code) for a refused URL.
 */
export async function createWebhookSubscription(
  deps: SubscriptionDeps,
  input: {
    tenantId: string;
    url: string;
    eventTypes?: string[];
    description?: string | null;
    enabled?: boolean;
    /** Default 1 (one POST per event). */
    payloadVersion?: WebhookPayloadVersion;
  },
): Promise<{ subscription: WebhookSubscriptionView; secret: string }> {
  const eventTypes = parseFilter(input.eventTypes ?? []);
  const { url } = await validateWebhookUrl(input.url, deps.urlGuard);
  const secret = generateWebhookSecret();
  // The id is chosen here: the secret's ciphertext is bound to it.
  const id = randomUUID();
  const row = await insertWebhookSubscription(deps.db, {
    id,
    tenantId: input.tenantId,
    url: url.toString(),
    eventTypes,
    secretEncrypted: deps.secretBox.encrypt(secret, webhookSecretContext(id)),
    description: input.description ?? null,
    enabled: input.enabled ?? true,
    payloadVersion: input.payloadVersion ?? 1,
  });
  return { subscription: toWebhookSubscriptionView(row), secret };
}

/**
 * Updates URL (checked again), filter, description or enabled. Throws not-found for another tenant's id.
 *
 * A new URL gets a new signing secret, returned this once as `secret`, and the old secret (and any previous one
 * still in its rotation window) stops signing at once: the secrets were issued for the old receiver, and whoever
 * re-points a subscription must not be able to collect bodies signed with them at a URL of their choosing.
 */
export async function updateWebhookSubscription(
  deps: SubscriptionDeps,
  tenantId: string,
  id: string,
  patch: {
    url?: string;
    eventTypes?: string[];
    description?: string | null;
    enabled?: boolean;
    payloadVersion?: WebhookPayloadVersion;
  },
): Promise<WebhookSubscriptionView & { secret?: string }> {
  const current = await getWebhookSubscription(deps.db, tenantId, id);
  if (!current) throw new WebhookServiceError('not-found', `webhook subscription ${id} not found`);
  const next: Parameters<typeof updateSubscriptionRow>[3] = {};
  if (patch.eventTypes !== undefined) next.eventTypes = parseFilter(patch.eventTypes);
  if (patch.url !== undefined) next.url = (await validateWebhookUrl(patch.url, deps.urlGuard)).url.toString();
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.enabled !== undefined) next.enabled = patch.enabled;
  if (patch.payloadVersion !== undefined) next.payloadVersion = patch.payloadVersion;
  const secret = next.url !== undefined && next.url !== current.url ? generateWebhookSecret() : undefined;
  if (secret !== undefined) next.replaceSecretEncrypted = deps.secretBox.encrypt(secret, webhookSecretContext(id));
  const row = await updateSubscriptionRow(deps.db, tenantId, id, next);
  if (!row) throw new WebhookServiceError('not-found', `webhook subscription ${id} not found`);
  return { ...toWebhookSubscriptionView(row), ...(secret !== undefined ? { secret } : {}) };
}

/**
 * Rotates the signing secret: a new current secret (returned, shown once) while the old one keeps signing for
 * `previousSecretTtlMs` (default 24 h; 0 = stop at once, e.g. after a leak). Receivers accept either signature
 * during the overlap, switch to the new secret, and nothing is dropped.
 */
export async function rotateWebhookSecret(
  deps: SubscriptionDeps,
  tenantId: string,
  id: string,
  options: { previousSecretTtlMs?: number; now?: Date } = {},
): Promise<{ subscription: WebhookSubscriptionView; secret: string }> {
  const now = options.now ?? new Date();
  const ttl = options.previousSecretTtlMs ?? DEFAULT_PREVIOUS_SECRET_TTL_MS;
  if (!Number.isFinite(ttl) || ttl < 0)
    throw new WebhookServiceError('invalid-input', 'previousSecretTtlMs must be >= 0');
  const secret = generateWebhookSecret();
  const row = await rotateWebhookSubscriptionSecret(deps.db, tenantId, id, {
    secretEncrypted: deps.secretBox.encrypt(secret, webhookSecretContext(id)),
    previousExpiresAt: new Date(now.getTime() + ttl),
  });
  if (!row) throw new WebhookServiceError('not-found', `webhook subscription ${id} not found`);
  return { subscription: toWebhookSubscriptionView(row, now), secret };
}

/** Reads one subscription as a view; not-found for a missing id or another tenant's. */
export async function getWebhookSubscriptionView(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<WebhookSubscriptionView> {
  const row = await getWebhookSubscription(db, tenantId, id);
  if (!row) throw new WebhookServiceError('not-found', `webhook subscription ${id} not found`);
  return toWebhookSubscriptionView(row);
}

/**
 * Re-sends a delivery that failed (after its last try) or was delivered: a new attempt series with the full retry
 * policy, same event id and same body. A delivery still pending or retrying is refused (conflict): it is in
 * flight already. If the job cannot be enqueued (Redis down), the delivery goes back to its previous state.
 */
export async function resendDelivery(
  deps: { db: Executor; queue: WebhookDeliveryQueue; attempts?: number },
  tenantId: string,
  deliveryId: string,
): Promise<{ delivery: WebhookDelivery; jobId: string }> {
  const mark = await markWebhookDeliveryForResend(deps.db, tenantId, deliveryId);
  if (!mark.ok) {
    if (mark.reason === 'not-found')
      throw new WebhookServiceError('not-found', `webhook delivery ${deliveryId} not found`);
    throw new WebhookServiceError('conflict', `webhook delivery ${deliveryId} is still being delivered`);
  }
  try {
    const jobId = await enqueueWebhookResend(deps.queue, deliveryId, { attempts: deps.attempts });
    return { delivery: mark.delivery, jobId };
  } catch (err) {
    await revertWebhookDeliveryResend(deps.db, deliveryId, mark.previousStatus);
    throw err;
  }
}

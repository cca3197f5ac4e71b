/**
 * Webhook signatures: HMAC-SHA256 over `${timestamp}.${body}`, sent as
 *
 *     X-Bounce-Signature: t=1735689600,v1=5257a869...,v1=9f2c11d0...
 *
 * `t` is the signing time in Unix seconds; each `v1` is the hex HMAC with one active secret (two during a secret
 * rotation: the new one first, then the previous one until it expires). A receiver accepts the request when any
 * `v1` matches a secret it knows and `t` is within its tolerance (default 5 minutes), which stops replays of a
 * captured request. Same scheme as Stripe's, so receivers find familiar code.
 *
 * This module imports only node:crypto, so receivers and tests can use `verifyWebhookSignature` on their own
 * (`@bounce/webhooks/signature`).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Bounce-Signature';
export const EVENT_ID_HEADER = 'X-Bounce-Event-Id';
export const EVENT_TYPE_HEADER = 'X-Bounce-Event-Type';
export const DELIVERY_ID_HEADER = 'X-Bounce-Delivery-Id';
export const ATTEMPT_HEADER = 'X-Bounce-Attempt';
/** Version-2 batches: the batch id (same as `id` in the body) and how many events it carries. */
export const BATCH_ID_HEADER = 'X-Bounce-Batch-Id';
export const EVENT_COUNT_HEADER = 'X-Bounce-Event-Count';
/** Scheme version inside the signature header; a future scheme gets v2 and can be sent alongside. */
export const SIGNATURE_SCHEME = 'v1';
/** How far the signing time may lie from the receiver's clock. Default 300 s (5 minutes). */
export const DEFAULT_TOLERANCE_SECONDS = 300;
/** Prefix of generated secrets, so a leaked one is recognisable in code searches and secret scanners. */
export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` + 32 random bytes in base64url. The whole string is the HMAC key (UTF-8). */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/** Hex HMAC-SHA256 of `${timestamp}.${body}` with the secret's UTF-8 bytes as key. */
export function computeSignature(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The header value for a body signed with each secret (current first). `timestamp` in Unix seconds. */
export function signatureHeader(
  body: string | Buffer,
  secrets: readonly string[],
  timestamp = Math.floor(Date.now() / 1000),
): string {
  if (secrets.length === 0) throw new Error('at least one signing secret is required');
  return [`t=${timestamp}`, ...secrets.map((s) => `${SIGNATURE_SCHEME}=${computeSignature(s, timestamp, body)}`)].join(
    ',',
  );
}

export type ParsedSignatureHeader = { timestamp: number; signatures: string[] };

/** Parses `t=<unix>,v1=<hex>[,v1=<hex>...]`; unknown schemes are ignored (forward compatible). Null if malformed. */
export function parseSignatureHeader(header: string): ParsedSignatureHeader | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === SIGNATURE_SCHEME && /^[0-9a-f]{64}$/i.test(value)) {
      signatures.push(value.toLowerCase());
    }
  }
  if (timestamp === null || signatures.length === 0) return null;
  return { timestamp, signatures };
}

export type VerifyFailure =
  | 'missing-header'
  | 'malformed-header'
  | 'timestamp-out-of-tolerance'
  | 'no-matching-signature';

export type VerifyResult =
  | { ok: true; timestamp: number; secretIndex: number }
  | { ok: false; reason: VerifyFailure; message: string };

export type VerifyOptions = {
  /** The raw request body exactly as received (before any JSON parsing or re-serialisation). */
  body: string | Buffer;
  /** The X-Bounce-Signature header value. */
  header: string | null | undefined;
  /** The secret(s) the receiver accepts; during its own rotation a receiver may list two. */
  secrets: string | readonly string[];
  /** Maximum allowed |now - t| in seconds. Default 300. */
  toleranceSeconds?: number;
  /** Current time in ms. Default Date.now(). */
  now?: number;
};

/**
 * Verifies a request: the timestamp is within tolerance and at least one `v1` signature matches one secret
 * (constant-time comparison). Receivers should also drop events whose `id` they already processed: retries and
 * operator re-sends carry the same event id.
 */
export function verifyWebhookSignature(options: VerifyOptions): VerifyResult {
  if (!options.header) return { ok: false, reason: 'missing-header', message: `${SIGNATURE_HEADER} header missing` };
  const parsed = parseSignatureHeader(options.header);
  if (!parsed) return { ok: false, reason: 'malformed-header', message: `${SIGNATURE_HEADER} header malformed` };
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - parsed.timestamp) > tolerance) {
    return {
      ok: false,
      reason: 'timestamp-out-of-tolerance',
      message: `signature timestamp ${parsed.timestamp} is more than ${tolerance} s from now (${nowSeconds})`,
    };
  }
  const secrets = typeof options.secrets === 'string' ? [options.secrets] : options.secrets;
  for (const [secretIndex, secret] of secrets.entries()) {
    const expected = Buffer.from(computeSignature(secret, parsed.timestamp, options.body), 'hex');
    for (const candidate of parsed.signatures) {
      if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) {
        return { ok: true, timestamp: parsed.timestamp, secretIndex };
      }
    }
  }
  return { ok: false, reason: 'no-matching-signature', message: 'no signature matches the secret' };
}

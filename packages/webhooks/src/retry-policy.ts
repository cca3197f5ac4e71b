/**
 * What an attempt's outcome means, and when to try again.
 *
 * - 2xx: delivered.
 * - 410 Gone: the receiver says the endpoint is gone for good; the delivery fails at once (no more retries) and
 *   stays re-sendable. The subscription is not disabled automatically: that is an operator decision.
 * - The URL is refused by the SSRF guard (forbidden address, bad URL): fails at once; retrying cannot change it
 *   except through DNS, and we do not want to keep probing.
 * - Everything else is retried: 5xx, 408, 429, network errors, timeouts, DNS failures, and also other 4xx and 3xx.
 *   A 401/404 is most often a receiver mid-deploy or mid-rotation, fixed within the hours the retries span, and
 *   receivers drop duplicates by event id, so retrying costs little. Redirects are never followed (a redirect to an
 *   internal address would bypass the guard), so a 3xx is a failed attempt like any other.
 *
 * Delays follow the catalog's exponential policy (30 s doubling with 30 % jitter over 12 attempts, about 17 h);
 * `Retry-After` on 429/503 can lengthen a delay, never shorten it, and is capped.
 */

export type AttemptOutcome = 'delivered' | 'retry' | 'give-up';

export type AttemptErrorCode =
  | 'invalid-url'
  | 'unsupported-protocol'
  | 'credentials-in-url'
  | 'forbidden-address'
  | 'no-address'
  | 'dns-failure'
  | 'connect-timeout'
  | 'timeout'
  | 'connection-error'
  | 'tls-error'
  | 'aborted';

const PERMANENT_ERRORS: ReadonlySet<AttemptErrorCode> = new Set([
  'invalid-url',
  'unsupported-protocol',
  'credentials-in-url',
  'forbidden-address',
]);

export function classifyAttempt(result: {
  statusCode: number | null;
  errorCode: AttemptErrorCode | null;
}): AttemptOutcome {
  if (result.errorCode !== null) return PERMANENT_ERRORS.has(result.errorCode) ? 'give-up' : 'retry';
  const status = result.statusCode ?? 0;
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'give-up';
  return 'retry';
}

export type RetryPolicy = {
  /** Total attempts of one series (first try included). Default: the catalog's 12. */
  attempts: number;
  /** Delay before the first retry in ms; doubles each time. Default: the catalog's 30 s. */
  baseDelayMs: number;
  /** Fraction of each delay that is random (0 = none, 0.3 = delay in [70 %, 100 %] of the nominal). */
  jitter: number;
  /** Upper bound for a Retry-After the receiver asks for, in ms. Default 6 h. */
  maxRetryAfterMs?: number;
};

export const DEFAULT_MAX_RETRY_AFTER_MS = 6 * 3_600_000;

/**
 * Delay before the next attempt after `failedAttempts` failures (1-based), as BullMQ's exponential backoff computes
 * it: nominal = base * 2^(n-1), minus up to `jitter` of it at random. Jitter spreads the retries of many deliveries
 * that failed together (one receiver down) so they do not all come back in the same second.
 */
export function retryDelayMs(
  failedAttempts: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'jitter'>,
  random: () => number = Math.random,
): number {
  const nominal = Math.round(2 ** (Math.max(1, failedAttempts) - 1) * policy.baseDelayMs);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.floor(nominal * (1 - jitter) + random() * nominal * jitter);
}

/** Sum of nominal delays over a whole series: how long a receiver can be down before a delivery fails. */
export function retryWindowMs(policy: Pick<RetryPolicy, 'attempts' | 'baseDelayMs'>): number {
  return policy.baseDelayMs * (2 ** Math.max(0, policy.attempts - 1) - 1);
}

/** Parses Retry-After (RFC 9110 section 10.2.3): delay-seconds or an HTTP-date. Null if absent or invalid. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The delay to use: the backoff, lengthened (not shortened) by a capped Retry-After. */
export function nextRetryDelayMs(
  failedAttempts: number,
  policy: RetryPolicy,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  const backoff = retryDelayMs(failedAttempts, policy, random);
  if (retryAfterMs === null) return backoff;
  return Math.max(backoff, Math.min(retryAfterMs, policy.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS));
}

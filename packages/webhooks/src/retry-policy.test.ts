import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY } from './delivery-jobs.js';
import { classifyAttempt, nextRetryDelayMs, parseRetryAfter, retryDelayMs, retryWindowMs } from './retry-policy.js';

describe('retry policy', () => {
  it('delivers on 2xx, gives up on 410 and refused URLs, retries the rest', () => {
    const ok = (statusCode: number) => classifyAttempt({ statusCode, errorCode: null });
    expect(ok(200)).toBe('delivered');
    expect(ok(204)).toBe('delivered');
    expect(ok(410)).toBe('give-up');
    for (const s of [301, 302, 400, 401, 404, 408, 429, 500, 502, 503]) expect(ok(s), String(s)).toBe('retry');
    expect(classifyAttempt({ statusCode: null, errorCode: 'forbidden-address' })).toBe('give-up');
    expect(classifyAttempt({ statusCode: null, errorCode: 'invalid-url' })).toBe('give-up');
    for (const code of ['timeout', 'connect-timeout', 'connection-error', 'dns-failure', 'tls-error'] as const) {
      expect(classifyAttempt({ statusCode: null, errorCode: code }), code).toBe('retry');
    }
  });

  it('doubles from the base delay with jitter below the nominal value', () => {
    const policy = { baseDelayMs: 30_000, jitter: 0.3 };
    expect(retryDelayMs(1, policy, () => 1)).toBe(30_000);
    expect(retryDelayMs(1, policy, () => 0)).toBe(21_000);
    expect(retryDelayMs(2, policy, () => 1)).toBe(60_000);
    expect(retryDelayMs(11, policy, () => 1)).toBe(30_000 * 1024);
    for (let i = 0; i < 100; i++) {
      const d = retryDelayMs(3, policy);
      expect(d).toBeGreaterThanOrEqual(84_000);
      expect(d).toBeLessThanOrEqual(120_000);
    }
  });

  it('spans about 17 hours with the catalog policy', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ attempts: 12, baseDelayMs: 30_000, jitter: 0.3 });
    const hours = retryWindowMs(DEFAULT_RETRY_POLICY) / 3_600_000;
    expect(hours).toBeGreaterThan(16);
    expect(hours).toBeLessThan(18);
  });

  it('lets Retry-After lengthen a delay, capped, never shorten it', () => {
    const policy = { attempts: 12, baseDelayMs: 30_000, jitter: 0, maxRetryAfterMs: 3_600_000 };
    expect(nextRetryDelayMs(1, policy, null)).toBe(30_000);
    expect(nextRetryDelayMs(1, policy, 5_000)).toBe(30_000);
    expect(nextRetryDelayMs(1, policy, 600_000)).toBe(600_000);
    expect(nextRetryDelayMs(1, policy, 86_400_000)).toBe(3_600_000);
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.UTC(2025, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

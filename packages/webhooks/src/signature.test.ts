import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  computeSignature,
  generateWebhookSecret,
  parseSignatureHeader,
  SECRET_PREFIX,
  signatureHeader,
  verifyWebhookSignature,
} from './signature.js';

const body = '{"id":"5f0c6a51-3f2e-4c61-9d7e-1b1f3f3f3f3f","type":"address.blocked","version":1}';
const now = Date.UTC(2025, 0, 1, 12, 0, 0);
const t = Math.floor(now / 1000);

describe('webhook signatures', () => {
  it('signs HMAC-SHA256 over "<timestamp>.<body>" as documented', () => {
    const secret = 'whsec_test';
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(computeSignature(secret, t, body)).toBe(expected);
    expect(signatureHeader(body, [secret], t)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies with the secret, within the tolerance', () => {
    const secret = generateWebhookSecret();
    const header = signatureHeader(body, [secret], t);
    expect(verifyWebhookSignature({ body, header, secrets: secret, now })).toEqual({
      ok: true,
      timestamp: t,
      secretIndex: 0,
    });
    // Buffer bodies (raw request bytes) verify the same.
    expect(verifyWebhookSignature({ body: Buffer.from(body), header, secrets: [secret], now }).ok).toBe(true);
  });

  it('refuses a tampered body, a wrong secret, a replay outside the window and bad headers', () => {
    const secret = generateWebhookSecret();
    const header = signatureHeader(body, [secret], t);
    expect(verifyWebhookSignature({ body: `${body} `, header, secrets: secret, now })).toMatchObject({
      ok: false,
      reason: 'no-matching-signature',
    });
    expect(verifyWebhookSignature({ body, header, secrets: generateWebhookSecret(), now })).toMatchObject({
      ok: false,
      reason: 'no-matching-signature',
    });
    expect(verifyWebhookSignature({ body, header, secrets: secret, now: now + 301_000 })).toMatchObject({
      ok: false,
      reason: 'timestamp-out-of-tolerance',
    });
    expect(verifyWebhookSignature({ body, header, secrets: secret, now: now - 301_000 })).toMatchObject({
      ok: false,
      reason: 'timestamp-out-of-tolerance',
    });
    expect(verifyWebhookSignature({ body, header, secrets: secret, now: now + 299_000 }).ok).toBe(true);
    expect(
      verifyWebhookSignature({ body, header, secrets: secret, now: now + 3_600_000, toleranceSeconds: 3600 }).ok,
    ).toBe(true);
    expect(verifyWebhookSignature({ body, header: undefined, secrets: secret, now })).toMatchObject({
      reason: 'missing-header',
    });
    expect(verifyWebhookSignature({ body, header: 'v1=abc', secrets: secret, now })).toMatchObject({
      reason: 'malformed-header',
    });
    // A signed timestamp cannot be swapped: the signature covers it.
    const forged = header.replace(`t=${t}`, `t=${t + 10}`);
    expect(verifyWebhookSignature({ body, header: forged, secrets: secret, now })).toMatchObject({
      reason: 'no-matching-signature',
    });
  });

  it('carries one signature per active secret during a rotation; receivers on either secret accept', () => {
    const oldSecret = generateWebhookSecret();
    const newSecret = generateWebhookSecret();
    const header = signatureHeader(body, [newSecret, oldSecret], t);
    expect(parseSignatureHeader(header)?.signatures).toHaveLength(2);
    expect(verifyWebhookSignature({ body, header, secrets: oldSecret, now }).ok).toBe(true);
    expect(verifyWebhookSignature({ body, header, secrets: newSecret, now }).ok).toBe(true);
    // A receiver that lists both (its own rotation) learns which one matched.
    expect(verifyWebhookSignature({ body, header, secrets: [generateWebhookSecret(), oldSecret], now })).toMatchObject({
      ok: true,
      secretIndex: 1,
    });
  });

  it('ignores unknown schemes in the header (forward compatible)', () => {
    const secret = generateWebhookSecret();
    const header = `${signatureHeader(body, [secret], t)},v2=${'0'.repeat(64)}`;
    expect(verifyWebhookSignature({ body, header, secrets: secret, now }).ok).toBe(true);
  });

  it('generates distinct prefixed secrets with 256 bits of entropy', () => {
    const a = generateWebhookSecret();
    expect(a.startsWith(SECRET_PREFIX)).toBe(true);
    expect(Buffer.from(a.slice(SECRET_PREFIX.length), 'base64url')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});

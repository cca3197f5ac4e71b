import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, secretContext } from './secret-box.js';
import { v1Ciphertext } from './testing/index.js';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('hex');
const HERE = secretContext('mailboxes', '7c1d2f4e-0000-4000-8000-000000000001');
const THERE = secretContext('mailboxes', '7c1d2f4e-0000-4000-8000-000000000002');

describe('SecretBox', () => {
  it('round-trips and never stores the plaintext', () => {
    const box = new SecretBox(k1);
    const c = box.encrypt('hunter2', HERE);
    expect(c.startsWith('v2:')).toBe(true);
    expect(c).not.toContain('hunter2');
    expect(box.decrypt(c, HERE)).toBe('hunter2');
    expect(box.encrypt('hunter2', HERE)).not.toBe(c); // random IV
  });

  it('binds a ciphertext to its row: moved to another row or table, it does not decrypt', () => {
    const box = new SecretBox(k1);
    const c = box.encrypt('hunter2', HERE);
    expect(() => box.decrypt(c, THERE)).toThrow(/failed authentication/);
    expect(() => box.decrypt(c, secretContext('webhook_subscriptions', HERE.split(':')[1]!))).toThrow(
      /failed authentication/,
    );
    expect(() => box.encrypt('x', '')).toThrow(/context/);
  });

  it('refuses a GCM tag shorter than 16 bytes (a truncated tag would be accepted by GCM itself)', () => {
    const box = new SecretBox(k1);
    const parts = box.encrypt('secret', HERE).split(':');
    const tag = Buffer.from(parts[3]!, 'base64url');
    for (const length of [4, 8, 12, 15]) {
      const cut = [...parts];
      cut[3] = tag.subarray(0, length).toString('base64url');
      expect(() => box.decrypt(cut.join(':'), HERE)).toThrow(/tag must be 16 bytes/);
    }
    // The same for the old format: a v1 tag cut to 4 bytes is refused too.
    const old = v1Ciphertext(box, k1, 'legacy').split(':');
    old[3] = Buffer.from(old[3]!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => box.decrypt(old.join(':'), HERE)).toThrow(/tag must be 16 bytes/);
  });

  it('still reads the old v1 format, and flags it for re-encryption', () => {
    const box = new SecretBox(k1);
    const old = v1Ciphertext(box, k1, 'legacy password');
    expect(box.decrypt(old, HERE)).toBe('legacy password');
    expect(box.needsRotation(old)).toBe(true);
    expect(box.needsRotation(box.encrypt('x', HERE))).toBe(false);
  });

  it('decrypts with a previous key after rotation and flags re-encryption', () => {
    const old = new SecretBox(k1).encrypt('token', HERE);
    const rotated = new SecretBox(k2, [k1]);
    expect(rotated.decrypt(old, HERE)).toBe('token');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('x', HERE))).toBe(false);
  });

  it('rejects tampered ciphertext, unknown keys, malformed values and bad key material', () => {
    const box = new SecretBox(k1);
    const c = box.encrypt('secret', HERE);
    const parts = c.split(':');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => box.decrypt(parts.join(':'), HERE)).toThrow(/authentication/);
    expect(() => new SecretBox(k2).decrypt(c, HERE)).toThrow(/no key with id/);
    for (const bad of ['', 'v3:a:b:c:d', `${c}:extra`, 'v2:abc'])
      expect(() => box.decrypt(bad, HERE)).toThrow(/malformed/);
    expect(() => new SecretBox('short')).toThrow(/32 bytes/);
  });
});

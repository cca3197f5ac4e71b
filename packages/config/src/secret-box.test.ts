import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('hex');

describe('SecretBox', () => {
  it('round-trips and never stores the plaintext', () => {
    const box = new SecretBox(k1);
    const c = box.encrypt('hunter2');
    expect(c).not.toContain('hunter2');
    expect(box.decrypt(c)).toBe('hunter2');
    expect(box.encrypt('hunter2')).not.toBe(c); // random IV
  });

  it('decrypts with a previous key after rotation and flags re-encryption', () => {
    const old = new SecretBox(k1).encrypt('token');
    const rotated = new SecretBox(k2, [k1]);
    expect(rotated.decrypt(old)).toBe('token');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('x'))).toBe(false);
  });

  it('rejects tampered ciphertext, unknown keys and bad key material', () => {
    const box = new SecretBox(k1);
    const c = box.encrypt('secret');
    const parts = c.split(':');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => box.decrypt(parts.join(':'))).toThrow(/authentication/);
    expect(() => new SecretBox(k2).decrypt(c)).toThrow(/no key with id/);
    expect(() => new SecretBox('short')).toThrow(/32 bytes/);
  });
});

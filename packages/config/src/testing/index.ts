/** Test helpers of the configuration package: import from `@bounce/config/testing` in tests only. */
import { createCipheriv, randomBytes } from 'node:crypto';
import { parseKey, type SecretBox } from '../secret-box.js';

/**
 * A ciphertext in the old v1 format (no associated data, so not bound to its row), as rows written before v2 still
 * hold them: the tests of decryption and of re-encryption need such rows and the code no longer writes them.
 * `box` must have `key` as its primary key (its key id is taken from a fresh v2 ciphertext).
 */
export function v1Ciphertext(box: SecretBox, key: string, plaintext: string): string {
  const id = box.encrypt('x', 'probe:1').split(':')[1]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', parseKey(key), iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    id,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    data.toString('base64url'),
  ].join(':');
}

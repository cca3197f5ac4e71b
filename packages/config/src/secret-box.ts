import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets stored in the database (IMAP passwords, OAuth2 tokens, webhook signing secrets) with
 * AES-256-GCM. The key comes from the environment (SECRETS_KEY: 32 bytes as base64 or 64 hex chars); rotation is
 * supported by passing old keys to `decrypt` (tried in order). Ciphertext format: `v1:<key id>:<iv>:<tag>:<data>`
 * (base64url parts), where the key id is the first 8 hex chars of SHA-256(key) so the right key is picked.
 */
export class SecretBox {
  private readonly keys: { id: string; key: Buffer }[];

  constructor(primaryKey: string, previousKeys: string[] = []) {
    this.keys = [primaryKey, ...previousKeys].map((k) => {
      const key = parseKey(k);
      return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
    });
  }

  encrypt(plaintext: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', id, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join(':');
  }

  decrypt(ciphertext: string): string {
    const [version, id, iv, tag, data] = ciphertext.split(':');
    if (version !== 'v1' || !id || !iv || !tag || data === undefined) throw new SecretBoxError('malformed ciphertext');
    const entry = this.keys.find((k) => k.id === id);
    if (!entry) throw new SecretBoxError(`no key with id ${id}: was SECRETS_KEY rotated without keeping the old one?`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', entry.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('ciphertext failed authentication');
    }
  }

  /** True when the value was encrypted with an older key and should be re-encrypted. */
  needsRotation(ciphertext: string): boolean {
    return ciphertext.split(':')[1] !== this.keys[0]!.id;
  }
}

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/** Accepts 64 hex chars or base64/base64url of 32 bytes; anything else is a configuration error. */
export function parseKey(value: string): Buffer {
  const v = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (key.length !== 32) {
    throw new SecretBoxError('SECRETS_KEY must be 32 bytes, as 64 hex characters or base64 (openssl rand -base64 32)');
  }
  return key;
}

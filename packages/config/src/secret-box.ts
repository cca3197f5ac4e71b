import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets stored in the database (IMAP passwords, OAuth2 tokens, webhook signing secrets) with
 * AES-256-GCM. The key comes from the environment (SECRETS_KEY: 32 bytes as base64 or 64 hex chars); after a key
 * rotation the old keys (SECRETS_KEY_PREVIOUS) still decrypt, and `reencryptSecrets` (@bounce/db) moves every stored
 * secret to the current key.
 *
 * Format v2: `v2:<key id>:<iv>:<tag>:<data>` (base64url parts; the key id is the first 8 hex chars of SHA-256(key)
 * so the right key is picked). Every ciphertext is bound to where it is stored: the `context` (table and row id,
 * see `secretContext`) is GCM's associated data, so a ciphertext copied into another row, or another table, does
 * not decrypt there. The tag is always the full 16 bytes: a shorter tag given for verification is refused before
 * GCM sees it (GCM would accept a truncated tag, which makes forgeries far cheaper).
 *
 * Format v1 (`v1:...`, no associated data) is still read so existing rows keep working; `needsRotation` reports it,
 * and the re-encryption turns it into v2.
 */
export class SecretBox {
  private readonly keys: { id: string; key: Buffer }[];

  constructor(primaryKey: string, previousKeys: string[] = []) {
    this.keys = [primaryKey, ...previousKeys].map((k) => {
      const key = parseKey(k);
      return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
    });
  }

  /** Encrypts with the current key, bound to `context` (where the ciphertext will be stored). */
  encrypt(plaintext: string, context: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(context));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v2', id, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join(':');
  }

  /** Decrypts a ciphertext stored at `context`; throws SecretBoxError if it belongs elsewhere or was altered. */
  decrypt(ciphertext: string, context: string): string {
    const [version, id, ivText, tagText, dataText, ...rest] = ciphertext.split(':');
    if ((version !== 'v1' && version !== 'v2') || !id || !ivText || !tagText || dataText === undefined || rest.length) {
      throw new SecretBoxError('malformed ciphertext');
    }
    const entry = this.keys.find((k) => k.id === id);
    if (!entry) throw new SecretBoxError(`no key with id ${id}: was SECRETS_KEY rotated without keeping the old one?`);
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (tag.length !== TAG_BYTES) throw new SecretBoxError(`authentication tag must be ${TAG_BYTES} bytes`);
    if (iv.length !== IV_BYTES) throw new SecretBoxError(`IV must be ${IV_BYTES} bytes`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', entry.key, iv, { authTagLength: TAG_BYTES });
      // v1 predates the binding: it was written without associated data.
      if (version === 'v2') decipher.setAAD(aad(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(dataText, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('ciphertext failed authentication (altered, or stored somewhere else)');
    }
  }

  /** True when the value should be re-encrypted: an older key, or the older format without the row binding. */
  needsRotation(ciphertext: string): boolean {
    const [version, id] = ciphertext.split(':');
    return version !== 'v2' || id !== this.keys[0]!.id;
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function aad(context: string): Buffer {
  if (!context) throw new SecretBoxError('a secret needs the context it is stored in (table and row id)');
  return Buffer.from(`bounce-secret:${context}`, 'utf8');
}

/** Where a secret is stored: its table and row id, e.g. `mailboxes:<uuid>`. Bound into the ciphertext. */
export function secretContext(table: string, rowId: string): string {
  return `${table}:${rowId}`;
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

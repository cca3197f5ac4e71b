/**
 * Who may see the queues: an API key with the admin scope (checked against `api_keys` by its SHA-256), or the
 * bootstrap DASHBOARD_ADMIN_TOKEN. Presented as `Authorization: Bearer <key>` (scripts) or as the password of HTTP
 * Basic auth (any user name), so a browser can log in through its own prompt.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type Executor, hasScope, verifyApiKey } from '@bounce/db';

export type Credential = { kind: 'bearer' | 'basic'; secret: string };

export type AuthResult =
  | { ok: true; principal: string }
  | { ok: false; status: 401 | 403; reason: 'missing' | 'invalid' | 'forbidden' };

/** Reads the secret from an Authorization header; null when absent or malformed. */
export function readCredential(header: string | undefined): Credential | null {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return null;
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return { kind: 'bearer', secret: value };
    case 'basic': {
      // RFC 7617: base64("user-id:password"); the user id cannot contain a colon, the password can.
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return null;
      const secret = decoded.slice(colon + 1);
      return secret ? { kind: 'basic', secret } : null;
    }
    default:
      return null;
  }
}

export type AuthenticatorOptions = {
  /** Where API keys live; without it only the bootstrap token is accepted. */
  db?: Executor;
  adminToken?: string;
};

export function createAuthenticator(options: AuthenticatorOptions) {
  // Compare digests, not the strings: equal length for timingSafeEqual and no early exit on the first byte.
  const tokenDigest = options.adminToken ? sha256(options.adminToken) : null;
  return async (header: string | undefined): Promise<AuthResult> => {
    const credential = readCredential(header);
    if (!credential) return { ok: false, status: 401, reason: 'missing' };
    if (tokenDigest && timingSafeEqual(sha256(credential.secret), tokenDigest)) {
      return { ok: true, principal: 'bootstrap-token' };
    }
    if (options.db) {
      const key = await verifyApiKey(options.db, credential.secret);
      if (key) {
        return hasScope(key, 'admin')
          ? { ok: true, principal: `api-key:${key.id}` }
          : { ok: false, status: 403, reason: 'forbidden' };
      }
    }
    return { ok: false, status: 401, reason: 'invalid' };
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

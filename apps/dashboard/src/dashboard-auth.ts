/**
 * Who may see the queues: the installation administrator, and only them. Job payloads name every tenant's
 * customers and the queues are shared by all tenants, so no tenant credential may open the board: a tenant's admin
 * API key is refused with 403 (it administers one tenant, not the installation). The installation-admin role is the
 * DASHBOARD_ADMIN_TOKEN secret, which no API key can carry. Presented as `Authorization: Bearer <token>` (scripts)
 * or as the password of HTTP Basic auth (any user name), so a browser can log in through its own prompt.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type Executor, verifyApiKey } from '@bounce/db';

export type Credential = { kind: 'bearer' | 'basic'; secret: string };

export type AuthResult =
  | { ok: true; principal: 'installation-admin' }
  | { ok: false; status: 401 | 403; reason: 'missing' | 'invalid' | 'tenant-key' };

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
  /** The installation administrator's secret (DASHBOARD_ADMIN_TOKEN). */
  adminToken: string;
  /**
   * Where tenants' API keys live, only to tell a tenant key (403: "not for tenants") from a wrong secret (401:
   * the browser asks again). Never grants access.
   */
  db?: Executor;
};

export function createAuthenticator(options: AuthenticatorOptions) {
  // Compare digests, not the strings: equal length for timingSafeEqual and no early exit on the first byte.
  const tokenDigest = sha256(options.adminToken);
  return async (header: string | undefined): Promise<AuthResult> => {
    const credential = readCredential(header);
    if (!credential) return { ok: false, status: 401, reason: 'missing' };
    if (timingSafeEqual(sha256(credential.secret), tokenDigest)) return { ok: true, principal: 'installation-admin' };
    if (options.db && (await verifyApiKey(options.db, credential.secret))) {
      return { ok: false, status: 403, reason: 'tenant-key' };
    }
    return { ok: false, status: 401, reason: 'invalid' };
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

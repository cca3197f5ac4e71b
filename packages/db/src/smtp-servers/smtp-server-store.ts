/**
 * The tenant's own SMTP server (one per tenant) for the account test's sending half. The password is encrypted here
 * with the SecretBox the caller passes, bound to the tenant, and never leaves the store except through
 * `loadTenantSmtpServerForConnection`; an oauth2 server names one of the tenant's oauth2 mailboxes whose sign-in
 * (mailbox_oauth_grants: refresh token encrypted, access token refreshed before expiry) provides the OAuth access token.
 */
import { type SecretBox, secretContext } from '@bounce/config';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client.js';
import { mailHostField, parseOrThrow } from '../mailboxes/mailbox-store.js';
import { mailboxes, tenantSmtpServers } from '../schema.js';
import { StoreError } from '../sql/errors.js';

/** The settings as the API may show them: no secret (hasPassword says whether one is stored). */
export type TenantSmtpServer = Omit<typeof tenantSmtpServers.$inferSelect, 'secretEncrypted' | 'tenantId'> & {
  hasPassword: boolean;
};

/**
 * A sender as it goes into the envelope and the From header: "a@b.example" or "Name <a@b.example>". No line
 * breaks or angle brackets in the name (a header injection), one address.
 */
const fromField = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(
    /^[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>$|^[^\s<>@]+@[^\s<>@]+$/,
    'must be an address, or a name and an address in <>',
  );

const smtpServerFields = {
  host: mailHostField,
  port: z.number().int().min(1).max(65535),
  tlsMode: z.enum(['implicit', 'starttls', 'none']),
  tlsAllowInvalid: z.boolean().default(false),
  authMethod: z.enum(['none', 'password', 'oauth2']),
  username: z.string().trim().min(1).max(320).optional(),
  /** password only, in clear; encrypted before storage, never returned. */
  secret: z.string().min(1).max(16_384).optional(),
  /** oauth2 only: the tenant's oauth2 mailbox whose sign-in is used. */
  oauthMailboxId: z.uuid().optional(),
  fromAddress: fromField,
};

export const tenantSmtpServerSchema = z.object(smtpServerFields).strict();
export type TenantSmtpServerInput = z.input<typeof tenantSmtpServerSchema>;
export const tenantSmtpServerPatchSchema = z
  .object({ ...smtpServerFields, tlsAllowInvalid: smtpServerFields.tlsAllowInvalid.unwrap() })
  .partial()
  .strict();
export type TenantSmtpServerPatch = z.input<typeof tenantSmtpServerPatchSchema>;

/** Where the stored password may be presented: changing any of these requires the password again. */
const SECRET_TARGET_KEYS = ['host', 'port', 'tlsMode', 'tlsAllowInvalid', 'username'] as const;

export function tenantSmtpSecretContext(tenantId: string): string {
  return secretContext('tenant_smtp_servers', tenantId);
}

const WHAT = 'SMTP server';
const invalid = (field: string, message: string) =>
  new StoreError('invalid-input', `invalid ${WHAT}: ${field}: ${message}`, field);

async function currentRow(db: Executor, tenantId: string) {
  const rows = await db.select().from(tenantSmtpServers).where(eq(tenantSmtpServers.tenantId, tenantId));
  return rows[0] ?? null;
}

function publicOf(row: typeof tenantSmtpServers.$inferSelect): TenantSmtpServer {
  const { secretEncrypted, tenantId: _t, ...rest } = row;
  return { ...rest, hasPassword: secretEncrypted !== null };
}

export async function getTenantSmtpServer(db: Executor, tenantId: string): Promise<TenantSmtpServer | null> {
  const row = await currentRow(db, tenantId);
  return row ? publicOf(row) : null;
}

/** Creates or replaces the tenant's SMTP server (PUT). */
export async function putTenantSmtpServer(
  db: Executor,
  secrets: SecretBox,
  tenantId: string,
  input: TenantSmtpServerInput,
): Promise<TenantSmtpServer> {
  return save(db, secrets, tenantId, parseOrThrow(tenantSmtpServerSchema, input, WHAT));
}

/** Changes some settings of the tenant's SMTP server (PATCH); not-found when none is configured. */
export async function updateTenantSmtpServer(
  db: Executor,
  secrets: SecretBox,
  tenantId: string,
  patch: TenantSmtpServerPatch,
): Promise<TenantSmtpServer> {
  const parsed = parseOrThrow(tenantSmtpServerPatchSchema, patch, WHAT);
  const current = await currentRow(db, tenantId);
  if (!current) throw new StoreError('not-found', 'no SMTP server is configured for this tenant');
  const authMethod = parsed.authMethod ?? current.authMethod;
  const merged = {
    host: current.host,
    port: current.port,
    tlsMode: current.tlsMode,
    tlsAllowInvalid: current.tlsAllowInvalid,
    authMethod,
    fromAddress: current.fromAddress,
    // A change of method drops what belonged to the old one.
    ...(authMethod === current.authMethod
      ? { username: current.username ?? undefined, oauthMailboxId: current.oauthMailboxId ?? undefined }
      : {}),
    ...parsed,
  };
  return save(db, secrets, tenantId, parseOrThrow(tenantSmtpServerSchema, merged, WHAT));
}

async function save(
  db: Executor,
  secrets: SecretBox,
  tenantId: string,
  s: z.output<typeof tenantSmtpServerSchema>,
): Promise<TenantSmtpServer> {
  const current = await currentRow(db, tenantId);
  let secretEncrypted: string | null = null;
  let username: string | null = s.username ?? null;
  let oauthMailboxId: string | null = null;
  if (s.authMethod !== 'password' && s.secret !== undefined) {
    throw invalid('secret', 'only a password server has a secret');
  }
  if (s.authMethod !== 'oauth2' && s.oauthMailboxId !== undefined) {
    throw invalid('oauthMailboxId', 'only an oauth2 server signs in with a mailbox');
  }
  if (s.authMethod === 'none') {
    if (s.username !== undefined) throw invalid('username', 'a server without authentication has no user name');
  } else if (s.authMethod === 'password') {
    if (!username) throw invalid('username', 'required for password authentication');
    if (s.secret !== undefined) {
      secretEncrypted = secrets.encrypt(s.secret, tenantSmtpSecretContext(tenantId));
    } else {
      // The stored password stays only where its owner typed it for: same method, server, TLS and user.
      const changed = current
        ? SECRET_TARGET_KEYS.filter((k) => (k === 'username' ? username : s[k]) !== current[k])
        : [];
      if (current?.authMethod !== 'password' || current.secretEncrypted === null || changed.length > 0) {
        throw invalid(
          'secret',
          current?.authMethod === 'password' && changed.length > 0
            ? `required when changing ${changed.join(', ')} (the stored password is never sent to a new target)`
            : 'required for password authentication',
        );
      }
      secretEncrypted = current.secretEncrypted;
    }
  } else {
    if (!s.oauthMailboxId) throw invalid('oauthMailboxId', 'required for oauth2: the signed-in mailbox to use');
    const [box] = await db
      .select({ authMethod: mailboxes.authMethod, username: mailboxes.username })
      .from(mailboxes)
      .where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, s.oauthMailboxId)));
    // Another tenant's mailbox reads as unknown: its existence is not told.
    if (!box) throw invalid('oauthMailboxId', `mailbox ${s.oauthMailboxId} not found`);
    if (box.authMethod !== 'oauth2') {
      throw invalid('oauthMailboxId', 'the mailbox must use authMethod oauth2 (a Microsoft 365 or Google sign-in)');
    }
    oauthMailboxId = s.oauthMailboxId;
    // The OAuth login names the signed-in account: by default the mailbox's own user name.
    username ??= box.username;
  }
  const values = {
    host: s.host,
    port: s.port,
    tlsMode: s.tlsMode,
    tlsAllowInvalid: s.tlsAllowInvalid,
    authMethod: s.authMethod,
    username,
    secretEncrypted,
    oauthMailboxId,
    fromAddress: s.fromAddress,
    updatedAt: new Date(),
  };
  const [row] = await db
    .insert(tenantSmtpServers)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: tenantSmtpServers.tenantId, set: values })
    .returning();
  return publicOf(row!);
}

export async function deleteTenantSmtpServer(db: Executor, tenantId: string): Promise<boolean> {
  const rows = await db
    .delete(tenantSmtpServers)
    .where(eq(tenantSmtpServers.tenantId, tenantId))
    .returning({ tenantId: tenantSmtpServers.tenantId });
  return rows.length > 0;
}

export type TenantSmtpServerWithSecret = { server: TenantSmtpServer; password: string | null };

/** The settings and the decrypted password, for the process about to connect; keep it out of logs and errors. */
export async function loadTenantSmtpServerForConnection(
  db: Executor,
  secrets: SecretBox,
  tenantId: string,
): Promise<TenantSmtpServerWithSecret | null> {
  const row = await currentRow(db, tenantId);
  if (!row) return null;
  return {
    server: publicOf(row),
    password:
      row.secretEncrypted === null ? null : secrets.decrypt(row.secretEncrypted, tenantSmtpSecretContext(tenantId)),
  };
}

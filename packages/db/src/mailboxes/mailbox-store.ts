/**
 * Bounce mailboxes (IMAP accounts the fetch worker polls). The password or OAuth2 access token is encrypted here,
 * with the SecretBox the caller passes, before it reaches the database; the read model (`Mailbox`) never carries
 * it, and only `loadMailboxForConnection` decrypts it, for the process that connects.
 */
import { randomUUID } from 'node:crypto';
import { type SecretBox, secretContext } from '@bounce/config';
import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client.js';
import { mailboxes, mailboxOAuthGrants } from '../schema.js';
import { StoreError } from '../sql/errors.js';

const { secretEncrypted: _secret, ...PUBLIC_COLUMNS } = getTableColumns(mailboxes);

/** A mailbox as the API and logs may see it: every column except the encrypted secret. */
export type Mailbox = Omit<typeof mailboxes.$inferSelect, 'secretEncrypted'>;

/** IMAP folder path (mailbox name): non-empty, no control characters. */
const folderName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

/** A mail server's host as an operator types it (mailboxes, the tenant's SMTP server). */
export const mailHostField = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[^\s/:@]+$|^\[?[0-9a-fA-F:.]+\]?$/, 'must be a host name or an IP address');

/** The settings an operator provides; defaults are those of the schema (20 min polls, 5 failures, ...). */
const mailboxFields = {
  name: z.string().trim().min(1).max(200),
  protocol: z.enum(['imap', 'pop3']),
  host: mailHostField,
  port: z.number().int().min(1).max(65535),
  tlsMode: z.enum(['implicit', 'starttls', 'none']),
  tlsAllowInvalid: z.boolean(),
  /** password; xoauth2: the secret is an access token; oauth2: Microsoft 365 or Google sign-in (no secret). */
  authMethod: z.enum(['password', 'xoauth2', 'oauth2']),
  /** oauth2 only: Microsoft 365 or Google sign-in; may also be left to the first sign-in. */
  provider: z.enum(['microsoft', 'google']).nullable(),
  username: z.string().min(1).max(320),
  sourceFolder: folderName,
  processedFolder: folderName,
  manualFolder: folderName,
  /** Seconds between scheduled polls; 0 = manual only. Non-zero values below 10 s would hammer the server. */
  pollIntervalSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .refine((v) => v === 0 || v >= 10, 'must be 0 (manual only) or at least 10 seconds'),
  useIdle: z.boolean(),
  /** POP3 only: keep messages on the server (default), or delete each once its result is committed. */
  leaveOnServer: z.boolean(),
  enabled: z.boolean(),
  maxConsecutiveFailures: z.number().int().min(1).max(1000),
};

/**
 * The password (authMethod password) or OAuth2 access token (xoauth2), in clear; encrypted before storage. An oauth2
 * mailbox has none: its tokens come from the sign-in (mailbox_oauth_grants).
 */
const secretField = z.string().min(1).max(16_384);
const SECRET_REQUIRED = 'required unless authMethod is oauth2';
const PROVIDER_ONLY_OAUTH2 = 'only an oauth2 mailbox has a sign-in provider (microsoft or google)';

export const newMailboxSchema = z
  .object({
    ...mailboxFields,
    tlsAllowInvalid: mailboxFields.tlsAllowInvalid.default(false),
    authMethod: mailboxFields.authMethod.default('password'),
    sourceFolder: mailboxFields.sourceFolder.default('INBOX'),
    processedFolder: mailboxFields.processedFolder.default('Processed'),
    manualFolder: mailboxFields.manualFolder.default('Manual'),
    pollIntervalSeconds: mailboxFields.pollIntervalSeconds.default(1200),
    protocol: mailboxFields.protocol.default('imap'),
    // IDLE is IMAP's: a POP3 mailbox is polled on its schedule.
    useIdle: mailboxFields.useIdle.optional(),
    leaveOnServer: mailboxFields.leaveOnServer.default(true),
    enabled: mailboxFields.enabled.default(true),
    maxConsecutiveFailures: mailboxFields.maxConsecutiveFailures.default(5),
    provider: mailboxFields.provider.optional(),
    secret: secretField.optional(),
  })
  .refine((m) => m.authMethod === 'oauth2' || m.secret !== undefined, { message: SECRET_REQUIRED, path: ['secret'] })
  .refine((m) => m.authMethod === 'oauth2' || !m.provider, { message: PROVIDER_ONLY_OAUTH2, path: ['provider'] });
export type NewMailbox = z.input<typeof newMailboxSchema>;

export const mailboxPatchSchema = z.object({ ...mailboxFields, secret: secretField }).partial();
export type MailboxPatch = z.input<typeof mailboxPatchSchema>;

/** Changing any of these makes earlier connection failures meaningless: the count restarts. */
const CONNECTION_KEYS = [
  'protocol',
  'host',
  'port',
  'tlsMode',
  'tlsAllowInvalid',
  'authMethod',
  'provider',
  'username',
  'secret',
] as const;

/**
 * Where and as whom the secret is presented. The stored secret belongs to this target: changing any of them
 * without giving the secret again would send it somewhere its owner never typed it for (an admin re-pointing a
 * mailbox at their own server would receive the password, or a weakened TLS setting would expose it), so such
 * a change must come with the secret.
 */
const SECRET_TARGET_KEYS = ['host', 'port', 'username', 'tlsMode', 'tlsAllowInvalid'] as const;

/** Where a mailbox's secret is stored: bound into its ciphertext, so it decrypts in this row only. */
export function mailboxSecretContext(id: string): string {
  return secretContext('mailboxes', id);
}

export async function createMailbox(
  db: Executor,
  secrets: SecretBox,
  tenantId: string,
  input: NewMailbox,
): Promise<Mailbox> {
  const parsed = parseOrThrow(newMailboxSchema, input);
  assertDistinctFolders(parsed);
  const { secret, ...settings } = parsed;
  // The id is chosen here, not by the database: the ciphertext is bound to it.
  const id = randomUUID();
  settings.useIdle = settings.protocol === 'imap' && (settings.useIdle ?? true);
  // oauth2: no secret of its own; the column holds an encrypted empty string (never presented to a server). It
  // starts disabled and is enabled when the sign-in completes (polls before would only count failures).
  const stored = settings.authMethod === 'oauth2' ? '' : (secret ?? '');
  if (settings.authMethod === 'oauth2') settings.enabled = false;
  const rows = await db
    .insert(mailboxes)
    .values({ ...settings, id, tenantId, secretEncrypted: secrets.encrypt(stored, mailboxSecretContext(id)) })
    .onConflictDoNothing()
    .returning(PUBLIC_COLUMNS);
  const row = rows[0];
  if (!row) throw new StoreError('conflict', `a mailbox named "${parsed.name}" already exists`);
  return row;
}

/**
 * Updates settings and/or the secret. Re-enabling a mailbox, or changing how to connect, resets the failure count
 * and the reason it was disabled.
 */
export async function updateMailbox(
  db: Executor,
  secrets: SecretBox,
  tenantId: string,
  id: string,
  patch: MailboxPatch,
): Promise<Mailbox> {
  const parsed = parseOrThrow(mailboxPatchSchema, patch);
  const current = await getMailbox(db, tenantId, id);
  if (!current) throw new StoreError('not-found', `mailbox ${id} not found`);
  assertDistinctFolders({ ...current, ...parsed });
  const authMethod = parsed.authMethod ?? current.authMethod;
  // An oauth2 mailbox's tokens belong to the account and server signed in: a new target or auth method drops the
  // grant (sign in again) instead of asking for a secret, so a token never reaches a server it was not granted for.
  const dropsGrant =
    current.authMethod === 'oauth2' &&
    (authMethod !== 'oauth2' || SECRET_TARGET_KEYS.some((k) => parsed[k] !== undefined && parsed[k] !== current[k]));
  if (authMethod !== 'oauth2') assertSecretGivenForNewTarget(current, parsed);
  if (current.authMethod === 'oauth2' && authMethod !== 'oauth2' && parsed.secret === undefined) {
    throw new StoreError('invalid-input', `invalid mailbox: secret: ${SECRET_REQUIRED}`, 'secret');
  }
  if (authMethod !== 'oauth2' && parsed.provider) {
    throw new StoreError('invalid-input', `invalid mailbox: provider: ${PROVIDER_ONLY_OAUTH2}`, 'provider');
  }
  const { secret, ...settings } = parsed;
  // Leaving oauth2 leaves its provider behind; a new provider is a new sign-in (the old provider's grant goes).
  if (authMethod !== 'oauth2') settings.provider = null;
  const providerChanged =
    authMethod === 'oauth2' && parsed.provider !== undefined && parsed.provider !== current.provider;
  if (dropsGrant || providerChanged) {
    await db.delete(mailboxOAuthGrants).where(eq(mailboxOAuthGrants.mailboxId, id));
  }
  if ((settings.protocol ?? current.protocol) === 'pop3') settings.useIdle = false;
  const resetsFailures = parsed.enabled === true || CONNECTION_KEYS.some((k) => parsed[k] !== undefined);
  const rows = await db
    .update(mailboxes)
    .set({
      ...settings,
      ...(secret !== undefined ? { secretEncrypted: secrets.encrypt(secret, mailboxSecretContext(id)) } : {}),
      ...(resetsFailures ? { consecutiveFailures: 0, disabledReason: null, lastError: null } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, id)))
    .returning(PUBLIC_COLUMNS);
  const row = rows[0];
  if (!row) throw new StoreError('not-found', `mailbox ${id} not found`);
  return row;
}

export async function getMailbox(db: Executor, tenantId: string, id: string): Promise<Mailbox | null> {
  const rows = await db
    .select(PUBLIC_COLUMNS)
    .from(mailboxes)
    .where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, id)));
  return rows[0] ?? null;
}

/** By id alone: workers get a mailbox id from a job, not a tenant. */
export async function getMailboxById(db: Executor, id: string): Promise<Mailbox | null> {
  const rows = await db.select(PUBLIC_COLUMNS).from(mailboxes).where(eq(mailboxes.id, id));
  return rows[0] ?? null;
}

export async function listMailboxes(db: Executor, tenantId: string): Promise<Mailbox[]> {
  return db.select(PUBLIC_COLUMNS).from(mailboxes).where(eq(mailboxes.tenantId, tenantId)).orderBy(asc(mailboxes.name));
}

/** Every mailbox of every tenant (the scheduler sync compares them with the job schedulers; a few hundred at most). */
export async function listAllMailboxes(db: Executor): Promise<Mailbox[]> {
  return db.select(PUBLIC_COLUMNS).from(mailboxes).orderBy(asc(mailboxes.tenantId), asc(mailboxes.name));
}

/** Enabled mailboxes of every tenant. */
export async function listEnabledMailboxes(db: Executor): Promise<Mailbox[]> {
  return db
    .select(PUBLIC_COLUMNS)
    .from(mailboxes)
    .where(eq(mailboxes.enabled, true))
    .orderBy(asc(mailboxes.tenantId), asc(mailboxes.name));
}

export async function deleteMailbox(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(mailboxes)
    .where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, id)))
    .returning({ id: mailboxes.id });
  return rows.length > 0;
}

export type MailboxWithSecret = { mailbox: Mailbox; secret: string };

/**
 * The mailbox and its decrypted secret, for the process about to connect. Keep the secret out of logs, errors and
 * job payloads: it lives only as long as the connection attempt.
 */
export async function loadMailboxForConnection(
  db: Executor,
  secrets: SecretBox,
  id: string,
): Promise<MailboxWithSecret | null> {
  const rows = await db.select().from(mailboxes).where(eq(mailboxes.id, id));
  const row = rows[0];
  if (!row) return null;
  const { secretEncrypted, ...mailbox } = row;
  return { mailbox, secret: secrets.decrypt(secretEncrypted, mailboxSecretContext(row.id)) };
}

/** Validated input, or StoreError invalid-input naming `what` (mailbox, SMTP server) and each issue's field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'mailbox'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    // Issue paths and messages only: zod would echo the rejected value, and that value may be the secret.
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new StoreError('invalid-input', `invalid ${what}: ${issues}`);
  }
  return result.data;
}

/** Refuses a change of the secret's target (host, port, user, TLS) that does not carry the secret again. */
function assertSecretGivenForNewTarget(current: Mailbox, patch: z.output<typeof mailboxPatchSchema>): void {
  if (patch.secret !== undefined) return;
  const changed = SECRET_TARGET_KEYS.filter((k) => patch[k] !== undefined && patch[k] !== current[k]);
  if (changed.length === 0) return;
  throw new StoreError(
    'invalid-input',
    `invalid mailbox: secret: required when changing ${changed.join(', ')} (the stored secret is never sent to a new target)`,
    'secret',
  );
}

function assertDistinctFolders(f: { sourceFolder?: string; processedFolder?: string; manualFolder?: string }): void {
  if (f.sourceFolder !== undefined && (f.sourceFolder === f.processedFolder || f.sourceFolder === f.manualFolder)) {
    throw new StoreError(
      'invalid-input',
      'invalid mailbox: the processed and manual folders must differ from the source',
    );
  }
}

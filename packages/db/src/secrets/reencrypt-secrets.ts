/**
 * Re-encryption of every stored secret (mailbox passwords, OAuth sign-ins of mailboxes, webhook secrets, tenant SMTP
 * passwords) with the current key, after SECRETS_KEY was rotated (the old key moved to
 * SECRETS_KEY_PREVIOUS) or to bring rows of the older v1 format (no row binding) to v2. Run it once every process
 * has the new key: `pnpm --filter @bounce/api reencrypt-secrets`. Afterwards the old key can be dropped.
 *
 * Idempotent and safe beside running processes: a row already under the current key is left alone, and each
 * update is a compare-and-set on the old ciphertext, so a secret changed meanwhile (by an operator, or a webhook
 * rotation) is never overwritten with the re-encrypted old value. A secret that cannot be decrypted (no key for
 * it) is reported by table and id, never stopping the rest; its value is never logged.
 */
import type { SecretBox } from '@bounce/config';
import { and, asc, type Column, eq, gt, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { mailboxSecretContext } from '../mailboxes/mailbox-store.js';
import { mailboxOAuthSecretContext } from '../mailboxes/oauth-grants.js';
import { webhookSecretContext } from '../notifications/webhook-subscriptions.js';
import { mailboxes, mailboxOAuthGrants, tenantSmtpServers, webhookSubscriptions } from '../schema.js';
import { tenantSmtpSecretContext } from '../smtp-servers/smtp-server-store.js';

export type ReencryptTableResult = { checked: number; reencrypted: number };

export type ReencryptResult = {
  mailboxes: ReencryptTableResult;
  webhookSubscriptions: ReencryptTableResult;
  tenantSmtpServers: ReencryptTableResult;
  /** Sign-ins of oauth2 mailboxes: refresh and access tokens, a pending flow's secret. */
  mailboxOAuthGrants: ReencryptTableResult;
  /** Rows whose secret could not be decrypted with any configured key (table and id only). */
  failed: { table: string; id: string; reason: string }[];
};

export type ReencryptOptions = {
  /** Rows read per query. Default 500. */
  batchSize?: number;
};

/**
 * Calls `handle` for every row `readPage` returns, page by page in id order: `readPage(after, limit)` reads the rows
 * whose id is greater than `after` ('' for the first page). Keyset paging, so rows re-encrypted meanwhile are
 * neither skipped nor read twice.
 */
async function forEachRow<Row>(
  batchSize: number,
  readPage: (after: string, limit: number) => Promise<Row[]>,
  idOf: (row: Row) => string,
  handle: (row: Row) => Promise<void>,
): Promise<void> {
  for (let after = ''; ; ) {
    const rows = await readPage(after, batchSize);
    for (const row of rows) await handle(row);
    if (rows.length < batchSize) return;
    after = idOf(rows[rows.length - 1]!);
  }
}

export async function reencryptSecrets(
  db: Executor,
  secrets: SecretBox,
  options: ReencryptOptions = {},
): Promise<ReencryptResult> {
  const batchSize = options.batchSize ?? 500;
  const result: ReencryptResult = {
    mailboxes: { checked: 0, reencrypted: 0 },
    webhookSubscriptions: { checked: 0, reencrypted: 0 },
    tenantSmtpServers: { checked: 0, reencrypted: 0 },
    mailboxOAuthGrants: { checked: 0, reencrypted: 0 },
    failed: [],
  };

  /** The value under the current key, or null when it is current already; undefined when it cannot be read. */
  const renew = (table: string, id: string, ciphertext: string, context: string): string | null | undefined => {
    if (!secrets.needsRotation(ciphertext)) return null;
    try {
      return secrets.encrypt(secrets.decrypt(ciphertext, context), context);
    } catch (err) {
      result.failed.push({ table, id, reason: (err as Error).message });
      return undefined;
    }
  };

  await forEachRow(
    batchSize,
    (after, limit) =>
      db
        .select({ id: mailboxes.id, secret: mailboxes.secretEncrypted })
        .from(mailboxes)
        .where(after ? gt(mailboxes.id, after) : undefined)
        .orderBy(asc(mailboxes.id))
        .limit(limit),
    (row) => row.id,
    async (row) => {
      result.mailboxes.checked++;
      const next = renew('mailboxes', row.id, row.secret, mailboxSecretContext(row.id));
      if (!next) return;
      const updated = await db
        .update(mailboxes)
        .set({ secretEncrypted: next })
        .where(and(eq(mailboxes.id, row.id), eq(mailboxes.secretEncrypted, row.secret)))
        .returning({ id: mailboxes.id });
      result.mailboxes.reencrypted += updated.length;
    },
  );

  await forEachRow(
    batchSize,
    (after, limit) =>
      db
        .select({
          id: webhookSubscriptions.id,
          secret: webhookSubscriptions.secretEncrypted,
          previous: webhookSubscriptions.previousSecretEncrypted,
        })
        .from(webhookSubscriptions)
        .where(after ? gt(webhookSubscriptions.id, after) : undefined)
        .orderBy(asc(webhookSubscriptions.id))
        .limit(limit),
    (row) => row.id,
    async (row) => {
      result.webhookSubscriptions.checked++;
      const context = webhookSecretContext(row.id);
      const secret = renew('webhook_subscriptions', row.id, row.secret, context);
      const previous = row.previous ? renew('webhook_subscriptions', row.id, row.previous, context) : null;
      if (secret === undefined || previous === undefined || (!secret && !previous)) return;
      const samePrevious: SQL =
        row.previous === null
          ? isNull(webhookSubscriptions.previousSecretEncrypted)
          : eq(webhookSubscriptions.previousSecretEncrypted, row.previous);
      const updated = await db
        .update(webhookSubscriptions)
        .set({
          ...(secret ? { secretEncrypted: secret } : {}),
          ...(previous ? { previousSecretEncrypted: previous } : {}),
        })
        .where(
          and(eq(webhookSubscriptions.id, row.id), eq(webhookSubscriptions.secretEncrypted, row.secret), samePrevious),
        )
        .returning({ id: webhookSubscriptions.id });
      result.webhookSubscriptions.reencrypted += updated.length;
    },
  );

  // One row per tenant at most, and only password servers have a secret: read in one go.
  const smtpRows = await db
    .select({ tenantId: tenantSmtpServers.tenantId, secret: tenantSmtpServers.secretEncrypted })
    .from(tenantSmtpServers)
    .where(isNotNull(tenantSmtpServers.secretEncrypted));
  for (const row of smtpRows) {
    result.tenantSmtpServers.checked++;
    const next = renew('tenant_smtp_servers', row.tenantId, row.secret!, tenantSmtpSecretContext(row.tenantId));
    if (!next) continue;
    const updated = await db
      .update(tenantSmtpServers)
      .set({ secretEncrypted: next })
      .where(and(eq(tenantSmtpServers.tenantId, row.tenantId), eq(tenantSmtpServers.secretEncrypted, row.secret!)))
      .returning({ tenantId: tenantSmtpServers.tenantId });
    result.tenantSmtpServers.reencrypted += updated.length;
  }

  await forEachRow(
    batchSize,
    (after, limit) =>
      db
        .select({
          id: mailboxOAuthGrants.mailboxId,
          flow: mailboxOAuthGrants.flowSecretEncrypted,
          refresh: mailboxOAuthGrants.refreshTokenEncrypted,
          access: mailboxOAuthGrants.accessTokenEncrypted,
        })
        .from(mailboxOAuthGrants)
        .where(after ? gt(mailboxOAuthGrants.mailboxId, after) : undefined)
        .orderBy(asc(mailboxOAuthGrants.mailboxId))
        .limit(limit),
    (row) => row.id,
    async (row) => {
      result.mailboxOAuthGrants.checked++;
      const next = {
        flow: row.flow && renew('mailbox_oauth_grants', row.id, row.flow, mailboxOAuthSecretContext(row.id, 'flow')),
        refresh:
          row.refresh &&
          renew('mailbox_oauth_grants', row.id, row.refresh, mailboxOAuthSecretContext(row.id, 'refresh')),
        access:
          row.access && renew('mailbox_oauth_grants', row.id, row.access, mailboxOAuthSecretContext(row.id, 'access')),
      };
      const values = Object.values(next);
      if (values.includes(undefined) || !values.some(Boolean)) return;
      // Compare-and-set on all three: a refresh or a new sign-in meanwhile wins over the re-encrypted old tokens.
      const same = (column: Column, value: string | null): SQL => (value === null ? isNull(column) : eq(column, value));
      const updated = await db
        .update(mailboxOAuthGrants)
        .set({
          ...(next.flow ? { flowSecretEncrypted: next.flow } : {}),
          ...(next.refresh ? { refreshTokenEncrypted: next.refresh } : {}),
          ...(next.access ? { accessTokenEncrypted: next.access } : {}),
        })
        .where(
          and(
            eq(mailboxOAuthGrants.mailboxId, row.id),
            same(mailboxOAuthGrants.flowSecretEncrypted, row.flow),
            same(mailboxOAuthGrants.refreshTokenEncrypted, row.refresh),
            same(mailboxOAuthGrants.accessTokenEncrypted, row.access),
          ),
        )
        .returning({ id: mailboxOAuthGrants.mailboxId });
      result.mailboxOAuthGrants.reencrypted += updated.length;
    },
  );
  return result;
}

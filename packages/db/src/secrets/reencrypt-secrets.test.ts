import { randomBytes } from 'node:crypto';
import { SecretBox } from '@bounce/config';
import { v1Ciphertext } from '@bounce/config/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailbox, loadMailboxForConnection, mailboxSecretContext } from '../mailboxes/mailbox-store.js';
import { completeOAuthFlow, lockOAuthGrant, startOAuthFlow } from '../mailboxes/oauth-grants.js';
import {
  getWebhookSubscription,
  insertWebhookSubscription,
  rotateWebhookSubscriptionSecret,
  webhookSecretContext,
} from '../notifications/webhook-subscriptions.js';
import { mailboxes, tenants, webhookSubscriptions } from '../schema.js';
import { loadTenantSmtpServerForConnection, putTenantSmtpServer } from '../smtp-servers/smtp-server-store.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { reencryptSecrets } from './reencrypt-secrets.js';

let t: TestDatabase;
const OLD_KEY = randomBytes(32).toString('base64');
const NEW_KEY = randomBytes(32).toString('base64');
const before = new SecretBox(OLD_KEY);
const after = new SecretBox(NEW_KEY, [OLD_KEY]);

const mailbox = (name: string) => ({
  name,
  host: 'imap.example.test',
  port: 993,
  tlsMode: 'implicit' as const,
  username: `${name}@example.test`,
  secret: `password of ${name}`,
});

beforeAll(async () => {
  t = await createTestDatabase('reencrypt');
  await t.db.insert(tenants).values({ id: 'acme', name: 'Acme' });
});

afterAll(async () => {
  await t?.drop();
});

describe('reencryptSecrets (after SECRETS_KEY_PREVIOUS → SECRETS_KEY)', () => {
  it('moves every mailbox and webhook secret to the current key, bound to its row, and is idempotent', async () => {
    // Written under the old key: 3 mailboxes (one in the old v1 format), 2 subscriptions (one mid-rotation).
    const boxes: Awaited<ReturnType<typeof createMailbox>>[] = [];
    for (const name of ['a', 'b', 'c']) boxes.push(await createMailbox(t.db, before, 'acme', mailbox(name)));
    await t.db
      .update(mailboxes)
      .set({ secretEncrypted: v1Ciphertext(before, OLD_KEY, 'password of c') })
      .where(eq(mailboxes.id, boxes[2]!.id));
    const subs = [];
    for (const n of [1, 2]) {
      const id = crypto.randomUUID();
      subs.push(
        await insertWebhookSubscription(t.db, {
          id,
          tenantId: 'acme',
          url: `https://hooks.example.com/${n}`,
          secretEncrypted: before.encrypt(`whsec_first_${n}`, webhookSecretContext(id)),
        }),
      );
    }
    await rotateWebhookSubscriptionSecret(t.db, 'acme', subs[1]!.id, {
      secretEncrypted: before.encrypt('whsec_second_2', webhookSecretContext(subs[1]!.id)),
      previousExpiresAt: new Date(Date.now() + 3_600_000),
    });

    await putTenantSmtpServer(t.db, before, 'acme', {
      host: 'smtp.example.test',
      port: 587,
      tlsMode: 'starttls',
      authMethod: 'password',
      username: 'bounces@example.test',
      secret: 'smtp password',
      fromAddress: 'bounces@example.test',
    });

    // A signed-in mailbox's grant: refresh and access token under the old key.
    await startOAuthFlow(t.db, before, {
      tenantId: 'acme',
      mailboxId: boxes[0]!.id,
      provider: 'microsoft',
      flowSecret: 'device-code',
      flowExpiresAt: new Date(Date.now() + 600_000),
    });
    await completeOAuthFlow(t.db, before, boxes[0]!.id, {
      accessToken: 'access-token',
      refreshToken: 'refresh-token',
      accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
    });

    // Batches of 2: the keyset paging crosses a page boundary.
    const first = await reencryptSecrets(t.db, after, { batchSize: 2 });
    expect(first).toEqual({
      mailboxes: { checked: 3, reencrypted: 3 },
      webhookSubscriptions: { checked: 2, reencrypted: 2 },
      tenantSmtpServers: { checked: 1, reencrypted: 1 },
      mailboxOAuthGrants: { checked: 1, reencrypted: 1 },
      failed: [],
    });

    // Only the new key is needed now, and every value is the same secret as before.
    const newOnly = new SecretBox(NEW_KEY);
    for (const [i, box] of boxes.entries()) {
      expect((await loadMailboxForConnection(t.db, newOnly, box.id))!.secret).toBe(`password of ${'abc'[i]}`);
    }
    const rows = await t.db.select().from(mailboxes);
    for (const row of rows) {
      expect(row.secretEncrypted.startsWith('v2:')).toBe(true);
      expect(after.needsRotation(row.secretEncrypted)).toBe(false);
    }
    expect((await loadTenantSmtpServerForConnection(t.db, newOnly, 'acme'))!.password).toBe('smtp password');
    const grant = await t.db.transaction((tx) => lockOAuthGrant(tx, newOnly, boxes[0]!.id));
    expect(grant).toMatchObject({ refreshToken: 'refresh-token', accessToken: 'access-token', flowSecret: null });
    const sub2 = (await getWebhookSubscription(t.db, 'acme', subs[1]!.id))!;
    expect(newOnly.decrypt(sub2.secretEncrypted, webhookSecretContext(sub2.id))).toBe('whsec_second_2');
    expect(newOnly.decrypt(sub2.previousSecretEncrypted!, webhookSecretContext(sub2.id))).toBe('whsec_first_2');

    // A second run finds nothing to do and changes nothing.
    const snapshot = JSON.stringify(await t.db.select().from(webhookSubscriptions).orderBy(webhookSubscriptions.id));
    const second = await reencryptSecrets(t.db, after, { batchSize: 2 });
    expect(second).toEqual({
      mailboxes: { checked: 3, reencrypted: 0 },
      webhookSubscriptions: { checked: 2, reencrypted: 0 },
      tenantSmtpServers: { checked: 1, reencrypted: 0 },
      mailboxOAuthGrants: { checked: 1, reencrypted: 0 },
      failed: [],
    });
    expect(JSON.stringify(await t.db.select().from(webhookSubscriptions).orderBy(webhookSubscriptions.id))).toBe(
      snapshot,
    );
  });

  it('reports a secret no configured key can read (by id, no value) and carries on with the others', async () => {
    const lost = await createMailbox(t.db, new SecretBox(randomBytes(32).toString('base64')), 'acme', mailbox('lost'));
    const fresh = await createMailbox(t.db, before, 'acme', mailbox('fresh'));
    const result = await reencryptSecrets(t.db, after);
    expect(result.failed).toEqual([{ table: 'mailboxes', id: lost.id, reason: expect.stringMatching(/no key/) }]);
    expect(result.mailboxes.reencrypted).toBe(1);
    expect((await loadMailboxForConnection(t.db, new SecretBox(NEW_KEY), fresh.id))!.secret).toBe('password of fresh');
  });

  it('a ciphertext copied into another row does not decrypt there', async () => {
    const a = await createMailbox(t.db, after, 'acme', mailbox('row-a'));
    const b = await createMailbox(t.db, after, 'acme', mailbox('row-b'));
    const [rowA] = await t.db.select().from(mailboxes).where(eq(mailboxes.id, a.id));
    await t.db.update(mailboxes).set({ secretEncrypted: rowA!.secretEncrypted }).where(eq(mailboxes.id, b.id));
    await expect(loadMailboxForConnection(t.db, after, b.id)).rejects.toThrow(/failed authentication/);
    expect(after.decrypt(rowA!.secretEncrypted, mailboxSecretContext(a.id))).toBe('password of row-a');
  });
});

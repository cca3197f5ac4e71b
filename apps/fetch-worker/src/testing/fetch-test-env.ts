/**
 * Shared setup of the fetch worker's integration tests: a private Postfix + Dovecot (@bounce/test-servers), a fresh
 * PostgreSQL database, a unique BullMQ prefix on the shared Redis, and helpers to create mailboxes pointing at the
 * test Dovecot. Real servers throughout; nothing is mocked.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger, type Logger, SecretBox } from '@bounce/config';
import { createMailbox, type Mailbox, type NewMailbox, rawMessages, tenants } from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { loopbackTestPolicy } from '@bounce/mailbox-access';
import { type OAuthMailServers, startOAuthMailServers } from '@bounce/mailbox-access/testing';
import type { RedisConnection } from '@bounce/queue';
import { createQueue, createRedis, type JobPayload } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { type MailServers, type MailUser, startMailServers, type TestOAuthServerOptions } from '@bounce/test-servers';
import type { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import type { FetchMailboxDeps } from '../fetch-mailbox.js';

export const TENANT = 'acme';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export type FetchTestEnv = {
  t: TestDatabase;
  redis: RedisConnection;
  prefix: string;
  servers: MailServers;
  /** With `oauth`: the loopback authorization server Dovecot asks, its providers and the device sign-in. */
  oauth?: OAuthMailServers;
  secrets: SecretBox;
  secretsKey: string;
  logger: Logger;
  parseQueue: Queue<JobPayload<'parseMessages'>>;
  fetchQueue: Queue<JobPayload<'fetchMailbox'>>;
  /** A mailbox on the test Dovecot (STARTTLS, self-signed allowed, the bounce user) unless overridden. */
  createTestMailbox: (overrides?: Partial<NewMailbox>) => Promise<Mailbox>;
  /** A logged-in IMAP client on the test Dovecot (cleartext on loopback). */
  imap: (user?: string, password?: string) => Promise<ImapFlow>;
  /** Parse jobs enqueued so far (waiting or otherwise). */
  parseJobs: () => Promise<JobPayload<'parseMessages'>[]>;
  /** What fetchMailbox needs, on this environment (loopback allowed, as an installation allows it explicitly). */
  fetchDeps: (overrides?: Partial<FetchMailboxDeps>) => FetchMailboxDeps;
  /** The raw messages stored for a mailbox. */
  rawRowsOf: (mailboxId: string) => Promise<(typeof rawMessages.$inferSelect)[]>;
  close: () => Promise<void>;
};

export async function setupFetchTestEnv(
  options: { users?: MailUser[]; oauth?: TestOAuthServerOptions } = {},
): Promise<FetchTestEnv> {
  const [mail, t] = await Promise.all([
    options.oauth
      ? startOAuthMailServers({ oauth: options.oauth, mail: { users: options.users } })
      : startMailServers({ users: options.users }),
    createTestDatabase('bounce_fetch'),
  ]);
  const oauth = 'auth' in mail ? mail : undefined;
  const servers = 'auth' in mail ? mail.servers : mail;
  await t.db.insert(tenants).values({ id: TENANT, name: 'Acme' });
  const redis = createRedis(REDIS_URL, 'worker');
  const prefix = `test-fetch-${randomUUID()}`;
  const secretsKey = randomBytes(32).toString('base64');
  const secrets = new SecretBox(secretsKey);
  const logger = createLogger({ name: 'fetch-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const parseQueue = createQueue('parseMessages', redis, prefix);
  const fetchQueue = createQueue('fetchMailbox', redis, prefix);
  let counter = 0;

  return {
    t,
    redis,
    prefix,
    servers,
    oauth,
    secrets,
    secretsKey,
    logger,
    parseQueue,
    fetchQueue,
    createTestMailbox: (overrides = {}) =>
      createMailbox(t.db, secrets, TENANT, {
        name: `mailbox-${++counter}-${randomBytes(3).toString('hex')}`,
        host: servers.host,
        port: servers.imapPort,
        tlsMode: 'starttls',
        tlsAllowInvalid: true,
        username: servers.bounceUser,
        secret: servers.bouncePassword,
        useIdle: false,
        pollIntervalSeconds: 0,
        ...overrides,
      }),
    imap: async (user = servers.bounceUser, password = servers.bouncePassword) => {
      const client = new ImapFlow({
        host: servers.host,
        port: servers.imapPort,
        secure: false,
        doSTARTTLS: false,
        auth: { user, pass: password },
        logger: false,
      });
      client.on('error', () => {});
      await client.connect();
      return client;
    },
    parseJobs: async () =>
      (await parseQueue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).map((j) => j.data),
    fetchDeps: (overrides = {}) => ({
      db: t.db,
      secrets,
      parseQueue,
      logger,
      // The local Dovecot listens on loopback and random ports: allowed explicitly, as an installation would.
      imap: { network: loopbackTestPolicy() },
      ...overrides,
    }),
    rawRowsOf: (mailboxId) => t.db.select().from(rawMessages).where(eq(rawMessages.mailboxId, mailboxId)),
    close: async () => {
      await Promise.allSettled([parseQueue.close(), fetchQueue.close()]);
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
      await Promise.allSettled([oauth ? oauth.stop() : servers.stop(), t.drop()]);
    },
  };
}

/** A small, unique RFC 5322 message (a stand-in bounce for bulk tests). */
export function testMessage(n: number, tag = 'bulk'): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mta.test>',
    'To: bounces@mta.test',
    `Subject: Undelivered Mail Returned to Sender (${tag} ${n})`,
    `Message-ID: <${tag}-${n}-${randomBytes(4).toString('hex')}@mta.test>`,
    'Date: Wed, 25 Nov 2026 12:00:00 +0000',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `<user${n}@remote.test>: host 127.0.0.1 said: 550 5.1.1 User unknown (${tag} ${n})`,
    '',
  ].join('\r\n');
}

/** A message as the account test's sending half sends it (marked with its header), to the bounce mailbox. */
export function accountTestMessage(marker: string): string {
  return [
    'From: CRM <crm@app.test>',
    'To: bounces@mta.test',
    'Subject: Bounce mailbox account test',
    `Message-ID: <account-test.${marker}@app.test>`,
    'Date: Wed, 25 Nov 2026 12:00:00 +0000',
    `X-Bounce-Account-Test: ${marker}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This message tests the sending half of a mailbox account test.',
    '',
  ].join('\r\n');
}

/** APPENDs many messages, pipelined in groups (imapflow queues the commands on one connection). */
export async function appendMessages(client: ImapFlow, folder: string, messages: readonly string[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 50) {
    await Promise.all(messages.slice(i, i + 50).map((m) => client.append(folder, m)));
  }
}

/** Polls until `check` returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

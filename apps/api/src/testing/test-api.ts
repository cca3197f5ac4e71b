/**
 * Test harness: the API built against its own fresh PostgreSQL database (createTestDatabase), two tenants with a key
 * per scope, and helpers for authenticated `inject` calls. Test-only; nothing imports it outside *.test.ts files.
 */
import { randomBytes } from 'node:crypto';
import { createLogger, SecretBox } from '@bounce/config';
import { type ApiKeyScope, createApiKey, createTenant } from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import type { Mailer, SmtpSettings } from '@bounce/mailer';
import type { RedisConnection } from '@bounce/queue';
import { createRedis } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type ApiConfig, buildApp } from '../app.js';
import type { MailboxConnectionTester } from '../routes/route-deps.js';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type TenantKeys = Record<ApiKeyScope, string> & { ids: Record<ApiKeyScope, string> };

export type TestApi = {
  app: FastifyInstance;
  database: TestDatabase;
  secretBox: SecretBox;
  /** The BullMQ/rate-limit prefix of this test (unique), when Redis is on. */
  prefix: string;
  redis: RedisConnection | null;
  /** Tenant "acme": a key per scope. */
  acme: TenantKeys;
  /** Tenant "globex": a key per scope (for isolation tests). */
  globex: TenantKeys;
  /** inject with `Authorization: Bearer <key>`. */
  call: (key: string | null, options: InjectOptions) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
};

export type TestApiOptions = {
  /** Connect to the local Redis (producer role) with a unique prefix. Default false. */
  redis?: boolean;
  rateLimit?: ApiConfig['rateLimit'];
  /** Default: effectively unlimited (suites sign in many times from one address). */
  signInRateLimit?: ApiConfig['signInRateLimit'];
  /** Console build to serve under /console. Default none. */
  consoleDir?: string | null;
  webhookAllowLoopback?: boolean;
  /** Where the mailbox connection test may connect. Default: the production default (mail ports, public only). */
  mailboxNetwork?: ApiConfig['mailboxNetwork'];
  dashboardUrl?: string | null;
  /** Default: the fetch worker's real connection test. */
  testMailboxConnection?: MailboxConnectionTester | null;
  mailer?: Mailer | null;
  /** SMTP server for the account test's sending half. Default none. */
  smtpSettings?: SmtpSettings | null;
  /** VERP signing of handed-out return paths. Default none. */
  verp?: ApiConfig['verp'];
  /** Resolver of the sending-setup check (a test DNS server). Default the system's. */
  senderHealth?: ApiConfig['senderHealth'];
  /** Microsoft 365 / Google sign-in (a loopback test authorization server). Default none. */
  oauthProviders?: ApiConfig['oauthProviders'];
};

async function keysFor(database: TestDatabase, tenantId: string): Promise<TenantKeys> {
  const keys = {} as TenantKeys;
  keys.ids = {} as TenantKeys['ids'];
  for (const scope of ['read', 'write', 'admin'] as const) {
    const k = await createApiKey(database.db, { tenantId, name: `${scope} key`, scopes: [scope] });
    keys[scope] = k.key;
    keys.ids[scope] = k.id;
  }
  return keys;
}

export async function createTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const database = await createTestDatabase('api_test');
  await createTenant(database.db, { id: 'acme', name: 'Acme' });
  await createTenant(database.db, { id: 'globex', name: 'Globex' });
  const acme = await keysFor(database, 'acme');
  const globex = await keysFor(database, 'globex');
  const prefix = `api-test-${randomBytes(6).toString('hex')}`;
  let redis: RedisConnection | null = null;
  if (options.redis) {
    redis = createRedis(TEST_REDIS_URL, 'producer');
    await new Promise<void>((resolve, reject) => {
      redis?.once('ready', () => resolve());
      redis?.once('error', reject);
    });
  }
  const secretBox = new SecretBox(randomBytes(32).toString('hex'));
  const app = await buildApp({
    db: database.db,
    redis,
    logger: createLogger({ name: 'api-test', level: 'silent' }),
    ...(options.testMailboxConnection !== undefined ? { testMailboxConnection: options.testMailboxConnection } : {}),
    mailer: options.mailer ?? null,
    smtpSettings: options.smtpSettings ?? null,
    config: {
      secretBox,
      queuePrefix: prefix,
      rateLimit: options.rateLimit ?? { max: 100_000, windowMs: 60_000 },
      webhookAllowLoopback: options.webhookAllowLoopback ?? true,
      ...(options.mailboxNetwork ? { mailboxNetwork: options.mailboxNetwork } : {}),
      dashboardUrl: options.dashboardUrl ?? null,
      signInRateLimit: options.signInRateLimit ?? { max: 100_000, windowMs: 60_000 },
      consoleDir: options.consoleDir ?? null,
      verp: options.verp ?? null,
      ...(options.oauthProviders ? { oauthProviders: options.oauthProviders } : {}),
      // No test may ask a public resolver: by default the setup check asks a closed loopback port (answers "error").
      senderHealth: options.senderHealth ?? {
        dnsServers: ['127.0.0.1:9'],
        dnsTimeoutMs: 200,
        dnsTries: 1,
        dnsbls: [],
        queryNamedLists: false,
      },
    },
  });
  await app.ready();
  return {
    app,
    database,
    secretBox,
    prefix,
    redis,
    acme,
    globex,
    call: (key, injectOptions) =>
      app.inject({
        ...injectOptions,
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...injectOptions.headers },
      }),
    close: async () => {
      await app.close();
      if (redis) {
        // Remove only this test's keys: other suites share the Redis.
        await deleteKeysWithPrefix(redis, prefix);
        await redis.quit();
      }
      await database.drop();
    },
  };
}

/**
 * The body of `POST /v1/mailboxes` for the bounce user of a local Dovecot (implicit TLS with its self-signed
 * certificate), the mailbox most API tests create.
 */
export function bounceMailboxSettings(servers: {
  host: string;
  imapsPort: number;
  bounceUser: string;
  bouncePassword: string;
}) {
  return {
    name: 'bounces',
    host: servers.host,
    port: servers.imapsPort,
    tlsMode: 'implicit',
    tlsAllowInvalid: true,
    username: servers.bounceUser,
    secret: servers.bouncePassword,
  };
}

/** The parsed JSON body of a response. */
export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

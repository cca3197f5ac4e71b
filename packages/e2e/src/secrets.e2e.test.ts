/**
 * Secrets never reach logs or responses. Every process of the system is started from its main.ts, as deployed, with
 * every secret of its configuration set to a recognisable marker (the encryption keys, the VERP secrets, the
 * bootstrap key, the dashboard token, the SMTP password, and the passwords inside the database, Redis and SMTP URLs)
 * and the most verbose log level; the API and the dashboard are then asked everything an unauthenticated or
 * authenticated caller can ask. No marker may appear in any log line or response body.
 *
 * Redaction follows the config schemas (`secret()` in @bounce/config), so a secret added to a schema is covered
 * here by being listed in SECRETS below; a secret missing from a schema shows up in the start-up config line.
 */
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { getFreePort } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppName, WorkerProcess } from './worker-process.js';

const marker = (name: string) => `marker${name}${randomBytes(6).toString('hex')}`;
/** A valid 32-byte key as 64 hex characters, recognisable in output. */
const keyMarker = () => `5ec2e7${randomBytes(29).toString('hex')}`;

const SECRETS = {
  SECRETS_KEY: keyMarker(),
  SECRETS_KEY_PREVIOUS: `${keyMarker()},${keyMarker()}`,
  VERP_SECRETS: `${marker('verpa')},${marker('verpb')}`,
  BOOTSTRAP_ADMIN_KEY: marker('bootstrapadminkey0123456789abcdef'),
  DASHBOARD_ADMIN_TOKEN: marker('dashboardtoken0123456789'),
  SMTP_PASS: marker('smtppass'),
};
const RELAY_PASSWORD = marker('relaypassword');
const RELAY_API_KEY = marker('relayapikey');
const DATABASE_PASSWORD = marker('dbpass');
const REDIS_PASSWORD = marker('redispass');
const SMTP_URL_PASSWORD = marker('smtpurlpass');

/** Every marker, split into the parts that could leak on their own (a list element, one key of several). */
const MARKERS = [
  ...Object.values(SECRETS).flatMap((v) => v.split(',')),
  RELAY_PASSWORD,
  RELAY_API_KEY,
  DATABASE_PASSWORD,
  REDIS_PASSWORD,
  SMTP_URL_PASSWORD,
];

let database: TestDatabase;
const processes: WorkerProcess[] = [];
const output: { app: AppName; line: string }[] = [];
let apiUrl = '';
let dashboardUrl = '';

function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.username ||= 'default';
  u.password = password;
  return u.toString();
}

beforeAll(async () => {
  database = await createTestDatabase('bounce_secrets');
  const [apiPort, dashboardPort, relayPort, ...healthPorts] = await Promise.all(
    Array.from({ length: 8 }, () => getFreePort()),
  );
  const common = {
    ...SECRETS,
    DATABASE_URL: withPassword(database.url, DATABASE_PASSWORD),
    // Redis without AUTH accepts the connection and ignores the password (ioredis warns, without the password).
    REDIS_URL: withPassword(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PASSWORD),
    QUEUE_PREFIX: `secrets-${randomBytes(4).toString('hex')}`,
    SMTP_URL: `smtp://operator:${SMTP_URL_PASSWORD}@127.0.0.1:9/`,
    SMTP_USER: 'operator',
    SMTP_FROM: 'Bounce <bounce@example.com>',
    VERP_DOMAIN: 'bounces.example.com',
    LOG_LEVEL: 'trace',
  };
  const envOf: Record<AppName, Record<string, string>> = {
    api: { ...common, PORT: String(apiPort), HOST: '127.0.0.1' },
    dashboard: { ...common, PORT: String(dashboardPort), HOST: '127.0.0.1' },
    fetch: { ...common, HEALTH_PORT: String(healthPorts[0]), HEALTH_HOST: '127.0.0.1', IDLE_ENABLED: 'false' },
    parse: { ...common, HEALTH_PORT: String(healthPorts[1]), HEALTH_HOST: '127.0.0.1' },
    rules: { ...common, HEALTH_PORT: String(healthPorts[2]), HEALTH_HOST: '127.0.0.1' },
    notify: { ...common, HEALTH_PORT: String(healthPorts[3]), HEALTH_HOST: '127.0.0.1' },
    'smtp-relay': {
      ...common,
      HEALTH_PORT: String(healthPorts[4]),
      HEALTH_HOST: '127.0.0.1',
      RELAY_PORT: String(relayPort),
      RELAY_HOST: '127.0.0.1',
      RELAY_ALLOW_INSECURE_AUTH: 'true',
      RELAY_CREDENTIALS: JSON.stringify([{ user: 'crm', password: RELAY_PASSWORD, apiKey: RELAY_API_KEY }]),
      BOUNCE_API_URL: `http://127.0.0.1:${apiPort}`,
      SMARTHOST_URL: `smtp://relay:${SMTP_URL_PASSWORD}@127.0.0.1:9/`,
    },
  };
  // The API first: it runs the migrations and creates the bootstrap key.
  for (const app of ['api', 'dashboard', 'fetch', 'parse', 'rules', 'notify', 'smtp-relay'] as const) {
    const process = new WorkerProcess({ name: app, env: envOf[app], onLine: (line) => output.push({ app, line }) });
    processes.push(process);
    await process.start();
  }
  apiUrl = `http://127.0.0.1:${apiPort}`;
  dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
}, 240_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await database?.drop();
}, 60_000);

function leaks(text: string): string[] {
  return MARKERS.filter((m) => text.includes(m));
}

/** GETs every path, returns "status path: body" per response. */
async function getAll(base: string, paths: string[], headers: Record<string, string> = {}): Promise<string[]> {
  return Promise.all(
    paths.map(async (path) => {
      const res = await fetch(`${base}${path}`, { headers });
      return `${res.status} ${path}: ${await res.text()}`;
    }),
  );
}

const API_PATHS = [
  '/healthz',
  '/readyz',
  '/docs/json',
  '/dashboard',
  '/v1/me',
  '/v1/api-keys',
  '/v1/audit',
  '/v1/bounces',
  '/v1/bounces/unmatched',
  '/v1/can-send?address=a@example.com&category=invoice',
  '/v1/domain-blocks',
  '/v1/events',
  '/v1/event-types',
  '/v1/mailboxes',
  '/v1/operator-subscriptions',
  '/v1/rule-sets',
  '/v1/rule-sets/effective',
  '/v1/sender-alerts',
  '/v1/suppressions',
  '/v1/webhooks',
  '/v1/webhook-deliveries',
  '/v1/bounces/not-a-uuid',
];

describe('secrets', () => {
  it('every process starts with every secret set, and logs its configuration redacted', () => {
    for (const app of ['api', 'dashboard', 'fetch', 'parse', 'rules', 'notify', 'smtp-relay'] as const) {
      const config = output.find((o) => o.app === app && o.line.includes('"starting"'));
      expect(config, `${app} logged no start-up configuration`).toBeDefined();
      // The URL passwords at least (every process has a database or Redis URL), and the marked secrets it has.
      expect(config!.line).toContain(':***@');
      if (app !== 'parse') expect(config!.line).toMatch(/\[(\d+ )?redacted\]/);
    }
  });

  it('appear in no API response, authenticated or not', async () => {
    const bearer = { authorization: `Bearer ${SECRETS.BOOTSTRAP_ADMIN_KEY}` };
    const responses = [
      ...(await getAll(apiUrl, API_PATHS)),
      ...(await getAll(apiUrl, API_PATHS, bearer)),
      ...(await getAll(apiUrl, ['/v1/me'], { authorization: `Bearer ${SECRETS.BOOTSTRAP_ADMIN_KEY}x` })),
    ];
    // The key really works (otherwise the authenticated half would prove nothing).
    expect(responses).toContainEqual(expect.stringMatching(/^200 \/v1\/me: /));
    for (const response of responses) expect(leaks(response), response.slice(0, 300)).toEqual([]);
  });

  it('appear in no dashboard response', async () => {
    const basic = (user: string, password: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    });
    const responses = [
      ...(await getAll(dashboardUrl, ['/', '/api/queues'])),
      ...(await getAll(dashboardUrl, ['/', '/api/queues'], basic('admin', SECRETS.DASHBOARD_ADMIN_TOKEN))),
      ...(await getAll(dashboardUrl, ['/api/queues'], basic('admin', SECRETS.BOOTSTRAP_ADMIN_KEY))),
    ];
    expect(responses).toContainEqual(expect.stringMatching(/^200 \/api\/queues: /));
    for (const response of responses) expect(leaks(response), response.slice(0, 300)).toEqual([]);
  });

  it('appear in no log line of any process', async () => {
    // Stop everything first, so shutdown logging is checked too.
    await Promise.all(processes.map((p) => p.stop()));
    expect(output.length).toBeGreaterThan(50);
    const leaked = output.filter((o) => leaks(o.line).length > 0).map((o) => `${o.app} | ${o.line.slice(0, 300)}`);
    expect(leaked).toEqual([]);
  });
});

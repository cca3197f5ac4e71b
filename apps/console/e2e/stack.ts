/**
 * The real system the browser tests drive: a fresh PostgreSQL database (createTestDatabase), the local Redis with
 * a unique queue prefix, and the API as deployed (`node --import tsx src/main.ts` in apps/api, a child process)
 * serving this package's production build under /console. A console admin is created with the API's
 * create-operator command; a bootstrap admin key lets tests seed data through the public API.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { SENDER_HEALTH_TEST_ZONES_DIR } from '@bounce/sender-health/testing';
import { getFreePort, startDnsServer, startTestOAuthServer } from '@bounce/test-servers';

export const CONSOLE_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
const API_DIR = fileURLToPath(new URL('../../api/', import.meta.url));
/** Where globalSetup leaves what the tests need (URL, credentials). */
export const STACK_FILE = fileURLToPath(new URL('../test-results/stack.json', import.meta.url));

export type StackInfo = {
  baseUrl: string;
  apiKey: string;
  tenant: string;
  email: string;
  password: string;
  /** The queue prefix of this run's API (tests that start workers or servers use their own). */
  queuePrefix: string;
  /** The API's database, for seeding what only the workers write (fetched and unparsable messages). */
  databaseUrl: string;
  /** The DNS server (NSD, sender-health's scenario zones) the API's sender checks ask: host:port. */
  dnsServer: string;
};

export function readStack(): StackInfo {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as StackInfo;
}

export type Stack = StackInfo & { stop: () => Promise<void> };

function childEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...extra };
}

async function waitForReady(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API was not ready within ${timeoutMs} ms:\n${output()}`);
}

export async function startStack(): Promise<Stack> {
  if (!existsSync(`${CONSOLE_DIR}index.html`)) {
    throw new Error(
      'apps/console/dist is missing: the test script builds it first (pnpm --filter @bounce/console test)',
    );
  }
  const database: TestDatabase = await createTestDatabase('console_e2e');
  await database.close();
  // Sender checks never ask a public resolver: the scenario zones of @bounce/sender-health on a loopback port.
  const dns = await startDnsServer({ zonesDir: SENDER_HEALTH_TEST_ZONES_DIR });
  const port = await getFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Microsoft 365 and Google sign-in of mailboxes: the loopback authorization server plays both providers; its
  // user consents at once when the browser arrives (Google's code flow).
  const oauth = await startTestOAuthServer({ consentingUser: 'bounces@contoso.example' });
  const apiKey = `bk_console_e2e_${randomBytes(24).toString('hex')}`;
  const tenant = 'acme';
  const queuePrefix = `console-e2e-${randomBytes(4).toString('hex')}`;
  const env = childEnv({
    DATABASE_URL: database.url,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: queuePrefix,
    SECRETS_KEY: randomBytes(32).toString('hex'),
    PORT: String(port),
    HOST: '127.0.0.1',
    CONSOLE_DIR,
    BOOTSTRAP_ADMIN_KEY: apiKey,
    BOOTSTRAP_TENANT: tenant,
    WEBHOOK_ALLOW_LOOPBACK: 'true',
    // The test Dovecot listens on 127.0.0.1 at random ports: a trusted network for this installation.
    MAILBOX_ALLOWED_NETWORKS: '127.0.0.1/32',
    // Every test signs in from 127.0.0.1.
    SIGN_IN_RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_MAX: '1000000',
    DASHBOARD_URL: 'http://127.0.0.1:1/dashboard',
    SENDER_HEALTH_DNS_SERVERS: dns.address,
    SENDER_HEALTH_DNSBLS: 'bl.dnsbl.test',
    OAUTH_MICROSOFT_CLIENT_ID: oauth.clientId,
    OAUTH_MICROSOFT_DEVICE_AUTHORIZATION_URL: oauth.endpoints.deviceAuthorization,
    OAUTH_MICROSOFT_TOKEN_URL: oauth.endpoints.token,
    OAUTH_GOOGLE_CLIENT_ID: oauth.clientId,
    OAUTH_GOOGLE_CLIENT_SECRET: 'console-e2e-google-secret',
    OAUTH_GOOGLE_REDIRECT_URI: `${baseUrl}/v1/oauth/callback`,
    OAUTH_GOOGLE_AUTHORIZATION_URL: oauth.endpoints.authorization,
    OAUTH_GOOGLE_TOKEN_URL: oauth.endpoints.token,
    OAUTH_ALLOW_INSECURE_HTTP: 'true',
    LOG_LEVEL: 'warn',
  });
  const lines: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: API_DIR, env, stdio: 'pipe' });
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString());
    if (lines.length > 200) lines.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await database.drop();
    await dns.stop();
    await oauth.stop();
  };
  try {
    await waitForReady(baseUrl, child, () => lines.join(''), 120_000);
    const email = 'ops@acme.example';
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/create-operator.ts', '--tenant', tenant, '--email', email, '--name', 'Olga Ops'],
      { cwd: API_DIR, env: childEnv({ DATABASE_URL: database.url, LOG_LEVEL: 'warn' }) },
    );
    const password = stdout.trim();
    if (!password) throw new Error('create-operator printed no password');
    const info: StackInfo = {
      baseUrl,
      apiKey,
      tenant,
      email,
      password,
      queuePrefix,
      databaseUrl: database.url,
      dnsServer: dns.address,
    };
    // The bench starts the stack without Playwright's global setup: on a fresh checkout test-results/ is missing.
    mkdirSync(dirname(STACK_FILE), { recursive: true });
    writeFileSync(STACK_FILE, JSON.stringify(info));
    return { ...info, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The README's quick start, followed the way a newcomer would (issue 16's first hour): `./scripts/dev-all.sh` (what
 * `up.sh` ends with, after `pnpm install`) on a fresh database it creates itself, on ports of its own
 * (API_PORT, DASHBOARD_PORT, HEALTH_PORT_BASE) and with its secrets in a temp directory (DEV_DATA_DIR), so it runs
 * beside anyone's real dev-all. Then what the README tells them to do: read the ready banner, call the API with the
 * admin key it prints, sign in to the console with the password it prints, open the dashboard through /dashboard,
 * run the documented nodemailer example and find the send recorded with its VERP return path, which the message left
 * with. Also the first-hour promises the banner and logs make: readable prefixed log lines, every worker's health,
 * a crashed process restarted by dev-all, and Ctrl-C stopping everything.
 *
 * The console build is skipped (CONSOLE_BUILD=false: minutes on a loaded 2-core machine; its own tests build it),
 * so sign-in goes through the API the console calls.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, readlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '@bounce/db';
import { TEST_SERVER_URL } from '@bounce/db/testing';
import { pollUntil } from '@bounce/test-servers';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunDir, type RunDir } from './run-dir.js';

const run = promisify(execFile);
const REPO_ROOT = new URL('../../../', import.meta.url).pathname;
const DATABASE = `bounce_quickstart_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const databaseUrl = (() => {
  const u = new URL(TEST_SERVER_URL);
  u.pathname = `/${DATABASE}`;
  return u.toString();
})();

let runDir: RunDir;
let devAll: ChildProcess;
let output = '';
let exited: Promise<number | null>;
let ports: { api: number; dashboard: number; health: number };
let banner: string;

/** True when nothing listens on the port (so dev-all can bind it). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A random base with the API, the dashboard and the five health ports (base .. base+4) free. */
async function freePorts(): Promise<{ api: number; dashboard: number; health: number }> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const wanted = [base, base + 1, base + 10, base + 11, base + 12, base + 13, base + 14];
    if ((await Promise.all(wanted.map(isFree))).every(Boolean))
      return { api: base, dashboard: base + 1, health: base + 10 };
  }
}

/** This process's environment without the settings a newcomer's shell does not have (dev-all generates them). */
function newcomerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(SECRETS_KEY|DASHBOARD_|BOOTSTRAP_|VERP_|HOST$|HEALTH_|PORT$|LOG_|CONSOLE_)/.test(key)) delete env[key];
  }
  return env;
}

const api = (path: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${ports.api}${path}`, init);
const show = () => `dev-all output (last 4,000 characters):\n${output.slice(-4000)}`;

beforeAll(async () => {
  runDir = await createRunDir('quick-start');
  ports = await freePorts();
  devAll = spawn('bash', ['scripts/dev-all.sh'], {
    cwd: REPO_ROOT,
    // Its own process group: the watchdog and afterAll stop exactly what this test started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...newcomerEnv(),
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: `qs${randomBytes(4).toString('hex')}`,
      API_PORT: String(ports.api),
      DASHBOARD_PORT: String(ports.dashboard),
      HEALTH_PORT_BASE: String(ports.health),
      DEV_DATA_DIR: runDir.path,
      CONSOLE_BUILD: 'false',
      LOG_LEVEL: 'info',
    },
  });
  await runDir.track('dev-all', devAll.pid!);
  for (const stream of [devAll.stdout, devAll.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk));
  exited = new Promise((resolve) => devAll.once('exit', (code) => resolve(code)));
  banner = await pollUntil(
    () => {
      const start = output.indexOf('dev-all: ready');
      const end = output.indexOf('Ctrl-C stops everything.', start);
      return start >= 0 && end > start ? output.slice(start, end) : undefined;
    },
    { timeoutMs: 270_000, intervalMs: 200, what: 'the ready banner', describe: show },
  );
  // A start takes 15-30 s on an idle 2-core machine and about 2 minutes at load 30; the deadline is for the latter.
}, 300_000);

afterAll(async () => {
  if (devAll?.exitCode === null) {
    devAll.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 45_000))]);
  }
  await runDir?.remove();
  const admin = openDatabase({ url: TEST_SERVER_URL, maxConnections: 1 });
  try {
    await admin.db.execute(sql.raw(`drop database if exists "${DATABASE}" with (force)`));
  } finally {
    await admin.close();
  }
}, 90_000);

describe('the README quick start (scripts/dev-all.sh on ports of its own)', () => {
  it('prints a ready banner with the URLs, the admin key and the console password; logs are readable', async () => {
    const devEnv = Object.fromEntries(
      (await readFile(join(runDir.path, 'dev.env'), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    for (const key of ['SECRETS_KEY', 'DASHBOARD_ADMIN_TOKEN', 'BOOTSTRAP_ADMIN_KEY', 'VERP_SECRETS'])
      expect(devEnv[key], key).toBeTruthy();
    expect(banner).toContain(`http://127.0.0.1:${ports.api}/docs`);
    expect(banner).toContain(`http://127.0.0.1:${ports.api}/console`);
    expect(banner).toContain(`http://127.0.0.1:${ports.dashboard}/`);
    expect(banner).toContain(`Admin key    ${devEnv.BOOTSTRAP_ADMIN_KEY}`);
    expect(banner).toContain(`DASHBOARD_ADMIN_TOKEN=${devEnv.DASHBOARD_ADMIN_TOKEN}`);
    expect(banner).toMatch(/Console sign-in {2}admin@localhost \/ \S+/);
    expect(banner).toContain('return paths bounces+<token>@localhost');
    // The created database, then lines prefixed with each process's name, pretty-printed rather than JSON.
    expect(output).toContain(`dev-all: created database ${DATABASE}`);
    for (const name of ['fetch', 'parse', 'rules', 'notify', 'api', 'dashboard'])
      expect(output, name).toMatch(new RegExp(`^${name} +\\| `, 'm'));
    expect(output).not.toMatch(/^\w+ +\| \{"level"/m);
  });

  it('the API and every worker answer their health checks on the chosen ports', async () => {
    expect((await api('/healthz')).status).toBe(200);
    for (const port of [0, 1, 2, 4].map((offset) => ports.health + offset)) {
      await pollUntil(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200, {
        timeoutMs: 60_000,
        what: `readiness on ${port}`,
        describe: show,
      });
    }
    await pollUntil(async () => (await api('/readyz')).status === 200, { what: 'API readiness', describe: show });
  });

  it('the admin key works (the README curl), the console sign-in works, /dashboard leads to the dashboard', async () => {
    const key = /Admin key {4}(\S+)/.exec(banner)![1]!;
    const canSend = await api('/v1/can-send?address=a@example.com&category=invoice', {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(canSend.status).toBe(200);
    expect(await canSend.json()).toMatchObject({ allowed: true });

    const [, email, password] = /Console sign-in {2}(\S+) \/ (\S+)/.exec(banner)!;
    const signIn = await api('/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status, await signIn.clone().text()).toBe(200);
    expect(signIn.headers.get('set-cookie')).toBeTruthy();

    const redirect = await api('/dashboard', { redirect: 'manual' });
    expect(redirect.status).toBeGreaterThanOrEqual(300);
    expect(redirect.status).toBeLessThan(400);
    const dashboardUrl = redirect.headers.get('location')!;
    expect(dashboardUrl).toBe(`http://127.0.0.1:${ports.dashboard}/`);
    const token = /DASHBOARD_ADMIN_TOKEN=(\S+)\)/.exec(banner)![1]!;
    const dashboard = await fetch(dashboardUrl, {
      headers: { authorization: `Basic ${Buffer.from(`admin:${token}`).toString('base64')}` },
    });
    expect(dashboard.status).toBe(200);
  });

  it('the documented nodemailer example records the send and sends it with its VERP return path', async () => {
    const envelopes: { from: string; to: string[] }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          envelopes.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    const key = /Admin key {4}(\S+)/.exec(banner)![1]!;
    try {
      // The README's command: pnpm --filter @bounce/nodemailer example you@example.org
      const { stdout } = await run('pnpm', ['--filter', '@bounce/nodemailer', 'example', 'newcomer@example.org'], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          BOUNCE_API_URL: `http://127.0.0.1:${ports.api}`,
          BOUNCE_API_KEY: key,
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtpPort),
        },
        timeout: 90_000,
      });
      const [, sendId, returnPath] = /sent to newcomer@example\.org: send (\S+), return path (\S+)/.exec(stdout) ?? [];
      expect(returnPath, stdout).toMatch(/^bounces\+[a-z0-9-]+@localhost$/);
      expect(envelopes).toEqual([{ from: returnPath, to: ['newcomer@example.org'] }]);
      const send = await api(`/v1/sends/${sendId}`, { headers: { authorization: `Bearer ${key}` } });
      expect(send.status).toBe(200);
      expect(await send.json()).toMatchObject({ id: sendId, recipient: 'newcomer@example.org', returnPath });
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('restarts a crashed process after a back-off, and Ctrl-C stops everything', async () => {
    const parsePort = ports.health + 1;
    const parsePid = await childIn('apps/parse-worker');
    process.kill(parsePid, 'SIGKILL');
    await pollUntil(() => /dev-all: parse exited \(code \d+\), restarting in 1 s/.test(output), {
      what: 'the restart notice',
      describe: show,
    });
    await pollUntil(
      async () =>
        (await childIn('apps/parse-worker').catch(() => parsePid)) !== parsePid &&
        (await fetch(`http://127.0.0.1:${parsePort}/readyz`).catch(() => null))?.status === 200,
      { timeoutMs: 90_000, what: 'the restarted parse worker', describe: show },
    );

    devAll.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 60_000))]);
    expect(code, show()).toBe(130);
    expect(output).toContain('dev-all: stopping');
    expect((await fetch(`http://127.0.0.1:${ports.api}/healthz`).catch(() => null))?.status).toBeUndefined();
  });
});

/** The PID of dev-all's child process running in the given app folder (its working directory). */
async function childIn(appDir: string): Promise<number> {
  const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(devAll.pid)]);
  for (const pid of stdout
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter(Boolean)) {
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
    if (cwd === join(REPO_ROOT, appDir)) return pid;
  }
  throw new Error(`no dev-all child runs in ${appDir}`);
}

import { createLogger } from '@bounce/config';
import { getFreePort, type MailServers, startMailServers } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectionTestConfig, type ConnectionTestResult, testMailboxConnection } from './connection-test.js';
import { assertCleartextAllowed, loopbackTestPolicy, parseMailboxNetworkEnv } from './mailbox-network-policy.js';

let servers: MailServers;

beforeAll(async () => {
  servers = await startMailServers();
}, 60_000);

afterAll(async () => {
  await servers?.stop();
}, 30_000);

const config = (overrides: Partial<ConnectionTestConfig> = {}): ConnectionTestConfig => ({
  host: servers.host,
  port: servers.imapPort,
  tlsMode: 'starttls',
  tlsAllowInvalid: true,
  authMethod: 'password',
  username: servers.bounceUser,
  secret: servers.bouncePassword,
  sourceFolder: 'INBOX',
  processedFolder: 'Processed',
  manualFolder: 'Manual',
  ...overrides,
});

/** The local Dovecot listens on loopback and random ports: allowed explicitly, as an installation would. */
const LOCAL = { network: loopbackTestPolicy() };

const statuses = (r: ConnectionTestResult) => Object.fromEntries(r.steps.map((s) => [s.step, s.status]));
const step = (r: ConnectionTestResult, name: string) => r.steps.find((s) => s.step === name)!;

describe('testMailboxConnection', () => {
  it('reports every step ok, with timings, for a good STARTTLS configuration (and creates missing folders)', async () => {
    await servers.clearMailbox({ deleteFolders: true });
    const result = await testMailboxConnection(config(), LOCAL);
    expect(result.ok).toBe(true);
    expect(statuses(result)).toEqual({ dns: 'ok', tcp: 'ok', tls: 'ok', authentication: 'ok', folders: 'ok' });
    expect(result.steps.map((s) => s.step)).toEqual(['dns', 'tcp', 'tls', 'authentication', 'folders']);
    for (const s of result.steps) expect(s.ms).toBeGreaterThanOrEqual(0);
    expect(result.totalMs).toBeGreaterThan(0);
    expect(step(result, 'tls').message).toMatch(/STARTTLS, TLSv1\.[23], certificate not verified .*allowed/);
    expect(step(result, 'folders').message).toMatch(/created "Processed", "Manual"/);
    // Created for real: a second test finds them.
    const again = await testMailboxConnection(config(), LOCAL);
    expect(step(again, 'folders').message).not.toMatch(/created/);
  }, 30_000);

  it('implicit TLS on the IMAPS port', async () => {
    const result = await testMailboxConnection(config({ tlsMode: 'implicit', port: servers.imapsPort }), LOCAL);
    expect(result.ok).toBe(true);
    expect(step(result, 'tls').message).toMatch(/^implicit TLS/);
  }, 30_000);

  it('a closed port fails at TCP and skips the rest', async () => {
    const closed = await getFreePort();
    const result = await testMailboxConnection(config({ port: closed }), LOCAL);
    expect(result.ok).toBe(false);
    expect(statuses(result)).toEqual({
      dns: 'ok',
      tcp: 'failed',
      tls: 'skipped',
      authentication: 'skipped',
      folders: 'skipped',
    });
    // The same words whether the port is closed, filtered or the host unreachable: no port-scan oracle.
    expect(step(result, 'tcp').message).toBe(
      'TCP connection failed: no connection (port closed, filtered or host unreachable)',
    );
  }, 30_000);

  it('a wrong password fails at authentication with the server answer, never the password', async () => {
    const result = await testMailboxConnection(config({ secret: 'not-the-password' }), LOCAL);
    expect(result.ok).toBe(false);
    expect(statuses(result)).toMatchObject({ tls: 'ok', authentication: 'failed', folders: 'skipped' });
    expect(step(result, 'authentication').message).toMatch(/^authentication failed: .*Authentication failed/);
    expect(JSON.stringify(result)).not.toContain('not-the-password');
  }, 30_000);

  it('logs a failed test as one info line, without an error or a stack', async () => {
    // Every line the logger (and its children, imapflow's included) would write, captured instead of printed.
    const lines: { level: number; args: unknown[] }[] = [];
    const logger = createLogger({
      name: 'test',
      level: 'info',
      hooks: {
        logMethod(args, _method, level) {
          lines.push({ level, args });
        },
      },
    });
    const result = await testMailboxConnection(config({ secret: 'not-the-password' }), { ...LOCAL, logger });
    expect(result.ok).toBe(false);
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    expect(lines.filter((l) => l.args.includes('mailbox connection test failed'))).toEqual([
      { level: 30, args: [expect.objectContaining({ step: 'authentication' }), 'mailbox connection test failed'] },
    ]);
    expect(JSON.stringify(lines)).not.toContain('not-the-password');
  }, 30_000);

  it('an unverifiable certificate fails at TLS unless allowed', async () => {
    const result = await testMailboxConnection(
      config({ tlsMode: 'implicit', port: servers.imapsPort, tlsAllowInvalid: false }),
      LOCAL,
    );
    expect(statuses(result)).toMatchObject({ tcp: 'ok', tls: 'failed', authentication: 'skipped' });
    expect(step(result, 'tls').message).toMatch(/self[- ]signed/i);
  }, 30_000);

  it('an unknown host fails at DNS', async () => {
    const result = await testMailboxConnection(config({ host: 'no-such-host.invalid' }), LOCAL);
    expect(statuses(result)).toMatchObject({ dns: 'failed', tcp: 'skipped' });
    expect(step(result, 'dns').message).toMatch(/DNS lookup failed for no-such-host\.invalid/);
  }, 30_000);

  it('a missing source folder fails at the folder step', async () => {
    const result = await testMailboxConnection(config({ sourceFolder: 'Bounces-typo' }), LOCAL);
    expect(statuses(result)).toMatchObject({ authentication: 'ok', folders: 'failed' });
    expect(step(result, 'folders').message).toBe('source folder "Bounces-typo" does not exist');
  }, 30_000);

  it('XOAUTH2 against a server that does not offer it fails at authentication', async () => {
    const result = await testMailboxConnection(config({ authMethod: 'xoauth2', secret: 'ya29.fake-token' }), LOCAL);
    expect(statuses(result)).toMatchObject({ tls: 'ok', authentication: 'failed' });
    // Said before any token is sent: the server lists its mechanisms and no OAuth one is among them.
    expect(step(result, 'authentication').message).toMatch(
      /^the IMAP server does not offer OAuth sign-in with OAUTHBEARER or XOAUTH2 \(it offers: PLAIN LOGIN\)/,
    );
    expect(step(result, 'authentication').message).not.toContain('ya29.fake-token');
  }, 30_000);

  it('cleartext is allowed to loopback only', async () => {
    const result = await testMailboxConnection(config({ tlsMode: 'none' }), LOCAL);
    expect(result.ok).toBe(true);
    expect(step(result, 'tls').message).toMatch(/not used/);
    // One rule for receiving and sending; the refusal names the protocol.
    const remote = { host: 'mail.example.com', tlsMode: 'none' } as const;
    for (const protocol of ['IMAP', 'POP3', 'SMTP'] as const) {
      expect(() => assertCleartextAllowed(protocol, remote, ['10.0.0.1'])).toThrow(
        new RegExp(`^refusing cleartext ${protocol} \\(tls mode "none"\\) to mail\\.example\\.com:`),
      );
    }
    expect(() => assertCleartextAllowed('POP3', remote, ['10.0.0.1'], { allowInsecureRemote: true })).not.toThrow();
    const listed = parseMailboxNetworkEnv({ MAILBOX_ALLOWED_NETWORKS: '10.0.0.0/8' });
    expect(() => assertCleartextAllowed('IMAP', remote, ['10.0.0.1'], { network: listed })).not.toThrow();
    expect(() => assertCleartextAllowed('SMTP', { ...remote, host: 'localhost' }, ['127.0.0.1', '::1'])).not.toThrow();
    expect(() => assertCleartextAllowed('IMAP', { ...remote, tlsMode: 'starttls' }, ['10.0.0.1'])).not.toThrow();
  }, 30_000);

  it('POP3: STLS, login and the maildrop check; a wrong password fails at authentication', async () => {
    const pop3 = (o: Partial<ConnectionTestConfig> = {}) => config({ protocol: 'pop3', port: servers.pop3Port, ...o });
    const result = await testMailboxConnection(pop3(), LOCAL);
    expect(statuses(result)).toEqual({ dns: 'ok', tcp: 'ok', tls: 'ok', authentication: 'ok', folders: 'ok' });
    expect(step(result, 'tls').message).toMatch(/^STARTTLS, TLSv1\.[23]/);
    expect(step(result, 'authentication').message).toMatch(/\(POP3, password\)/);
    expect(step(result, 'folders').message).toMatch(/^maildrop has \d+ message\(s\), \d+ bytes; UIDL supported$/);

    const implicit = await testMailboxConnection(pop3({ tlsMode: 'implicit', port: servers.pop3sPort }), LOCAL);
    expect(implicit.ok).toBe(true);

    const wrong = await testMailboxConnection(pop3({ secret: 'not-the-password' }), LOCAL);
    expect(statuses(wrong)).toMatchObject({ tls: 'ok', authentication: 'failed', folders: 'skipped' });
    expect(JSON.stringify(wrong)).not.toContain('not-the-password');
  }, 30_000);
});

/**
 * Certificates of a company authority (MAILBOX_TLS_CA_FILE) for IMAP and POP3, against the test Dovecot presenting a
 * certificate its own test authority issued for mail.example.org (and 127.0.0.1): trusted when the authority is listed,
 * and otherwise, or under another host name, a diagnosis in words in the connection test and in the error a fetch
 * records as the mailbox's state (never Node's raw ERR_TLS_CERT_ALTNAME_INVALID text).
 */
import { join } from 'node:path';
import { type MailServers, startMailServers } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectionTestConfig, testMailboxConnection } from './connection-test.js';
import { connectImap, type MailboxConnectionConfig } from './imap-client.js';
import { MailboxConnectionError } from './mailbox-errors.js';
import { loopbackTestPolicy, type MailboxNetworkPolicy, parseMailboxNetworkEnv } from './mailbox-network-policy.js';
import { connectPop3 } from './pop3-client.js';

let servers: MailServers;
let trusting: MailboxNetworkPolicy;
let untrusting: MailboxNetworkPolicy;

const MISMATCH = (host: string) =>
  `The server's certificate is for mail.example.org, 127.0.0.1, not ${host}: check the host name (use the name on the certificate) or ask the server's administrator for a certificate that names ${host}`;

beforeAll(async () => {
  servers = await startMailServers({ certificateFor: { dnsNames: ['mail.example.org'], ipAddresses: ['127.0.0.1'] } });
  // Every name resolves to the loopback server, as a DNS entry would; the certificate is checked against the name.
  const resolve = async () => [{ address: servers.host, family: 4 }];
  // The bundle as an installation configures it: a file, read and checked like at start-up.
  const fromEnv = parseMailboxNetworkEnv({ MAILBOX_TLS_CA_FILE: join(servers.dir, 'dovecot', 'ca.pem') });
  expect(fromEnv.extraCaCertificates).toEqual([servers.caCertificatePem!.trim()]);
  trusting = { ...loopbackTestPolicy(), resolve, extraCaCertificates: fromEnv.extraCaCertificates! };
  untrusting = { ...loopbackTestPolicy(), resolve };
}, 60_000);

afterAll(async () => {
  await servers?.stop();
}, 30_000);

const config = (host: string, o: Partial<ConnectionTestConfig> = {}): ConnectionTestConfig => ({
  host,
  port: servers.imapsPort,
  tlsMode: 'implicit',
  tlsAllowInvalid: false,
  authMethod: 'password',
  username: servers.bounceUser,
  secret: servers.bouncePassword,
  sourceFolder: 'INBOX',
  processedFolder: 'Processed',
  manualFolder: 'Manual',
  ...o,
});
/** The settings a fetch connects with (a password mailbox). */
const login = (c: ConnectionTestConfig): MailboxConnectionConfig => ({ ...c, authMethod: 'password' });
const tlsStep = (r: Awaited<ReturnType<typeof testMailboxConnection>>) => r.steps.find((s) => s.step === 'tls')!;

describe('an extra trusted authority (MAILBOX_TLS_CA_FILE)', () => {
  it('verifies the certificate for IMAP (implicit and STARTTLS) and POP3 under its name', async () => {
    for (const c of [
      config('mail.example.org'),
      config('mail.example.org', { tlsMode: 'starttls', port: servers.imapPort }),
      config('mail.example.org', { protocol: 'pop3', port: servers.pop3sPort }),
    ]) {
      const result = await testMailboxConnection(c, { network: trusting });
      expect(result.ok).toBe(true);
      expect(tlsStep(result).message).toMatch(/certificate verified$/);
    }
  }, 60_000);

  it('a certificate for another name: the diagnosis names both, in the test and in the fetch error (IMAP, POP3)', async () => {
    const imapTest = await testMailboxConnection(config('imap.example.com'), { network: trusting });
    expect(tlsStep(imapTest)).toMatchObject({
      status: 'failed',
      message: `TLS failed: ${MISMATCH('imap.example.com')}`,
    });
    const popTest = await testMailboxConnection(
      config('pop.example.com', { protocol: 'pop3', port: servers.pop3Port, tlsMode: 'starttls' }),
      { network: trusting },
    );
    expect(tlsStep(popTest).message).toBe(`TLS failed: ${MISMATCH('pop.example.com')}`);

    // What a fetch records (lastError): the same words.
    const imapErr = await connectImap(login(config('imap.example.com')), { network: trusting }).catch(
      (e: unknown) => e,
    );
    expect(imapErr).toBeInstanceOf(MailboxConnectionError);
    expect(imapErr).toMatchObject({ kind: 'tls', message: MISMATCH('imap.example.com') });
    const popErr = await connectPop3(login(config('pop.example.com', { port: servers.pop3sPort })), {
      network: trusting,
    }).catch((e: unknown) => e);
    expect(popErr).toMatchObject({ kind: 'tls', message: MISMATCH('pop.example.com') });
  }, 60_000);

  it('without the authority: issued by an authority the installation does not trust', async () => {
    const result = await testMailboxConnection(config('mail.example.org'), { network: untrusting });
    expect(tlsStep(result).message).toMatch(
      /^TLS failed: The server's certificate is issued by an authority this installation does not trust \(.*\): add that authority's certificate to MAILBOX_TLS_CA_FILE/,
    );
    const err = await connectImap(login(config('mail.example.org')), { network: untrusting }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'tls' });
    expect((err as Error).message).toMatch(/^The server's certificate is issued by an authority this installation/);
  }, 60_000);

  it('a bundle that is not one stops the start with the reason', () => {
    expect(() => parseMailboxNetworkEnv({ MAILBOX_TLS_CA_FILE: join(servers.dir, 'dovecot', 'dovecot.conf') })).toThrow(
      /cannot use .*dovecot\.conf as a CA bundle: no PEM certificate/,
    );
    expect(() => parseMailboxNetworkEnv({ MAILBOX_TLS_CA_FILE: '/nonexistent/ca.pem' })).toThrow(/ENOENT/);
  });
});

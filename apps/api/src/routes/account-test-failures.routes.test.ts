/**
 * The account test refusing where it must, for receiving and sending alike, each with its diagnosis and a 200 (never
 * a 500): the installation's network policy (a loopback server under the default policy), cleartext to a host that
 * is not loopback (refused before any connection, so no credential crosses the network in clear). Neither needs a
 * server: nothing is connected to.
 */
import { DEFAULT_MAILBOX_NETWORK_POLICY } from '@bounce/mailbox-access';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type Step = { step: string; status: string; message: string };
type Half = { ok?: boolean; steps: Step[] };
type AccountTest = { ok: boolean; receiving: Half; sending: Half & { status: string; reason: string | null } };

/** A private address nothing answers on: the policy below allows private ranges, so only the cleartext rule refuses. */
const PRIVATE_HOST = '10.255.255.1';

describe('account test: refusals', () => {
  let api: TestApi;
  beforeAll(async () => {
    // The default policy, plus private ranges (an installation whose mail servers are on its own network).
    api = await createTestApi({ mailboxNetwork: { ...DEFAULT_MAILBOX_NETWORK_POLICY, allowPrivateNetworks: true } });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  const mailbox = async (settings: Record<string, unknown>) => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/mailboxes',
      payload: {
        name: `m-${Math.random()}`,
        username: 'bounces@example.com',
        secret: 'pw',
        enabled: false,
        ...settings,
      },
    });
    expect(res.statusCode).toBe(201);
    return json<{ id: string }>(res).id;
  };
  const accountTest = async (id: string) => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: `/v1/mailboxes/${id}/account-test`,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    return json<AccountTest>(res);
  };
  const sendingTest = async (id: string) => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: `/v1/mailboxes/${id}/test-sending`,
      payload: { waitSeconds: 0 },
    });
    expect(res.statusCode).toBe(200);
    return json<Half & { ok: boolean }>(res);
  };
  /** Receiving refused in its first step: nothing connected, the rest not run. */
  const REFUSED_AT_DNS = ['dns:failed', 'tcp:skipped', 'tls:skipped', 'authentication:skipped', 'folders:skipped'];
  const statuses = (half: Half) => half.steps.map((s) => `${s.step}:${s.status}`);
  const putSmtp = async (settings: Record<string, unknown>) => {
    const res = await api.call(api.acme.admin, {
      method: 'PUT',
      url: '/v1/smtp-server',
      payload: { authMethod: 'none', fromAddress: 'bounces@example.com', ...settings },
    });
    expect(res.statusCode).toBe(200);
  };

  it('network policy: a loopback server is refused before any connection, receiving and sending', async () => {
    const id = await mailbox({ host: '127.0.0.1', port: 993, tlsMode: 'implicit' });
    const result = await accountTest(id);
    expect(result.ok).toBe(false);
    expect(statuses(result.receiving)).toEqual(REFUSED_AT_DNS);
    const dns = result.receiving.steps[0]!.message;
    expect(dns).toMatch(/refused by the installation's network policy/);
    // The address the name resolved to is not told (no probing of internal names through the test).
    expect(result.sending).toMatchObject({
      status: 'skipped',
      reason: 'not run: receiving failed, fix that first (see above)',
    });

    await putSmtp({ host: '127.0.0.1', port: 587, tlsMode: 'starttls' });
    const sending = await sendingTest(id);
    expect(sending.ok).toBe(false);
    expect(statuses(sending)).toEqual([
      'connect:failed',
      'tls:skipped',
      'authentication:skipped',
      'send:skipped',
      'delivery:skipped',
    ]);
    expect(sending.steps[0]!.message).toMatch(/refused by the installation's network policy/);
  });

  it('cleartext to a host that is not loopback is refused before connecting: receiving (IMAP, POP3) and sending, one rule', async () => {
    const pop3 = await accountTest(await mailbox({ host: PRIVATE_HOST, port: 110, tlsMode: 'none', protocol: 'pop3' }));
    expect(statuses(pop3.receiving)).toEqual(REFUSED_AT_DNS);
    expect(pop3.receiving.steps[0]!.message).toMatch(
      /^refusing cleartext POP3 \(tls mode "none"\) to 10\.255\.255\.1:/,
    );
    const id = await mailbox({ host: PRIVATE_HOST, port: 143, tlsMode: 'none' });
    const result = await accountTest(id);
    expect(statuses(result.receiving)).toEqual(REFUSED_AT_DNS);
    expect(result.receiving.steps[0]!.message).toMatch(
      /^refusing cleartext IMAP \(tls mode "none"\) to 10\.255\.255\.1: allowed only to a loopback server or one the installation lists in MAILBOX_ALLOWED_NETWORKS; use implicit TLS or STARTTLS$/,
    );

    await putSmtp({ host: PRIVATE_HOST, port: 25, tlsMode: 'none' });
    const sending = await sendingTest(id);
    expect(statuses(sending)[0]).toBe('connect:failed');
    expect(sending.steps[0]!.message).toMatch(
      /^refusing cleartext SMTP \(tls mode "none"\) to 10\.255\.255\.1: allowed only to a loopback server or one the installation lists in MAILBOX_ALLOWED_NETWORKS; use implicit TLS or STARTTLS$/,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMailer, type SmtpSettings, sendTestMail, smtpEnvShape, smtpSettingsFromEnv } from './mailer.js';
import { type SmtpReceiver, startSmtpReceiver } from './testing/smtp-receiver.js';

let open: SmtpReceiver;
let authed: SmtpReceiver;

beforeAll(async () => {
  open = await startSmtpReceiver({ rejectRecipients: ['nobody@example.com'] });
  authed = await startSmtpReceiver({ auth: { user: 'bounce', pass: 's3cret' } });
});

afterAll(async () => {
  await open?.close();
  await authed?.close();
});

const settings = (port: number, extra: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: '127.0.0.1',
  port,
  secure: false,
  from: 'bounce@mta.test',
  requireTls: false,
  allowInvalidTls: false,
  timeoutMs: 3_000,
  ...extra,
});

describe('sendTestMail', () => {
  it('delivers a test mail and reports the server response', async () => {
    const result = await sendTestMail(createMailer(settings(open.port)), 'ops@example.com', { tenantId: 'acme' });
    expect(result).toMatchObject({ ok: true, accepted: ['ops@example.com'] });
    if (result.ok) expect(result.response).toMatch(/^250 /);
    await open.waitFor(1);
    expect(open.messages[0]!.subject).toBe('[Bounce] Test mail');
    expect(open.messages[0]!.text).toContain('Tenant: acme');
  });

  it('authenticates with a URL carrying credentials', async () => {
    const mailer = createMailer(settings(0, { url: `smtp://bounce:s3cret@127.0.0.1:${authed.port}` }));
    expect(await sendTestMail(mailer, 'ops@example.com')).toMatchObject({ ok: true });
    await authed.waitFor(1);
  });

  it('reports clear failures: not configured, bad address, refused connection, wrong password, rejected recipient', async () => {
    expect(await sendTestMail(null, 'ops@example.com')).toMatchObject({ ok: false, code: 'smtp-not-configured' });
    expect(await sendTestMail(createMailer(settings(open.port)), 'not-an-address')).toMatchObject({
      ok: false,
      code: 'invalid-recipient',
    });
    expect(await sendTestMail(createMailer(settings(1)), 'ops@example.com')).toMatchObject({
      ok: false,
      code: 'connection-failed',
    });
    const badAuth = await sendTestMail(
      createMailer(settings(authed.port, { user: 'bounce', pass: 'wrong' })),
      'ops@example.com',
    );
    expect(badAuth).toMatchObject({ ok: false, code: 'auth-failed' });
    if (!badAuth.ok) {
      expect(badAuth.smtpResponse).toContain('535');
      expect(badAuth.message).not.toContain('wrong');
    }
    const rejected = await sendTestMail(createMailer(settings(open.port)), 'nobody@example.com');
    expect(rejected).toMatchObject({ ok: false, code: 'rejected' });
    if (!rejected.ok) expect(rejected.smtpResponse).toContain('550');
  });
});

describe('SMTP settings', () => {
  const parse = (env: Record<string, string>) => smtpSettingsFromEnv(z.object(smtpEnvShape).parse(env));

  it('is off without host or URL, and needs a sender once configured', () => {
    expect(parse({})).toBeNull();
    expect(() => parse({ SMTP_HOST: 'smtp.example.com' })).toThrow(/SMTP_FROM/);
    expect(
      parse({ SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'b@example.com', SMTP_PORT: '465', SMTP_SECURE: 'true' }),
    ).toMatchObject({
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      timeoutMs: 30_000,
    });
    expect(parse({ SMTP_URL: 'smtps://u:p@smtp.example.com', SMTP_FROM: 'b@example.com' })?.url).toBe(
      'smtps://u:p@smtp.example.com',
    );
  });
});

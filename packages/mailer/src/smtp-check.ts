/**
 * The sending half of the account test: the configured SMTP server checked one step at a time (connect, TLS,
 * authentication, send), each with what happened in words an operator can act on, so "mail does not go out" turns
 * into "the certificate is self-signed" or "535 authentication failed". Uses nodemailer's SMTPConnection (the
 * protocol layer under its transports) because a transport's verify() folds the steps into one answer.
 */
import { randomBytes } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { SmtpSettings } from './mailer.js';

export type SmtpCheckStepName = 'connect' | 'tls' | 'authentication' | 'send';

export type SmtpCheckStep = {
  step: SmtpCheckStepName;
  status: 'ok' | 'failed' | 'skipped';
  /** Milliseconds (0 when skipped). */
  ms: number;
  message: string;
};

export type SmtpCheckResult = {
  ok: boolean;
  steps: SmtpCheckStep[];
  /** The header value that marks the test message (X-Bounce-Account-Test), to find it in the mailbox. */
  marker: string;
  messageId: string;
};

/** Header that marks an account-test message (the mailbox side looks for it). */
export const ACCOUNT_TEST_HEADER = 'X-Bounce-Account-Test';

const STEPS: SmtpCheckStepName[] = ['connect', 'tls', 'authentication', 'send'];

/**
 * Runs the steps against `settings` and sends one short test message to `to`. Never throws: a failed step is
 * reported and the later ones are skipped. Credentials never appear in the messages.
 */
export async function checkSmtpSending(settings: SmtpSettings, to: string): Promise<SmtpCheckResult> {
  const marker = randomBytes(12).toString('hex');
  const domain = settings.from.split('@')[1]?.split('>')[0] || 'localhost';
  const messageId = `<account-test.${marker}@${domain}>`;
  const steps: SmtpCheckStep[] = [];
  const target = settingsTarget(settings);
  const connection = new SMTPConnection({
    host: target.host,
    port: target.port,
    secure: target.secure,
    // STARTTLS is used whenever offered; SMTP_REQUIRE_TLS is checked in the tls step (its own diagnosis) instead
    // of failing the connect step, and before any credential is sent.
    tls: { rejectUnauthorized: !settings.allowInvalidTls, minVersion: 'TLSv1.2' },
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  // Connection-level failures (refused, timeout, TLS, a required STARTTLS missing) arrive only as 'error' events,
  // never through connect()'s callback: they fail whichever step is waiting.
  let failWaiting: ((err: Error) => void) | undefined;
  connection.on('error', (err: Error) => failWaiting?.(err));
  const step = <T>(fn: (resolve: (value: T) => void, reject: (err: Error) => void) => void) =>
    new Promise<T>((resolve, reject) => {
      failWaiting = reject;
      fn(resolve, reject);
    });

  const run = async (step: SmtpCheckStepName, fn: () => Promise<string>): Promise<boolean> => {
    const t0 = performance.now();
    try {
      steps.push({ step, status: 'ok', ms: elapsed(t0), message: await fn() });
      return true;
    } catch (err) {
      steps.push({ step, status: 'failed', ms: elapsed(t0), message: diagnose(step, err, target) });
      return false;
    }
  };

  try {
    await (async () => {
      const connected = await run('connect', async () => {
        await step<void>((resolve, reject) => connection.connect((err) => (err ? reject(err) : resolve())));
        return `connected to ${target.host}:${target.port}`;
      });
      if (!connected) return;
      const tls = await run('tls', async () => {
        if (target.secure) return 'implicit TLS';
        // SMTPConnection upgrades with STARTTLS during connect whenever the server offers it.
        if (connection.secure) return 'STARTTLS';
        if (settings.requireTls) throw Object.assign(new Error('no STARTTLS'), { code: 'ETLS' });
        return 'not used: the server offered no STARTTLS (messages and credentials cross the network in clear)';
      });
      if (!tls) return;
      const authed = await run('authentication', async () => {
        if (!settings.user) return 'not used: no SMTP_USER configured';
        await step<void>((resolve, reject) =>
          connection.login({ user: settings.user!, pass: settings.pass ?? '' }, (err) =>
            err ? reject(err) : resolve(),
          ),
        );
        return `logged in as ${settings.user}`;
      });
      if (!authed) return;
      await run('send', async () => {
        const info = await step<SMTPConnection.SentMessageInfo>((resolve, reject) =>
          connection.send(
            { from: bareAddress(settings.from), to: [to] },
            testMessage(settings.from, to, messageId, marker),
            (err, result) => (err ? reject(err) : resolve(result)),
          ),
        );
        if (info.rejected.length > 0) throw Object.assign(new Error('recipient rejected'), { code: 'EENVELOPE' });
        return `accepted for ${to}: ${info.response}`;
      });
    })();
  } finally {
    connection.close();
  }
  for (const step of STEPS) {
    if (!steps.some((s) => s.step === step)) steps.push({ step, status: 'skipped', ms: 0, message: 'not run' });
  }
  return { ok: steps.every((s) => s.status === 'ok'), steps, marker, messageId };
}

function settingsTarget(settings: SmtpSettings): { host: string; port: number; secure: boolean } {
  if (settings.url) {
    const url = new URL(settings.url);
    const secure = url.protocol === 'smtps:';
    return { host: url.hostname, port: Number(url.port) || (secure ? 465 : 587), secure };
  }
  return { host: settings.host ?? 'localhost', port: settings.port, secure: settings.secure };
}

function testMessage(from: string, to: string, messageId: string, marker: string): string {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: [Bounce] Account test ${marker}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: ${messageId}`,
    `${ACCOUNT_TEST_HEADER}: ${marker}`,
    'Auto-Submitted: auto-generated',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This message tests that the bounce-processing installation can send to this mailbox.',
    'It is removed again once the account test has found it.',
    '',
  ].join('\r\n');
}

/** 'Name <a@b>' → a@b (nodemailer's own address-field parser, as packages/nodemailer reads address fields). */
function bareAddress(from: string): string {
  return addressparser(from, { flatten: true })[0]?.address || from.trim();
}

/** What went wrong at a step, in an operator's words, with the server's reply where there is one. */
function diagnose(step: SmtpCheckStepName, err: unknown, target: { host: string; port: number }): string {
  const e = err as { code?: string; response?: string; responseCode?: number; message?: string };
  const reply = e.response ? ` (server said: ${e.response.slice(0, 300)})` : '';
  const code = e.code ?? '';
  if (step === 'connect') {
    if (code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(e.message ?? '')) {
      return `the host name ${target.host} does not resolve: check SMTP_HOST`;
    }
    if (/ECONNREFUSED/.test(e.message ?? '')) {
      return `nothing accepts connections on ${target.host}:${target.port}: check the port (587 submission, 465 implicit TLS)`;
    }
    if (code === 'ETIMEDOUT')
      return `no answer from ${target.host}:${target.port} in time: a firewall, or the wrong port`;
    if (/certificate|self[- ]signed|CERT_|SSL|TLS/i.test(e.message ?? '')) {
      return `TLS failed while connecting: ${e.message} (self-signed or mismatched certificate, or TLS on a plain port)`;
    }
    return `could not talk to the server: ${e.message ?? String(err)}`;
  }
  if (step === 'tls') {
    return 'the server offers no STARTTLS but TLS is required (SMTP_REQUIRE_TLS): use port 465 with SMTP_SECURE=true, or a server with TLS';
  }
  if (step === 'authentication') {
    return `authentication refused: the SMTP_USER/SMTP_PASS are wrong, or the account may not send over SMTP AUTH${reply}`;
  }
  if (code === 'EENVELOPE' || (e.responseCode ?? 0) >= 500) {
    return `the server refused the message: the sender address (SMTP_FROM) may not be allowed for this account, or the recipient is refused${reply}`;
  }
  if ((e.responseCode ?? 0) >= 400) return `the server deferred the message (try again later)${reply}`;
  return `sending failed: ${e.message ?? String(err)}${reply}`;
}

function elapsed(t0: number): number {
  return Math.round((performance.now() - t0) * 10) / 10;
}

/**
 * Operator e-mail over SMTP with nodemailer, shared by the notification worker (digests) and the API ("send test
 * mail") so both use the same settings and the same error reporting.
 *
 * Settings: either SMTP_URL (smtp://user:pass@host:587, smtps://... for implicit TLS on 465) or SMTP_HOST with
 * SMTP_PORT/SMTP_SECURE/SMTP_USER/SMTP_PASS; SMTP_FROM is required once SMTP is configured. STARTTLS is used when
 * the server offers it; SMTP_REQUIRE_TLS=true refuses to send without it. Without any SMTP setting, operator
 * e-mail is off (the worker logs it once; `sendTestMail` answers `smtp-not-configured`).
 */
import { ConfigError, envBoolean, envDuration, envInt, type Logger, secret } from '@bounce/config';
import nodemailer from 'nodemailer';
import { z } from 'zod';

/** SMTP environment variables, as a zod shape to spread into an app's env schema. */
export const smtpEnvShape = {
  /** smtp:// or smtps:// URL with optional credentials; takes precedence over SMTP_HOST and friends. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected smtp://... or smtps://...')
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  /** Default 587 (submission with STARTTLS). */
  SMTP_PORT: envInt(587, 1, 65_535),
  /** Implicit TLS (port 465). Default false. */
  SMTP_SECURE: envBoolean(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: secret(z.string().optional()),
  /** Sender of operator mail, e.g. "Bounce <bounce@example.com>". Required when SMTP is configured. */
  SMTP_FROM: z.string().min(3).optional(),
  /** Refuse to send unless STARTTLS succeeds. Default false (opportunistic STARTTLS). */
  SMTP_REQUIRE_TLS: envBoolean(false),
  /** Accept self-signed/invalid certificates (local test servers only). Default false. */
  SMTP_TLS_ALLOW_INVALID: envBoolean(false),
  /** Connection and per-command timeout. Default 30 s. */
  SMTP_TIMEOUT: envDuration(30_000),
};

const smtpEnvSchema = z.object(smtpEnvShape);
export type SmtpEnv = z.output<typeof smtpEnvSchema>;

export type SmtpSettings = {
  url?: string;
  host?: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
  requireTls: boolean;
  allowInvalidTls: boolean;
  timeoutMs: number;
};

/** SMTP settings from validated env values; null when SMTP is not configured. Throws ConfigError without FROM. */
export function smtpSettingsFromEnv(env: SmtpEnv): SmtpSettings | null {
  if (!env.SMTP_URL && !env.SMTP_HOST) return null;
  if (!env.SMTP_FROM) throw new ConfigError(['SMTP_FROM: required when SMTP_URL or SMTP_HOST is set']);
  return {
    url: env.SMTP_URL,
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE,
    user: env.SMTP_USER,
    pass: env.SMTP_PASS,
    from: env.SMTP_FROM,
    requireTls: env.SMTP_REQUIRE_TLS,
    allowInvalidTls: env.SMTP_TLS_ALLOW_INVALID,
    timeoutMs: env.SMTP_TIMEOUT,
  };
}

export type OutgoingMail = {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
};

export type SentMail = { messageId: string; accepted: string[]; rejected: string[]; response: string };

export type Mailer = {
  from: string;
  send: (mail: OutgoingMail) => Promise<SentMail>;
  /** Connects and authenticates without sending (readiness check). */
  verify: () => Promise<void>;
  close: () => void;
};

export function createMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    ...(settings.url ? { url: settings.url } : { host: settings.host, port: settings.port, secure: settings.secure }),
    ...(settings.user ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
    requireTLS: settings.requireTls,
    tls: { rejectUnauthorized: !settings.allowInvalidTls },
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    // No pooling: digests are rare and bursty; one connection per mail keeps failures independent.
    pool: false,
  });
  return {
    from: settings.from,
    async send(mail) {
      const info = await transport.sendMail({ from: settings.from, ...mail });
      return {
        messageId: info.messageId,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
        response: info.response,
      };
    },
    async verify() {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}

export type MailErrorCode =
  | 'smtp-not-configured'
  | 'invalid-recipient'
  | 'connection-failed'
  | 'timeout'
  | 'tls-failed'
  | 'auth-failed'
  | 'rejected'
  | 'error';

export type TestMailResult =
  | { ok: true; messageId: string; accepted: string[]; response: string; durationMs: number }
  | { ok: false; code: MailErrorCode; message: string; smtpResponse?: string; durationMs: number };

/** Maps a nodemailer error to a stable code and a message without credentials. */
export function describeMailError(err: unknown): { code: MailErrorCode; message: string; smtpResponse?: string } {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const smtpResponse = e.response;
  const code: MailErrorCode = (() => {
    switch (e.code) {
      case 'EAUTH':
      case 'ENOAUTH':
        return 'auth-failed';
      case 'ETIMEDOUT':
        return 'timeout';
      case 'ETLS':
      case 'EREQUIRETLS':
        return 'tls-failed';
      case 'ECONNECTION':
      case 'ESOCKET':
      case 'EDNS':
        return 'connection-failed';
      case 'EENVELOPE':
      case 'EMESSAGE':
        return 'rejected';
      default:
        return typeof e.responseCode === 'number' && e.responseCode >= 400 ? 'rejected' : 'error';
    }
  })();
  return { code, message: e.message ?? String(err), ...(smtpResponse ? { smtpResponse } : {}) };
}

const emailSchema = z.string().email();

/**
 * Sends a short test mail and reports exactly what happened: accepted with the server's response, or a stable
 * error code (connection, TLS, authentication, rejection) with the server's words. Never throws.
 */
export async function sendTestMail(
  mailer: Mailer | null,
  to: string,
  options: { tenantId?: string; logger?: Logger } = {},
): Promise<TestMailResult> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  if (!mailer) {
    return {
      ok: false,
      code: 'smtp-not-configured',
      message: 'SMTP is not configured (SMTP_URL or SMTP_HOST)',
      durationMs: 0,
    };
  }
  if (!emailSchema.safeParse(to).success) {
    return { ok: false, code: 'invalid-recipient', message: `not an e-mail address: ${to}`, durationMs: 0 };
  }
  try {
    const sent = await mailer.send({
      to,
      subject: '[Bounce] Test mail',
      text: [
        'This is a test mail from the bounce-processing notification service.',
        options.tenantId ? `Tenant: ${options.tenantId}` : '',
        `Sent at: ${new Date().toISOString()}`,
        '',
        'If you can read this, operator e-mail works.',
      ]
        .filter((l, i) => l !== '' || i > 0)
        .join('\n'),
    });
    if (sent.accepted.length === 0) {
      return {
        ok: false,
        code: 'rejected',
        message: `recipient rejected: ${sent.rejected.join(', ')}`,
        smtpResponse: sent.response,
        durationMs: durationMs(),
      };
    }
    options.logger?.info({ messageId: sent.messageId }, 'test mail sent');
    return {
      ok: true,
      messageId: sent.messageId,
      accepted: sent.accepted,
      response: sent.response,
      durationMs: durationMs(),
    };
  } catch (err) {
    const described = describeMailError(err);
    options.logger?.warn({ code: described.code }, 'test mail failed');
    return { ok: false, ...described, durationMs: durationMs() };
  }
}

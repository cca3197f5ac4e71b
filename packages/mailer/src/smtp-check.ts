/**
 * The sending half of the account test: the configured SMTP server checked one step at a time (connect, TLS,
 * authentication, send), each with what happened in words an operator can act on, so "mail does not go out" turns
 * into "the certificate is self-signed" or "535 authentication failed". Uses nodemailer's SMTPConnection (the
 * protocol layer under its transports) because a transport's verify() folds the steps into one answer.
 */
import { randomBytes } from 'node:crypto';
import {
  chooseOAuthMechanism,
  clientTlsOptions,
  describeCertificateFailure,
  noOAuthMechanismMessage,
  type OAuthSaslMechanism,
} from '@bounce/config';
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

export type SmtpCheckOptions = {
  /**
   * Where to connect: the address of `host` a network policy allowed (throws to refuse, with the reason as the
   * connect step's diagnosis). TLS still checks the certificate against the host name. Default: the host itself.
   */
  resolveHost?: (host: string, port: number) => Promise<string>;
  /**
   * OAuth instead of a password: an access token for `settings.user`; asked again with renew=true when the server
   * refused the first one (a token the provider ended early: refresh it). Throws when there is none (the
   * authentication step says why).
   */
  accessToken?: (renew: boolean) => Promise<string>;
  /**
   * The SASL mechanism that must present the access token. Default: chosen from the server's EHLO AUTH as for IMAP
   * and POP3 (chooseOAuthMechanism): OAUTHBEARER (RFC 7628) when offered, else XOAUTH2 (Microsoft 365 offers only
   * XOAUTH2, Google both). A required mechanism the server does not offer fails the authentication step.
   */
  oauthMechanism?: OAuthSaslMechanism;
  /** Never STARTTLS, even when offered (tls mode none). Default false. */
  ignoreTls?: boolean;
  /** Whose settings these are, for the words of a diagnosis: the installation's SMTP_* (default) or the tenant's. */
  configuredBy?: 'environment' | 'tenant';
  /**
   * Called with each step as soon as it is known (passed, failed, or skipped after a failure), in the order of the
   * result's `steps`: the API streams them so the operator watches the test progress.
   */
  onStep?: (step: SmtpCheckStep) => void;
  /** Authorities trusted besides the public ones (PEM; the installation's MAILBOX_TLS_CA_FILE). Default none. */
  extraCaCertificates?: readonly string[];
};

/** How each diagnosis names the setting to fix. */
const SETTING_NAMES = {
  environment: {
    host: 'SMTP_HOST',
    credentials: 'SMTP_USER/SMTP_PASS',
    user: 'SMTP_USER',
    from: 'SMTP_FROM',
    requireTls: 'SMTP_REQUIRE_TLS',
    implicitTls: 'SMTP_SECURE=true',
  },
  tenant: {
    host: 'the host of the SMTP server',
    credentials: 'user name and password of the SMTP server',
    user: 'user name',
    from: 'fromAddress',
    requireTls: 'tls mode starttls',
    implicitTls: 'tls mode implicit',
  },
} as const;
type SettingNames = (typeof SETTING_NAMES)[keyof typeof SETTING_NAMES];

/**
 * Runs the steps against `settings` and sends one short test message to `to`. Never throws: a failed step is
 * reported and the later ones are skipped. Credentials never appear in the messages.
 */
export async function checkSmtpSending(
  settings: SmtpSettings,
  to: string,
  options: SmtpCheckOptions = {},
): Promise<SmtpCheckResult> {
  const marker = randomBytes(12).toString('hex');
  const domain = settings.from.split('@')[1]?.split('>')[0] || 'localhost';
  const messageId = `<account-test.${marker}@${domain}>`;
  const steps: SmtpCheckStep[] = [];
  const target = settingsTarget(settings);
  const names = SETTING_NAMES[options.configuredBy ?? 'environment'];
  const record = (result: SmtpCheckStep) => {
    steps.push(result);
    options.onStep?.(result);
  };
  const run = async (step: SmtpCheckStepName, fn: () => Promise<string>): Promise<boolean> => {
    const t0 = performance.now();
    try {
      const message = await fn();
      record({ step, status: 'ok', ms: elapsed(t0), message });
      return true;
    } catch (err) {
      record({ step, status: 'failed', ms: elapsed(t0), message: diagnose(step, err, target, names) });
      return false;
    }
  };
  const finish = () => {
    for (const step of STEPS) {
      if (!steps.some((s) => s.step === step)) record({ step, status: 'skipped', ms: 0, message: 'not run' });
    }
    return { ok: steps.every((s) => s.status === 'ok'), steps, marker, messageId };
  };
  let address = target.host;
  if (options.resolveHost) {
    const t0 = performance.now();
    try {
      address = await options.resolveHost(target.host, target.port);
    } catch (err) {
      // The refusal (network policy, cleartext to a remote host, unknown name) fails the connect step as it stands;
      // an allowed target is no step of its own (the connect step that follows reports it).
      const refusal = Object.assign(new Error((err as Error).message), { code: 'EPOLICY' });
      record({
        step: 'connect',
        status: 'failed',
        ms: elapsed(t0),
        message: diagnose('connect', refusal, target, names),
      });
      return finish();
    }
  }
  const connection = new SMTPConnection({
    host: address,
    port: target.port,
    // SMTPConnection knows XOAUTH2 but not OAUTHBEARER: its customAuth hook runs the exchange (RFC 7628).
    customAuth: { OAUTHBEARER: oauthBearer(target.host, target.port) },
    secure: target.secure,
    // The certificate is checked against the name typed, not the address connected to.
    ...(address !== target.host ? { servername: target.host } : {}),
    ignoreTLS: options.ignoreTls ?? false,
    // STARTTLS is used whenever offered; SMTP_REQUIRE_TLS is checked in the tls step (its own diagnosis) instead
    // of failing the connect step, and before any credential is sent.
    tls: clientTlsOptions(settings.allowInvalidTls, options.extraCaCertificates),
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
        if (options.ignoreTls) return 'not used (tls mode none: cleartext to a loopback or trusted server)';
        return 'not used: the server offered no STARTTLS (messages and credentials cross the network in clear)';
      });
      if (!tls) return;
      const authed = await run('authentication', async () => {
        if (!settings.user) return `not used: no ${names.user} configured`;
        const user = settings.user;
        const accessToken = options.accessToken;
        const mechanism = accessToken ? oauthMechanismFor(connection, options.oauthMechanism) : undefined;
        if (accessToken && mechanism === 'OAUTHBEARER') {
          const first = await accessToken(false).catch((err: Error) => {
            throw tokenUnavailable(err);
          });
          const login = (token: string) =>
            step<void>((resolve, reject) =>
              connection.login({ method: 'OAUTHBEARER', user, pass: token }, (err) => (err ? reject(err) : resolve())),
            );
          try {
            await login(first);
          } catch (err) {
            // Refused: one freshly refreshed token (a token the provider ended early), as for XOAUTH2.
            if ((err as { code?: string }).code !== 'EAUTH') throw err;
            const renewed = await accessToken(true).catch((refresh: Error) => {
              throw tokenUnavailable(refresh);
            });
            await login(renewed).catch((again: Error) => {
              throw Object.assign(again, { tokenRefusedTwice: true });
            });
          }
          return `logged in as ${user} (OAuth sign-in, OAUTHBEARER)`;
        }
        if (accessToken) {
          // The token is fetched (refreshed if due) here, so a sign-in that is gone fails this step with its reason.
          let renewal: 'none' | 'renewed' | Error = 'none';
          const first = await accessToken(false).catch((err: Error) => {
            throw tokenUnavailable(err);
          });
          const hook = xoauth2(user, first, accessToken, (outcome) => {
            renewal = outcome;
          });
          await step<void>((resolve, reject) =>
            connection.login(
              // Only getToken and buildXOAuth2Token are called by SMTPConnection; the type is nodemailer's full helper.
              { user, oauth2: hook as never },
              (err) => {
                if (!err) return resolve();
                // A refused token whose refresh failed (grant revoked): the refresh's own words, not "refused".
                if (renewal instanceof Error) return reject(tokenUnavailable(renewal));
                reject(renewal === 'renewed' ? Object.assign(err, { tokenRefusedTwice: true }) : err);
              },
            ),
          );
          return `logged in as ${user} (OAuth sign-in, XOAUTH2)`;
        }
        await step<void>((resolve, reject) =>
          connection.login({ user, pass: settings.pass ?? '' }, (err) => (err ? reject(err) : resolve())),
        );
        return `logged in as ${user}`;
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
  return finish();
}

/**
 * The OAuth mechanism for this server, from the AUTH keyword of its (post-STARTTLS) EHLO answer. SMTPConnection keeps
 * only the mechanisms it implements itself (OAUTHBEARER is not one), so the whole advertisement is read from its EHLO
 * lines. A server that offers neither fails the step with what it offers instead, before any token is sent.
 */
function oauthMechanismFor(connection: SMTPConnection, required: OAuthSaslMechanism | undefined): OAuthSaslMechanism {
  const lines = (connection as unknown as { _ehloLines?: string[] })._ehloLines ?? [];
  const authLines = lines.map((line) => /^AUTH[\s=](.*)/i.exec(line)?.[1]).filter((rest) => rest !== undefined);
  const advertised = authLines.length ? authLines.flatMap((rest) => rest.split(/[\s=]+/).filter(Boolean)) : undefined;
  const mechanism = chooseOAuthMechanism(advertised, required);
  if (!mechanism) {
    throw Object.assign(new Error(noOAuthMechanismMessage('SMTP', advertised ?? [], required)), {
      noOAuthMechanism: true,
    });
  }
  return mechanism;
}

/**
 * RFC 7628 OAUTHBEARER as an SMTPConnection custom authentication: the initial response carries the GS2 header with
 * the user, the host and port, and the token (§3.1); a refusal comes as a 334 challenge with the error in JSON, which
 * the client answers with a lone ^A to get the final failure reply (§3.2.3).
 */
function oauthBearer(host: string, port: number) {
  return async (ctx: {
    auth: { credentials: { user: string; pass: string } };
    sendCommand: (command: string) => Promise<{ status: number; response: string }>;
  }) => {
    const { user, pass: token } = ctx.auth.credentials;
    // RFC 5801 §5.1: "=" and "," in the authorization identity are escaped as =3D and =2C.
    const authzid = user.replace(/=/g, '=3D').replace(/,/g, '=2C');
    const initial = `n,a=${authzid},\x01host=${host}\x01port=${port}\x01auth=Bearer ${token}\x01\x01`;
    let reply = await ctx.sendCommand(`AUTH OAUTHBEARER ${Buffer.from(initial, 'utf8').toString('base64')}`);
    if (reply.status === 334) reply = await ctx.sendCommand('AQ==');
    if (reply.status !== 235) throw Object.assign(new Error('authentication refused'), { response: reply.response });
  };
}

/** Why no access token could be had, as a fresh error (nodemailer rewrites the code of errors it passes on). */
function tokenUnavailable(err: Error): Error {
  return Object.assign(new Error(err.message), { tokenUnavailable: true });
}

/**
 * nodemailer's XOAUTH2 hook (the shape of its OAuth2 helper, without its own token fetching): the first token, and
 * on the server's refusal one fresh token (`renewed` notes that the first was refused).
 */
function xoauth2(
  user: string,
  first: string,
  accessToken: (renew: boolean) => Promise<string>,
  renewal: (outcome: 'renewed' | Error) => void,
) {
  return {
    getToken(renew: boolean, callback: (err: Error | null, token?: string) => void) {
      if (!renew) return callback(null, first);
      accessToken(true).then(
        (token) => {
          renewal('renewed');
          callback(null, token);
        },
        (err: Error) => {
          renewal(err);
          callback(err);
        },
      );
    },
    // RFC-less but documented by Google and Microsoft: base64("user=" u ^A "auth=Bearer " token ^A ^A).
    buildXOAuth2Token(token: string) {
      return Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`, 'utf8').toString('base64');
    },
  };
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
function diagnose(
  step: SmtpCheckStepName,
  err: unknown,
  target: { host: string; port: number; secure: boolean },
  names: SettingNames,
): string {
  const e = err as {
    code?: string;
    response?: string;
    responseCode?: number;
    message?: string;
    tokenRefusedTwice?: boolean;
    tokenUnavailable?: boolean;
    noOAuthMechanism?: boolean;
  };
  const reply = e.response ? ` (server said: ${e.response.slice(0, 300)})` : '';
  const code = e.code ?? '';
  const text = e.message ?? String(err);
  if (step === 'connect') {
    if (code === 'EPOLICY') return text;
    if (code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(text)) {
      return `the host name ${target.host} does not resolve: check ${names.host}`;
    }
    if (/ECONNREFUSED/.test(text)) {
      return `nothing accepts connections on ${target.host}:${target.port} (server gone or wrong port): check the port (587 submission, 465 implicit TLS)`;
    }
    if (/ECONNRESET|closed unexpectedly|Connection closed/i.test(text)) {
      return `the server at ${target.host}:${target.port} closed the connection before greeting: it may be down, or expect ${target.secure ? 'no TLS on this port (use STARTTLS on 587)' : 'TLS from the first byte (use implicit TLS on 465)'}`;
    }
    if (code === 'ETIMEDOUT') {
      return `no answer from ${target.host}:${target.port} in time: a firewall, the wrong port, or ${target.secure ? 'a port that expects no TLS' : 'a port that expects TLS from the first byte (465)'}`;
    }
    const certificate = describeCertificateFailure(err, target.host);
    if (certificate) return certificate;
    if (/wrong version number|SSL routines|packet length|EPROTO/i.test(text)) {
      return `TLS mismatch: ${target.host}:${target.port} does not speak TLS from the first byte; use STARTTLS (port 587) instead of implicit TLS`;
    }
    if (/SSL|TLS/i.test(text)) return `TLS failed while connecting: ${text}`;
    return `could not talk to the server: ${text}`;
  }
  if (step === 'tls') {
    return `the server offers no STARTTLS but TLS is required (${names.requireTls}): use port 465 with ${names.implicitTls}, or a server with TLS`;
  }
  if (step === 'authentication') {
    if (e.tokenRefusedTwice) {
      return `the server refused the OAuth access token, and a freshly refreshed one too: the signed-in account may not send over SMTP (SMTP AUTH switched off for it, or the sign-in lacks the SMTP scope)${reply}`;
    }
    // The access token could not be had (sign-in revoked or expired, provider unreachable): its own words.
    if (e.tokenUnavailable) return `no OAuth access token: ${text}`;
    if (e.noOAuthMechanism) return text;
    return `authentication refused: the ${names.credentials} are wrong (wrong password?), or the account may not send over SMTP AUTH${reply}`;
  }
  if (/relay/i.test(e.response ?? '') || (e.responseCode === 554 && /5\.7\.1/.test(e.response ?? ''))) {
    return `the server refuses to relay this message for you (relay denied): log in (authentication) or use a server that delivers to this mailbox${reply}`;
  }
  if (code === 'EENVELOPE' || (e.responseCode ?? 0) >= 500) {
    return `the server refused the message: the sender address (${names.from}) may not be allowed for this account, or the recipient is refused${reply}`;
  }
  if ((e.responseCode ?? 0) >= 400) return `the server deferred the message (try again later)${reply}`;
  return `sending failed: ${text}${reply}`;
}

function elapsed(t0: number): number {
  return Math.round((performance.now() - t0) * 10) / 10;
}

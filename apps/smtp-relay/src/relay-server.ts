/**
 * The relay's SMTP side (smtp-server): AUTH against the configured per-application credentials, STARTTLS, SIZE,
 * connection and in-flight limits; each accepted message goes through `relayMessage` (can-send check, record,
 * VERP, smarthost) before the client gets its reply, so the client learns the smarthost's verdict.
 */
import { timingSafeEqual } from 'node:crypto';
import { type ApiClient, createApiClient } from '@bounce/api-client';
import type { Logger } from '@bounce/config';
import { refusedRecipients, SUPPRESSED_HEADER, sendTracked } from '@bounce/nodemailer';
import type { SendMailOptions, SentMessageInfo } from 'nodemailer';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { RelayCredential } from './env.js';
import { headerValue } from './message-headers.js';

export type RelaySettings = {
  hostname?: string | undefined;
  tls: { key: Buffer; cert: Buffer } | null;
  allowInsecureAuth: boolean;
  credentials: readonly RelayCredential[];
  apiUrl: string;
  /** The smarthost's sendMail (a pooled nodemailer transport). */
  send: (mail: SendMailOptions) => Promise<SentMessageInfo>;
  /** Named in reported rejections. */
  smarthostName: string;
  maxMessageBytes: number;
  maxClients: number;
  maxInFlight: number;
  categoryHeader: string;
  listHeader: string;
  blockedAction: 'refuse' | 'tag';
  logger: Logger;
};

/** An SMTP reply for the client: smtp-server sends `responseCode message`. */
function reply(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // Compare equal-length buffers only (timingSafeEqual throws otherwise); the length itself is not secret here.
  return a.length === b.length && timingSafeEqual(a, b);
}

export type RelayStats = { inFlight: number; relayed: number; refused: number };

export function createRelayServer(settings: RelaySettings): { server: SMTPServer; stats: RelayStats } {
  const stats: RelayStats = { inFlight: 0, relayed: 0, refused: 0 };
  const clients = new Map<string, ApiClient>();
  const clientOf = (credential: RelayCredential) => {
    let client = clients.get(credential.user);
    if (!client) {
      client = createApiClient({ baseUrl: settings.apiUrl, apiKey: credential.apiKey });
      clients.set(credential.user, client);
    }
    return client;
  };
  const byUser = new Map(settings.credentials.map((c) => [c.user, c]));

  const options: SMTPServerOptions = {
    name: settings.hostname,
    banner: 'bounce-processing relay',
    secure: false,
    ...(settings.tls ? { key: settings.tls.key, cert: settings.tls.cert } : {}),
    disabledCommands: settings.tls ? [] : ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: settings.allowInsecureAuth,
    authOptional: false,
    size: settings.maxMessageBytes,
    maxClients: settings.maxClients,
    logger: false,
    onAuth(auth, _session, callback) {
      const credential = auth.username ? byUser.get(auth.username) : undefined;
      // Every attempt costs a comparison, known user or not (no user enumeration by timing).
      const ok = sameSecret(auth.password ?? '', credential?.password ?? '\u0000'.repeat(16)) && credential;
      if (!ok) {
        settings.logger.info({ user: auth.username }, 'relay: authentication failed');
        callback(reply(535, '5.7.8 Authentication credentials invalid'));
        return;
      }
      callback(null, { user: credential.user });
    },
    onMailFrom(_address, _session, callback) {
      // Back-pressure: past the in-flight limit a client is asked to come back, before it sends the message.
      if (stats.inFlight >= settings.maxInFlight) {
        callback(reply(451, '4.3.2 Too busy, try again later'));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(reply(552, `5.3.4 Message exceeds the ${settings.maxMessageBytes} byte limit`));
          return;
        }
        const credential = byUser.get(String(session.user ?? ''));
        if (!credential) {
          callback(reply(530, '5.7.0 Authentication required'));
          return;
        }
        stats.inFlight++;
        relayMessage(settings, clientOf(credential), credential, {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        })
          .then(
            (message) => {
              stats.relayed++;
              callback(null, message);
            },
            (err: Error & { responseCode?: number }) => {
              stats.refused++;
              callback(err.responseCode ? err : reply(451, '4.3.0 Temporary failure, try again later'));
              if (!err.responseCode) settings.logger.warn({ err }, 'relay: message not relayed');
            },
          )
          .finally(() => {
            stats.inFlight--;
          });
      });
    },
  };
  return { server: new SMTPServer(options), stats };
}

type Envelope = { from: string; to: string[]; raw: Buffer };

/**
 * One submitted message: the can-send check per recipient for its category, then `sendTracked` (one recorded send
 * and one copy per recipient, VERP envelope sender, synchronous rejections reported). Resolves with the 250 text;
 * rejects with the SMTP reply for the client.
 */
export async function relayMessage(
  settings: RelaySettings,
  client: ApiClient,
  credential: RelayCredential,
  envelope: Envelope,
): Promise<string> {
  const category = headerValue(envelope.raw, settings.categoryHeader) ?? credential.category ?? 'transactional';
  const listId = headerValue(envelope.raw, settings.listHeader) ?? credential.listId;
  const messageId = headerValue(envelope.raw, 'Message-ID');

  const refused = await refusedRecipients(client, envelope.to, category, listId);
  if (refused.length > 0 && settings.blockedAction === 'refuse') {
    const names = refused.map((v) => `${v.recipient} (${v.reason})`).join(', ');
    settings.logger.info({ category, refused: refused.length }, 'relay: message refused by the can-send check');
    throw reply(550, `5.7.1 Not sent, suppressed recipient: ${names}`.slice(0, 480));
  }
  const refusedSet = new Set(refused.map((v) => v.recipient));
  const groups = [
    { to: envelope.to.filter((a) => !refusedSet.has(a)), raw: envelope.raw },
    {
      to: envelope.to.filter((a) => refusedSet.has(a)),
      raw: Buffer.concat([Buffer.from(`${SUPPRESSED_HEADER}: yes\r\n`), envelope.raw]),
    },
  ].filter((g) => g.to.length > 0);

  const context = { client, send: settings.send, remoteMta: settings.smarthostName };
  const results = await Promise.all(
    groups.map((g) =>
      sendTracked(
        {
          envelope: { from: envelope.from, to: g.to },
          raw: g.raw,
          ...(messageId ? { messageId } : {}),
          bounce: {
            category,
            ...(listId ? { listId } : {}),
            // A client retrying the same message (same Message-ID) records the same sends, not new ones.
            ...(messageId ? { externalId: `relay:${messageId}` } : {}),
          },
        },
        context,
      ).then(
        (info) => ({ ok: true as const, info }),
        (err: unknown) => ({ ok: false as const, err }),
      ),
    ),
  );
  const accepted = results.flatMap((r) => (r.ok ? r.info.accepted : []));
  if (accepted.length > 0) return `OK relayed to ${accepted.length} of ${envelope.to.length} recipient(s)`;
  // Nothing went out: the smarthost's own reply when it refused (already reported as a rejection), else try later.
  const failure = results.find((r) => !r.ok);
  const sends =
    (failure && !failure.ok
      ? (failure.err as { sends?: { rejection?: { replyCode: number; text: string } }[] }).sends
      : undefined) ?? [];
  const rejection = sends.find((s) => s.rejection)?.rejection;
  if (rejection) throw reply(rejection.replyCode, rejection.text.replace(/^\d{3}[ -]/, ''));
  // Connection, TLS or authentication trouble with the smarthost: its reply is not the client's business.
  settings.logger.warn({ err: failure && !failure.ok ? failure.err : undefined }, 'relay: smarthost failed');
  throw reply(451, '4.4.1 Smarthost unavailable, try again later');
}

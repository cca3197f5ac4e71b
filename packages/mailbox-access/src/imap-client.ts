import { isIP } from 'node:net';
import { clientTlsOptions, type Logger, type OAuthSaslMechanism } from '@bounce/config';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { classifyImapError } from './mailbox-errors.js';
import {
  assertCleartextAllowed,
  DEFAULT_MAILBOX_NETWORK_POLICY,
  type MailboxNetworkPolicy,
  resolveMailboxTarget,
} from './mailbox-network-policy.js';
import { negotiateOAuthMechanism } from './oauth-mechanism.js';

/** How to reach and log in to one mailbox (from the mailboxes table, secret decrypted). */
export type MailboxConnectionConfig = {
  host: string;
  port: number;
  /** implicit: TLS from the first byte (993); starttls: upgrade on the plain port (143); none: cleartext, local only. */
  tlsMode: 'implicit' | 'starttls' | 'none';
  /** Accept self-signed or otherwise unverifiable certificates (local and test servers only). */
  tlsAllowInvalid: boolean;
  /**
   * password: SASL PLAIN or LOGIN, whichever the server offers; xoauth2: `secret` is an OAuth2 access token, presented
   * with OAUTHBEARER or XOAUTH2 as the server advertises (chooseOAuthMechanism).
   */
  authMethod: 'password' | 'xoauth2';
  username: string;
  secret: string;
};

export type ImapClientOptions = {
  logger?: Logger;
  /** Ports and addresses the connection may go to (checked after DNS, at every connection). Default: mail ports, public addresses. */
  network?: MailboxNetworkPolicy;
  /** Allow tlsMode none to any host (assertCleartextAllowed). Default false: credentials would cross in clear. */
  allowInsecureRemote?: boolean;
  /** DNS + TCP + TLS budget. Default 30 s. */
  connectTimeoutMs?: number;
  /** Wait for the server greeting. Default 16 s (imapflow's). */
  greetingTimeoutMs?: number;
  /** Inactivity after which the socket is dropped. Default 5 min. */
  socketTimeoutMs?: number;
  /** Let imapflow enter IDLE by itself when the connection is quiet (IDLE watchers only). Default false. */
  autoIdle?: boolean;
  /** Restart IDLE this often; servers end IDLE after 30 min (RFC 2177 §3 asks clients to re-issue sooner). */
  maxIdleTimeMs?: number;
};

/**
 * imapflow options for a mailbox: TLS mode, certificate policy, auth method, timeouts and a quiet logger. `address`
 * is the checked address to connect to (the certificate is still verified against the host name).
 */
export function imapFlowOptions(
  config: MailboxConnectionConfig,
  options: ImapClientOptions = {},
  address?: string,
): ImapFlowOptions {
  const auth =
    config.authMethod === 'xoauth2'
      ? { user: config.username, accessToken: config.secret }
      : { user: config.username, pass: config.secret };
  const hostName = config.host.replace(/^\[|\]$/g, '');
  return {
    host: address ?? config.host,
    ...(address && isIP(hostName) === 0 ? { servername: hostName } : {}),
    port: config.port,
    secure: config.tlsMode === 'implicit',
    // STARTTLS required (never a silent fallback to cleartext), or explicitly off for tls mode none.
    doSTARTTLS: config.tlsMode === 'starttls' ? true : config.tlsMode === 'none' ? false : undefined,
    tls: clientTlsOptions(config.tlsAllowInvalid, options.network?.extraCaCertificates),
    auth,
    clientInfo: { name: 'bounce-fetch-worker' },
    logger: options.logger ? imapLogger(options.logger) : false,
    disableAutoIdle: !options.autoIdle,
    ...(options.maxIdleTimeMs ? { maxIdleTime: options.maxIdleTimeMs } : {}),
    connectionTimeout: options.connectTimeoutMs ?? 30_000,
    greetingTimeout: options.greetingTimeoutMs ?? 16_000,
    socketTimeout: options.socketTimeoutMs ?? 300_000,
  };
}

/**
 * imapflow logs every command at debug level and every failed command (a wrong password included) as an error with
 * its stack, which the caller reports anyway, once and with context (the connection test's answer, the fetch's one
 * warning): imapflow's own lines appear only when the process logs at debug or trace, for troubleshooting.
 */
function imapLogger(logger: Logger): ImapFlowOptions['logger'] {
  const level = logger.levelVal <= 20 ? logger.level : 'silent';
  return logger.child({ component: 'imap' }, { level }) as unknown as ImapFlowOptions['logger'];
}

/** ImapFlow's own login step, which its type declarations leave out. */
const imapFlowAuthenticate = (ImapFlow.prototype as unknown as { authenticate(): Promise<unknown> }).authenticate;

/**
 * An ImapFlow whose OAuth login uses the mechanism chooseOAuthMechanism picks from the server's AUTH= capabilities
 * (the rule POP3 and SMTP follow too) and remembers it, so the connection test and the logs can say which one was
 * used. imapflow would pick OAUTHBEARER over XOAUTH2 by itself; hiding the other one keeps the two choices the same.
 */
export class MailboxImapFlow extends ImapFlow {
  /** The SASL mechanism that presented the access token; undefined for a password login (or before login). */
  oauthMechanism: OAuthSaslMechanism | undefined;

  // Called by connect() after the greeting (and STARTTLS), with the capabilities the login may choose from.
  async authenticate(): Promise<unknown> {
    if (this.options.auth?.accessToken && !this.authenticated) {
      const advertised = [...this.capabilities.keys()]
        .filter((name) => /^AUTH=/i.test(name))
        .map((name) => name.slice(5).toUpperCase());
      const mechanism = negotiateOAuthMechanism('IMAP', advertised);
      this.capabilities.delete(mechanism === 'OAUTHBEARER' ? 'AUTH=XOAUTH2' : 'AUTH=OAUTHBEARER');
      this.capabilities.delete('AUTH=XOAUTH');
      this.oauthMechanism = mechanism;
    }
    return imapFlowAuthenticate.call(this);
  }
}

/**
 * Connects and logs in. Every failure comes back as a MailboxConnectionError naming the step (dns, tcp, tls, auth,
 * ...), which is what the failure counter and the metrics record.
 */
export async function connectImap(
  config: MailboxConnectionConfig,
  options: ImapClientOptions = {},
): Promise<MailboxImapFlow> {
  // The network policy first, on the resolved addresses; then connect to the checked address, not the name again.
  const network = options.network ?? DEFAULT_MAILBOX_NETWORK_POLICY;
  const { addresses } = await resolveMailboxTarget(config.host, config.port, network);
  assertCleartextAllowed('IMAP', config, addresses, { network, allowInsecureRemote: options.allowInsecureRemote });
  const client = new MailboxImapFlow(imapFlowOptions(config, options, addresses[0]));
  // An 'error' event without a listener would crash the process; the failing command rejects anyway.
  client.on('error', (err: Error) => options.logger?.debug({ err: { message: err.message } }, 'imap connection error'));
  try {
    await client.connect();
  } catch (err) {
    client.close();
    throw classifyImapError(err);
  }
  // Which mechanism carried the token (never the token): what to look for when a provider refuses one of them.
  if (client.oauthMechanism) {
    options.logger?.debug({ host: config.host, mechanism: client.oauthMechanism }, 'IMAP OAuth login');
  }
  return client;
}

/** LOGOUT politely, but never hang or throw on a connection that is already broken. */
export async function closeImap(client: ImapFlow | undefined): Promise<void> {
  if (!client) return;
  try {
    if (client.usable) {
      await Promise.race([client.logout(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    }
  } catch {
    // the socket is gone already
  } finally {
    client.close();
  }
}

/**
 * The connection test an operator runs before saving a mailbox (and after it gets disabled): each step on its own,
 * timed, so the report says exactly where it breaks. DNS (with the network policy and the cleartext rule: a refused
 * target gets no connection) → TCP → TLS (implicit, or STARTTLS on the plain port) →
 * authentication → folders. Steps after a failure are reported as skipped.
 */
import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { clientTlsOptions, describeCertificateFailure, type Logger } from '@bounce/config';
import { closeImap, connectImap, type MailboxConnectionConfig } from './imap-client.js';
import { classifyImapError, MailboxConnectionError } from './mailbox-errors.js';
import { ensureFolders } from './mailbox-folders.js';
import {
  assertCleartextAllowed,
  DEFAULT_MAILBOX_NETWORK_POLICY,
  type MailboxNetworkPolicy,
  resolveMailboxTarget,
} from './mailbox-network-policy.js';
import { connectPop3, type Pop3Session } from './pop3-client.js';

export type ConnectionTestStepName = 'dns' | 'tcp' | 'tls' | 'authentication' | 'folders';

export type ConnectionTestStep = {
  step: ConnectionTestStepName;
  status: 'ok' | 'failed' | 'skipped';
  /** Duration of the step in milliseconds (0 when skipped). */
  ms: number;
  /** What happened, e.g. "127.0.0.1", "TLSv1.3, certificate not verified (allowed)", "authentication failed: ...". */
  message: string;
};

export type ConnectionTestResult = { ok: boolean; steps: ConnectionTestStep[]; totalMs: number };

export type ConnectionTestConfig = Omit<MailboxConnectionConfig, 'authMethod'> & {
  /** oauth2: a mailbox signed in with Microsoft 365 or Google; its token comes from `options.accessToken`. */
  authMethod: MailboxConnectionConfig['authMethod'] | 'oauth2';
  /** Default imap. For pop3 the folder step checks the maildrop instead (POP3 has no folders). */
  protocol?: 'imap' | 'pop3';
  sourceFolder: string;
  processedFolder: string;
  manualFolder: string;
};

export type ConnectionTestOptions = {
  /** Per-step timeout. Default 10 s. */
  timeoutMs?: number;
  /** Create missing processed/manual folders (they are needed anyway). Default true; false only checks them. */
  createFolders?: boolean;
  allowInsecureRemote?: boolean;
  /** Ports and addresses the test may connect to. Default: mail ports, public addresses. */
  network?: MailboxNetworkPolicy;
  logger?: Logger;
  /**
   * oauth2 mailboxes: a valid access token from the mailbox's grant (refreshed if needed; a revoked grant throws a
   * MailboxConnectionError of kind auth, reported in the authentication step). Default none: oauth2 fails there.
   */
  accessToken?: () => Promise<string>;
  /**
   * Called with each step as soon as it is known (passed, failed, or skipped after a failure), in the order of the
   * result's `steps`: the API streams them so the operator watches the test progress.
   */
  onStep?: (step: ConnectionTestStep) => void;
};

const STEPS: ConnectionTestStepName[] = ['dns', 'tcp', 'tls', 'authentication', 'folders'];

export async function testMailboxConnection(
  config: ConnectionTestConfig,
  options: ConnectionTestOptions = {},
): Promise<ConnectionTestResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const network = options.network ?? DEFAULT_MAILBOX_NETWORK_POLICY;
  const steps: ConnectionTestStep[] = [];
  const started = performance.now();
  let address = '';
  // The authenticated client, handed from the authentication step to the folder step.
  let pending: Awaited<ReturnType<typeof connectImap>> | undefined;
  let pop3: Pop3Session | undefined;
  const isPop3 = config.protocol === 'pop3';

  const record = (result: ConnectionTestStep) => {
    steps.push(result);
    options.onStep?.(result);
  };
  const run = async (step: ConnectionTestStepName, fn: () => Promise<string>): Promise<boolean> => {
    const t0 = performance.now();
    try {
      const message = await withTimeout(fn(), timeoutMs, step);
      record({ step, status: 'ok', ms: elapsed(t0), message });
      return true;
    } catch (err) {
      const message = describe(step, err, isPop3 ? 'POP3' : 'IMAP', config.host);
      record({ step, status: 'failed', ms: elapsed(t0), message });
      // An expected outcome of a test (the operator sees the steps), not a fault of this process: one info line.
      options.logger?.info({ host: config.host, step, error: message }, 'mailbox connection test failed');
      return false;
    }
  };

  const passed =
    (await run('dns', async () => {
      // Resolution and the network policy in one step: a refused target gets no TCP connection at all.
      const host = config.host.replace(/^\[|\]$/g, '');
      const { addresses } = await resolveMailboxTarget(config.host, config.port, network);
      // Cleartext to a host that is not loopback is refused here too, before any connection is opened.
      assertCleartextAllowed(isPop3 ? 'POP3' : 'IMAP', config, addresses, {
        network,
        allowInsecureRemote: options.allowInsecureRemote,
      });
      address = addresses[0]!;
      return isIP(host) ? `${host} (IP address, no lookup)` : `${host} → ${addresses.join(', ')}`;
    })) &&
    (await run('tcp', async () => {
      const socket = await openTcp(address, config.port, timeoutMs);
      socket.destroy();
      return `connected to ${address}:${config.port}`;
    })) &&
    (await run('tls', async () => checkTls(config, address, timeoutMs, network.extraCaCertificates))) &&
    (await run('authentication', async () => {
      const login = await loginConfig(config, options);
      // The mechanism is the one the server's advertisement chose (chooseOAuthMechanism), known after the login.
      const how = (oauthMechanism: string | undefined) =>
        config.authMethod === 'oauth2'
          ? `OAuth sign-in, ${oauthMechanism}`
          : login.authMethod === 'xoauth2'
            ? (oauthMechanism ?? 'XOAUTH2')
            : 'password';
      if (isPop3) {
        pop3 = await connectPop3(login, {
          allowInsecureRemote: options.allowInsecureRemote,
          network,
          connectTimeoutMs: timeoutMs,
          socketTimeoutMs: timeoutMs * 3,
          logger: options.logger,
        });
        return `logged in as ${config.username} (POP3, ${how(pop3.oauthMechanism)})`;
      }
      const client = await connectImap(login, {
        allowInsecureRemote: options.allowInsecureRemote,
        network,
        connectTimeoutMs: timeoutMs,
        greetingTimeoutMs: timeoutMs,
        socketTimeoutMs: timeoutMs * 3,
        logger: options.logger,
      });
      // Kept open for the folder step; closed in its finally.
      pending = client;
      return `logged in as ${config.username} (${how(client.oauthMechanism)})`;
    })) &&
    (await run('folders', async () => {
      if (pop3) {
        try {
          const { count, bytes } = await pop3.messageCount();
          await pop3.listing(); // UIDL is required to track what was taken: check it now, not at the first fetch
          return `maildrop has ${count} message(s), ${bytes} bytes; UIDL supported`;
        } finally {
          pop3.close();
          pop3 = undefined;
        }
      }
      try {
        const result = await ensureFolders(pending!, config, { create: options.createFolders ?? true });
        const created = result.created.length ? `; created ${result.created.map((f) => `"${f}"`).join(', ')}` : '';
        return `source "${config.sourceFolder}" has ${result.sourceMessages} message(s)${created}`;
      } finally {
        await closeImap(pending);
        pending = undefined;
      }
    }));
  await closeImap(pending);
  pop3?.close();

  for (const step of STEPS) {
    if (!steps.some((s) => s.step === step)) record({ step, status: 'skipped', ms: 0, message: 'not run' });
  }
  return { ok: passed, steps, totalMs: elapsed(started) };
}

/** What the login presents: the stored secret, or for oauth2 a fresh access token (OAUTHBEARER or XOAUTH2). */
async function loginConfig(
  config: ConnectionTestConfig,
  options: ConnectionTestOptions,
): Promise<MailboxConnectionConfig> {
  if (config.authMethod !== 'oauth2') return { ...config, authMethod: config.authMethod };
  if (!options.accessToken) {
    throw new MailboxConnectionError(
      'config',
      'not signed in: save the mailbox and connect it with its provider first',
    );
  }
  return { ...config, authMethod: 'xoauth2', secret: await options.accessToken() };
}

function elapsed(t0: number): number {
  return Math.round((performance.now() - t0) * 10) / 10;
}

/**
 * What the report says about a failed step. It must not make the test a network probe: a TCP failure reads the same
 * whether the port is closed, filtered or unreachable, and nothing the peer sent (a banner, a greeting, a non-IMAP
 * answer) is echoed; only authentication and folder answers, which come from a server that spoke IMAP or POP3.
 */
function describe(step: ConnectionTestStepName, err: unknown, protocol: 'IMAP' | 'POP3', host: string): string {
  if (err instanceof MailboxConnectionError && err.kind === 'config') return err.message;
  if (step === 'dns') return classifyImapError(err).message;
  if (step === 'tcp') return 'TCP connection failed: no connection (port closed, filtered or host unreachable)';
  const e = err as NodeJS.ErrnoException;
  // Node's own description of a certificate failure; for a peer that does not speak TLS only the code (OpenSSL's
  // text there is noise, and nothing the peer wrote is repeated either way).
  if (step === 'tls') {
    const certificate = describeCertificateFailure(err, host);
    if (certificate) return `TLS failed: ${certificate}`;
    if (e.code?.startsWith('ERR_SSL_')) return `TLS failed: ${e.code} (the server did not answer as a TLS server)`;
    return `TLS failed: ${e.code ? `${e.code} ` : ''}${e.message}`;
  }
  const classified = classifyImapError(err);
  if (classified.kind === 'auth' || classified.kind === 'folder') return classified.message;
  if (classified.kind === 'tcp')
    return 'TCP connection failed: no connection (port closed, filtered or host unreachable)';
  if (classified.kind === 'tls') return 'TLS failed';
  return `the server did not answer as an ${protocol} server`;
}

function openTcp(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    });
    socket.once('connect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Implicit TLS: handshake on connect. STARTTLS: greeting, `STARTTLS`, then the handshake (RFC 3501 §6.2.1). */
async function checkTls(
  config: ConnectionTestConfig,
  address: string,
  timeoutMs: number,
  extraCaCertificates: readonly string[] | undefined,
): Promise<string> {
  if (config.tlsMode === 'none') return 'not used (tls mode none: cleartext, loopback host)';
  const servername = isIP(config.host) ? undefined : config.host;
  let socket: Socket | undefined;
  try {
    if (config.tlsMode === 'starttls') {
      socket = await openTcp(address, config.port, timeoutMs);
      const greeting = await readLine(socket, timeoutMs);
      if (config.protocol === 'pop3') {
        // RFC 2595 §4: POP3's STARTTLS is STLS. The greeting is not echoed (another service's banner).
        if (!/^\+OK/.test(greeting)) throw new Error('not a POP3 greeting');
        socket.write('STLS\r\n');
        const line = await readLine(socket, timeoutMs);
        if (!/^\+OK/.test(line)) throw Object.assign(new Error('server refused STLS'), { code: 'STARTTLS_REFUSED' });
      } else {
        // The greeting is not echoed: on a non-IMAP port it would be that service's banner.
        if (!/^\* (OK|PREAUTH)/i.test(greeting)) throw new Error('not an IMAP greeting');
        socket.write('T1 STARTTLS\r\n');
        let line = await readLine(socket, timeoutMs);
        while (line.startsWith('*')) line = await readLine(socket, timeoutMs);
        if (!/^T1 OK/i.test(line))
          throw Object.assign(new Error('server refused STARTTLS'), { code: 'STARTTLS_REFUSED' });
      }
    }
    const tls = await handshake({
      socket,
      host: address,
      port: config.port,
      servername,
      rejectUnauthorized: !config.tlsAllowInvalid,
      extraCaCertificates,
      timeoutMs,
    });
    const verified = tls.authorized
      ? 'certificate verified'
      : `certificate not verified (${String(tls.authorizationError ?? 'unknown')}; allowed by tls_allow_invalid)`;
    const summary = `${config.tlsMode === 'starttls' ? 'STARTTLS' : 'implicit TLS'}, ${tls.getProtocol() ?? 'TLS'}, ${verified}`;
    tls.destroy();
    return summary;
  } finally {
    socket?.destroy();
  }
}

function handshake(o: {
  socket?: Socket;
  host: string;
  port: number;
  servername?: string;
  rejectUnauthorized: boolean;
  extraCaCertificates: readonly string[] | undefined;
  timeoutMs: number;
}): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const tls = tlsConnect({
      ...(o.socket ? { socket: o.socket } : { host: o.host, port: o.port }),
      ...(o.servername ? { servername: o.servername } : {}),
      ...clientTlsOptions(!o.rejectUnauthorized, o.extraCaCertificates),
    });
    const timer = setTimeout(() => {
      tls.destroy();
      reject(Object.assign(new Error(`handshake not finished within ${o.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, o.timeoutMs);
    tls.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(tls);
    });
    tls.once('error', (err) => {
      clearTimeout(timer);
      tls.destroy();
      reject(err);
    });
  });
}

/** One CRLF-terminated line; leftover bytes are put back for the next read. */
function readLine(socket: Socket, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => finish(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      const end = buffer.indexOf('\r\n');
      if (end === -1) {
        if (buffer.length > 16_384) finish(new Error('response line too long'));
        return;
      }
      const rest = buffer.slice(end + 2);
      if (rest) socket.unshift(Buffer.from(rest, 'latin1'));
      finish(undefined, buffer.slice(0, end));
    };
    const onError = (err: Error) => finish(err);
    const onClose = () => finish(new Error('connection closed by the server'));
    function finish(err?: Error, line?: string) {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.pause();
      if (err) reject(err);
      else resolve(line!);
    }
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('close', onClose);
    socket.resume();
  });
}

function withTimeout<T>(p: Promise<T>, ms: number, step: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // A little above the per-operation timeouts, so the operation's own (more precise) error wins.
    const t = setTimeout(() => reject(new Error(`${step} step timed out after ${ms} ms`)), ms + 2_000);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/**
 * A POP3 client for bounce mailboxes (RFC 1939, CAPA RFC 2449, STLS RFC 2595, SASL AUTH RFC 5034).
 *
 * Written here rather than taken from npm: the maintained client (node-pop3 0.11) has no STLS and no SASL (so no
 * STARTTLS mailboxes and no XOAUTH2), decodes retrieved messages as UTF-8 (which changes 8-bit messages and their
 * SHA-256, our deduplication key) and ends a multi-line response on a chunk that merely looks like the terminator.
 * This one keeps messages as bytes, un-stuffs dots (RFC 1939 §3), finds the terminator across chunk boundaries,
 * bounds every line and message, and reports failures as the same MailboxConnectionError kinds as IMAP.
 *
 * Deletion semantics are POP3's: DELE only marks; the marks take effect at QUIT (UPDATE state). `close()` without
 * QUIT drops the connection and the server forgets every mark, which is what a failed fetch wants.
 */
import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import { type ConnectionOptions, type TLSSocket, connect as tlsConnect } from 'node:tls';
import { clientTlsOptions, type Logger, type OAuthSaslMechanism } from '@bounce/config';
import type { MailboxConnectionConfig } from './imap-client.js';
import { classifyImapError, MailboxConnectionError } from './mailbox-errors.js';
import {
  assertCleartextAllowed,
  DEFAULT_MAILBOX_NETWORK_POLICY,
  type MailboxNetworkPolicy,
  resolveMailboxTarget,
} from './mailbox-network-policy.js';
import { negotiateOAuthMechanism } from './oauth-mechanism.js';

export type Pop3ClientOptions = {
  logger?: Logger;
  /** Which targets may be reached (mail ports, address guard after DNS); default the strict policy, as for IMAP. */
  network?: MailboxNetworkPolicy;
  /** Allow tlsMode none to a host that is not loopback. Default false. */
  allowInsecureRemote?: boolean;
  /** TCP + TLS + greeting budget. Default 30 s. */
  connectTimeoutMs?: number;
  /** Inactivity after which the socket is dropped. Default 5 min. */
  socketTimeoutMs?: number;
};

/** One message of the maildrop: its number in this session, its unique id (UIDL) and size (LIST). */
export type Pop3Listing = { number: number; uid: string; size: number };

/** A `-ERR` answer (the text is the server's, never our command: PASS and AUTH lines carry secrets). */
export class Pop3ResponseError extends Error {
  override readonly name = 'Pop3ResponseError';
}

const CRLF = Buffer.from('\r\n');
const TERMINATOR = Buffer.from('\r\n.\r\n');
/** RFC 2449 allows 512 octets per response line; servers exceed it in greetings and errors now and then. */
const MAX_LINE = 8_192;
/** UIDL and LIST answers of a maildrop with many messages: about 40 bytes per message. */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;
/** A single message larger than this is refused rather than held in memory. */
export const DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

/**
 * The byte stream of one POP3 connection with the two reads POP3 needs: a line, and a dot-terminated block. Chunks
 * are kept in a list and joined once, so reading a large message is linear in its size.
 */
class ResponseReader {
  private chunks: Buffer[] = [];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  attach(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.notify();
    });
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('connection closed by the server')));
  }

  fail(err: Error): void {
    this.failure ??= err;
    this.notify();
  }

  hasBufferedData(): boolean {
    return this.chunks.some((c) => c.length > 0);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async more(): Promise<Buffer> {
    while (this.chunks.length === 0) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    return this.chunks.shift()!;
  }

  private unshift(rest: Buffer): void {
    if (rest.length > 0) this.chunks.unshift(rest);
  }

  async readLine(): Promise<string> {
    let line: Buffer = Buffer.alloc(0);
    for (;;) {
      const chunk = await this.more();
      const joined = line.length ? Buffer.concat([line, chunk]) : chunk;
      // A CR ending the previous piece and an LF starting this one form the line end too.
      const end = joined.indexOf(CRLF, Math.max(0, line.length - 1));
      if (end !== -1) {
        this.unshift(joined.subarray(end + 2));
        return joined.subarray(0, end).toString('latin1');
      }
      if (joined.length > MAX_LINE) throw new MailboxConnectionError('protocol', 'POP3 response line too long');
      line = joined;
    }
  }

  /** The body of a multi-line response, dot-unstuffed, ending with the CRLF of its last line (empty if none). */
  async readBlock(maxBytes: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let total = 0;
    // The terminator is CRLF "." CRLF. The CRLF before the first line is implied (an empty block is ".\r\n"), so the
    // search starts with it as the tail; afterwards the tail is the last 4 bytes seen, for a terminator that
    // straddles two chunks.
    let tail: Buffer = CRLF;
    for (;;) {
      const chunk = await this.more();
      const window = Buffer.concat([tail, chunk]);
      const at = window.indexOf(TERMINATOR);
      parts.push(chunk);
      if (at !== -1) {
        // Where the terminator starts, counted in the message's bytes (-2 for an empty block).
        const start = total - tail.length + at;
        // The limit holds however the bytes arrive: a whole over-size message can come in one chunk.
        if (start > maxBytes)
          throw new MailboxConnectionError('protocol', `POP3 response larger than ${maxBytes} bytes`);
        total += chunk.length;
        const all = Buffer.concat(parts, total);
        this.unshift(all.subarray(start + TERMINATOR.length));
        // The terminator's leading CRLF still ends the message's last line.
        return unstuff(all.subarray(0, start + 2));
      }
      total += chunk.length;
      if (total > maxBytes) {
        throw new MailboxConnectionError('protocol', `POP3 response larger than ${maxBytes} bytes`);
      }
      tail = window.subarray(-(TERMINATOR.length - 1));
    }
  }
}

/** RFC 1939 §3: a line starting with "." was sent with one more "."; remove it. Linear in the size. */
export function unstuff(block: Buffer): Buffer {
  const out: Buffer[] = [];
  let from = 0;
  if (block[0] === 0x2e) from = 1;
  let search = from;
  for (;;) {
    const at = block.indexOf('\r\n.', search, 'latin1');
    if (at === -1) break;
    out.push(block.subarray(from, at + 2));
    from = at + 3;
    search = from;
  }
  if (out.length === 0 && from === 0) return block;
  out.push(block.subarray(from));
  return Buffer.concat(out);
}

export class Pop3Session {
  /** CAPA answer (upper-cased keywords with their arguments), empty when the server has no CAPA. */
  capabilities = new Map<string, string[]>();
  /** The SASL mechanism that presented the access token (chooseOAuthMechanism); undefined for USER/PASS. */
  oauthMechanism: OAuthSaslMechanism | undefined;
  private readonly reader = new ResponseReader();
  private closed = false;

  private constructor(
    private socket: Socket,
    private readonly timeouts: { socketTimeoutMs: number },
  ) {
    this.watch(socket);
  }

  private watch(socket: Socket): void {
    this.reader.attach(socket);
    socket.setTimeout(this.timeouts.socketTimeoutMs, () => {
      const err = Object.assign(new Error(`no answer within ${this.timeouts.socketTimeoutMs} ms`), {
        code: 'ETIMEDOUT',
      });
      this.reader.fail(err);
      socket.destroy();
    });
  }

  /** Connects, reads the greeting, upgrades with STLS when asked, reads CAPA. No login yet. */
  static async open(config: MailboxConnectionConfig, options: Pop3ClientOptions = {}): Promise<Pop3Session> {
    // The network policy first, on the resolved addresses; then connect to the checked address, not the name again.
    const network = options.network ?? DEFAULT_MAILBOX_NETWORK_POLICY;
    const { addresses } = await resolveMailboxTarget(config.host, config.port, network);
    assertCleartextAllowed('POP3', config, addresses, { network, allowInsecureRemote: options.allowInsecureRemote });
    const address = addresses[0]!;
    const connectTimeoutMs = options.connectTimeoutMs ?? 30_000;
    const socketTimeoutMs = options.socketTimeoutMs ?? 300_000;
    const tlsOptions = tlsOptionsFor(config, network);
    let socket: Socket;
    try {
      socket = await withDeadline<Socket>(
        config.tlsMode === 'implicit'
          ? openTls({ ...tlsOptions, host: address, port: config.port })
          : openTcp(address, config.port),
        connectTimeoutMs,
        'connect',
      );
    } catch (err) {
      throw classifyPop3Error(err);
    }
    const session = new Pop3Session(socket, { socketTimeoutMs });
    try {
      await withDeadline(session.greeting(), connectTimeoutMs, 'greeting').catch((err: { code?: string }) => {
        // A TLS-only port answers a plaintext client with silence: say so rather than "timed out".
        if (err.code !== 'ETIMEDOUT' || config.tlsMode === 'implicit') throw err;
        throw new MailboxConnectionError(
          'tls',
          `no POP3 greeting within ${connectTimeoutMs} ms: the port may expect implicit TLS (POP3S) rather than ${config.tlsMode === 'starttls' ? 'STLS' : 'cleartext'}`,
        );
      });
      await session.readCapabilities();
      if (config.tlsMode === 'starttls') await withDeadline(session.startTls(tlsOptions), connectTimeoutMs, 'STLS');
    } catch (err) {
      session.close();
      throw classifyPop3Error(err);
    }
    return session;
  }

  private async greeting(): Promise<void> {
    const line = await this.reader.readLine();
    if (!line.startsWith('+OK')) {
      throw new MailboxConnectionError('protocol', `unexpected POP3 greeting: ${line.slice(0, 200)}`);
    }
  }

  private async readCapabilities(): Promise<void> {
    this.capabilities = new Map();
    try {
      await this.command('CAPA');
    } catch (err) {
      if (err instanceof Pop3ResponseError) return; // an RFC 1939-only server: no CAPA
      throw err;
    }
    const block = await this.reader.readBlock(MAX_LINE * 16);
    for (const line of block.toString('latin1').split('\r\n')) {
      const [name, ...args] = line.trim().split(/\s+/);
      if (name) this.capabilities.set(name.toUpperCase(), args);
    }
  }

  /** RFC 2595 §4: STLS, then a TLS handshake on the same socket, then CAPA again (it may change after TLS). */
  private async startTls(tlsOptions: ConnectionOptions): Promise<void> {
    if (!this.capabilities.has('STLS') && this.capabilities.size > 0) {
      throw new MailboxConnectionError('tls', 'the server does not offer STLS (STARTTLS for POP3)');
    }
    try {
      await this.command('STLS');
    } catch (err) {
      if (err instanceof Pop3ResponseError) {
        throw new MailboxConnectionError('tls', `the server refused STLS: ${err.message}`);
      }
      throw err;
    }
    // Bytes after "+OK" and before the handshake would be a plaintext injection (CVE-2011-0411 class): refuse.
    if (this.reader.hasBufferedData()) {
      throw new MailboxConnectionError('tls', 'the server sent data after accepting STLS; refusing to continue');
    }
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.setTimeout(0);
    const secure = await openTls({ ...tlsOptions, socket: plain });
    this.socket = secure;
    this.watch(secure);
    await this.readCapabilities();
  }

  /** USER/PASS for passwords (RFC 1939 §7); SASL XOAUTH2 or OAUTHBEARER for OAuth access tokens. */
  async login(config: Pick<MailboxConnectionConfig, 'authMethod' | 'username' | 'secret'>): Promise<void> {
    try {
      if (config.authMethod === 'xoauth2') {
        // CAPA's SASL line (RFC 2449 §6.3); a server without it is tried with XOAUTH2 (chooseOAuthMechanism).
        const sasl = this.capabilities.get('SASL');
        const mechanism = negotiateOAuthMechanism('POP3', sasl);
        await this.authenticate(mechanism, oauthInitialResponse(mechanism, config.username, config.secret));
        this.oauthMechanism = mechanism;
      } else {
        await this.command('USER', config.username);
        await this.command('PASS', config.secret);
      }
    } catch (err) {
      if (err instanceof Pop3ResponseError) {
        throw new MailboxConnectionError('auth', `authentication failed: ${err.message}`, { cause: err });
      }
      throw classifyPop3Error(err);
    }
  }

  private async authenticate(mechanism: string, initial: string): Promise<void> {
    this.write(`AUTH ${mechanism} ${initial}`);
    let line = await this.reader.readLine();
    // A "+ <base64 error>" challenge (RFC 7628 §3.2.3): answer with an empty response to get the final -ERR.
    if (line.startsWith('+ ') || line === '+') {
      this.write('');
      line = await this.reader.readLine();
    }
    expectOk(line);
  }

  /** Unique ids and sizes of every message (UIDL is required: without it nothing can be tracked as seen). */
  async listing(): Promise<Pop3Listing[]> {
    try {
      await this.command('UIDL');
    } catch (err) {
      if (err instanceof Pop3ResponseError) {
        throw new MailboxConnectionError('protocol', `the server does not support UIDL: ${err.message}`);
      }
      throw classifyPop3Error(err);
    }
    const uids = parsePairs(await this.reader.readBlock(MAX_LISTING_BYTES));
    await this.command('LIST');
    const sizes = parsePairs(await this.reader.readBlock(MAX_LISTING_BYTES));
    const out: Pop3Listing[] = [];
    for (const [number, uid] of uids) {
      const size = Number(sizes.get(number) ?? 0);
      out.push({ number, uid, size: Number.isFinite(size) ? size : 0 });
    }
    return out.sort((a, b) => a.number - b.number);
  }

  /** The whole message as stored (bytes, dot-unstuffed). */
  async retrieve(number: number, maxBytes = DEFAULT_MAX_MESSAGE_BYTES): Promise<Buffer> {
    try {
      await this.command('RETR', String(number));
      return await this.reader.readBlock(maxBytes);
    } catch (err) {
      throw classifyPop3Error(err);
    }
  }

  /** Marks a message for deletion; it goes at QUIT, and only then. */
  async markDeleted(number: number): Promise<void> {
    try {
      await this.command('DELE', String(number));
    } catch (err) {
      throw classifyPop3Error(err);
    }
  }

  async messageCount(): Promise<{ count: number; bytes: number }> {
    try {
      const [count, bytes] = (await this.command('STAT')).split(/\s+/).map(Number);
      return { count: count ?? 0, bytes: bytes ?? 0 };
    } catch (err) {
      throw classifyPop3Error(err);
    }
  }

  /** Ends the session; the server applies the DELE marks now (RFC 1939 §6). */
  async quit(): Promise<void> {
    try {
      await this.command('QUIT');
    } catch (err) {
      throw classifyPop3Error(err);
    } finally {
      this.close();
    }
  }

  /** Drops the connection without QUIT: marks are forgotten. Never throws. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.fail(new Error('session closed'));
    this.socket.destroy();
  }

  private write(line: string): void {
    if (this.closed) throw new Error('session closed');
    this.socket.write(`${line}\r\n`, 'latin1');
  }

  private async command(name: string, ...args: string[]): Promise<string> {
    for (const a of args) {
      if (/[\r\n]/.test(a)) throw new MailboxConnectionError('config', `${name} argument contains a line break`);
    }
    this.write([name, ...args].join(' '));
    return expectOk(await this.reader.readLine());
  }
}

/** Connects (with STLS if configured) and logs in. Failures come back as MailboxConnectionError. */
export async function connectPop3(
  config: MailboxConnectionConfig,
  options: Pop3ClientOptions = {},
): Promise<Pop3Session> {
  const session = await Pop3Session.open(config, options);
  try {
    await session.login(config);
  } catch (err) {
    session.close();
    throw err;
  }
  // Which mechanism carried the token (never the token): what to look for when a provider refuses one of them.
  if (session.oauthMechanism) {
    options.logger?.debug({ host: config.host, mechanism: session.oauthMechanism }, 'POP3 OAuth login');
  }
  return session;
}

function expectOk(line: string): string {
  if (line.startsWith('+OK')) return line.slice(3).trim();
  if (line.startsWith('-ERR')) throw new Pop3ResponseError(line.slice(4).trim() || '-ERR');
  throw new MailboxConnectionError('protocol', `unexpected POP3 response: ${line.slice(0, 200)}`);
}

function parsePairs(block: Buffer): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of block.toString('latin1').split('\r\n')) {
    const match = /^(\d+)\s+(\S+)/.exec(line);
    if (match) out.set(Number(match[1]), match[2]!);
  }
  return out;
}

/** XOAUTH2 (Google/Microsoft) or OAUTHBEARER (RFC 7628) initial client response, base64. */
export function oauthInitialResponse(mechanism: OAuthSaslMechanism, user: string, token: string): string {
  const text =
    mechanism === 'XOAUTH2'
      ? `user=${user}\x01auth=Bearer ${token}\x01\x01`
      : `n,a=${user.replace(/=/g, '=3D').replace(/,/g, '=2C')},\x01auth=Bearer ${token}\x01\x01`;
  return Buffer.from(text, 'utf8').toString('base64');
}

function tlsOptionsFor(config: MailboxConnectionConfig, network: MailboxNetworkPolicy): ConnectionOptions {
  const host = config.host.replace(/^\[|\]$/g, '');
  return {
    ...(isIP(host) ? {} : { servername: host }),
    ...clientTlsOptions(config.tlsAllowInvalid, network.extraCaCertificates),
  };
}

function openTcp(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function openTls(options: ConnectionOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect(options);
    socket.once('secureConnect', () => {
      socket.off('error', onError);
      resolve(socket);
    });
    const onError = (err: Error) => {
      socket.destroy();
      reject(Object.assign(err, { tlsFailed: true }));
    };
    socket.once('error', onError);
  });
}

function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error(`${what} not finished within ${ms} ms`), { code: 'ETIMEDOUT' })),
      ms,
    );
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** Same kinds as IMAP (dns, tcp, tls, auth, protocol); a -ERR outside login is a protocol error. */
export function classifyPop3Error(err: unknown): MailboxConnectionError {
  if (err instanceof MailboxConnectionError) return err;
  if (err instanceof Pop3ResponseError) {
    return new MailboxConnectionError('protocol', `POP3 error: ${err.message}`, { cause: err });
  }
  const classified = classifyImapError(err);
  return classified.kind === 'protocol'
    ? new MailboxConnectionError('protocol', classified.message.replace(/^IMAP error/, 'POP3 error'), { cause: err })
    : classified;
}

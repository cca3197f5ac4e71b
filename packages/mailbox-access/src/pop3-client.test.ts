import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { getFreePort, type MailServers, startMailServers } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxConnectionConfig } from './imap-client.js';
import { MailboxConnectionError } from './mailbox-errors.js';
import { loopbackTestPolicy } from './mailbox-network-policy.js';
import { connectPop3 as connect, oauthInitialResponse, type Pop3ClientOptions, unstuff } from './pop3-client.js';

/** The test Dovecot listens on loopback, which the default network policy refuses. */
const connectPop3 = (config: MailboxConnectionConfig, options: Pop3ClientOptions = {}) =>
  connect(config, { network: loopbackTestPolicy(), ...options });

let servers: MailServers;

beforeAll(async () => {
  servers = await startMailServers();
}, 60_000);

afterAll(async () => {
  await servers?.stop();
}, 30_000);

const config = (overrides: Partial<MailboxConnectionConfig> = {}): MailboxConnectionConfig => ({
  host: servers.host,
  port: servers.pop3Port,
  tlsMode: 'starttls',
  tlsAllowInvalid: true,
  authMethod: 'password',
  username: servers.bounceUser,
  secret: servers.bouncePassword,
  ...overrides,
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A message with 8-bit bytes, lines starting with "." (stuffed on the wire) and a lone "." line. */
function trickyMessage(n: number): Buffer {
  return Buffer.concat([
    Buffer.from(`From: a@example.org\r\nTo: bounces@mta.test\r\nSubject: tricky ${n}\r\n\r\n`),
    Buffer.from('.leading dot\r\n..two dots\r\n.\r\nafter a lone dot\r\n', 'latin1'),
    Buffer.from([0xe4, 0xf6, 0xfc, 0x0d, 0x0a]), // latin-1 umlauts: not UTF-8, must survive byte for byte
    Buffer.from(`${'x'.repeat(70)}\r\n`.repeat(3000)), // ~210 kB: many chunks, a terminator at any boundary
  ]);
}

describe('POP3 client against Dovecot', () => {
  it('STLS, login, UIDL + sizes, RETR byte for byte, DELE applied only at QUIT', async () => {
    await servers.clearMailbox();
    const messages = [trickyMessage(1), trickyMessage(2), Buffer.from('Subject: short\r\n\r\nhi\r\n')];
    await servers.placeMessages(messages);

    const session = await connectPop3(config());
    expect(session.capabilities.has('UIDL')).toBe(true);
    const listing = await session.listing();
    expect(listing).toHaveLength(3);
    expect(new Set(listing.map((l) => l.uid)).size).toBe(3);
    const fetched: Buffer[] = [];
    for (const l of listing) fetched.push(await session.retrieve(l.number));
    expect(fetched.map(sha).sort()).toEqual(messages.map(sha).sort());
    for (const [i, l] of listing.entries()) expect(fetched[i]!.length).toBe(l.size);

    // DELE then drop the connection: the server forgets the mark.
    await session.markDeleted(listing[0]!.number);
    session.close();
    const again = await connectPop3(config());
    expect((await again.listing()).map((l) => l.uid)).toEqual(listing.map((l) => l.uid));
    // DELE then QUIT: gone; the other ids stay the same across sessions.
    await again.markDeleted(listing[0]!.number);
    await again.quit();
    const third = await connectPop3(config());
    expect((await third.listing()).map((l) => l.uid)).toEqual(listing.slice(1).map((l) => l.uid));
    expect(await third.messageCount()).toMatchObject({ count: 2 });
    await third.quit();
  }, 60_000);

  it('implicit TLS on the POP3S port', async () => {
    const session = await connectPop3(config({ tlsMode: 'implicit', port: servers.pop3sPort }));
    expect((await session.messageCount()).count).toBeGreaterThanOrEqual(0);
    await session.quit();
  }, 30_000);

  it('a wrong password is an auth failure with the server text, never the password', async () => {
    const err = await connectPop3(config({ secret: 'not-the-password' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailboxConnectionError);
    expect((err as MailboxConnectionError).kind).toBe('auth');
    expect((err as Error).message).toMatch(/^authentication failed: .*Authentication failed/);
    expect((err as Error).message).not.toContain('not-the-password');
  }, 30_000);

  it('TLS mismatch: implicit TLS against the STLS port, STLS against the POP3S port, a self-signed certificate', async () => {
    const implicitOnPlain = await connectPop3(config({ tlsMode: 'implicit' })).catch((e: unknown) => e);
    expect((implicitOnPlain as MailboxConnectionError).kind).toBe('tls');

    const stlsOnImplicit = await connectPop3(config({ port: servers.pop3sPort }), { connectTimeoutMs: 1_500 }).catch(
      (e: unknown) => e,
    );
    expect((stlsOnImplicit as MailboxConnectionError).kind).toBe('tls');
    expect((stlsOnImplicit as Error).message).toMatch(/implicit TLS/);

    const untrusted = await connectPop3(
      config({ tlsMode: 'implicit', port: servers.pop3sPort, tlsAllowInvalid: false }),
    ).catch((e: unknown) => e);
    expect((untrusted as MailboxConnectionError).kind).toBe('tls');
    expect((untrusted as Error).message).toMatch(/self[- ]signed/i);
  }, 30_000);

  it('server gone: a closed port is a TCP failure', async () => {
    const err = await connectPop3(config({ port: await getFreePort() })).catch((e: unknown) => e);
    expect((err as MailboxConnectionError).kind).toBe('tcp');
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  }, 30_000);

  it('cleartext only to loopback', async () => {
    const session = await connectPop3(config({ tlsMode: 'none' }));
    await session.quit();
    const err = await connectPop3(config({ tlsMode: 'none', host: '10.0.0.1', port: 110 }), {
      network: { ...loopbackTestPolicy(), allowPrivateNetworks: true },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailboxConnectionError);
    expect((err as Error).message).toMatch(/^refusing cleartext POP3 \(tls mode "none"\) to 10\.0\.0\.1:/);
  }, 30_000);

  it('XOAUTH2 against a server without it fails at authentication without echoing the token', async () => {
    const err = await connectPop3(config({ authMethod: 'xoauth2', secret: 'ya29.fake-token' })).catch(
      (e: unknown) => e,
    );
    expect((err as MailboxConnectionError).kind).toBe('auth');
    expect((err as Error).message).toMatch(
      /^the POP3 server does not offer OAuth sign-in with OAUTHBEARER or XOAUTH2 \(it offers: PLAIN LOGIN\)/,
    );
    expect((err as Error).message).not.toContain('ya29.fake-token');
  }, 30_000);
});

describe('POP3 wire details', () => {
  it('unstuff removes exactly one leading dot per line', () => {
    expect(unstuff(Buffer.from('..a\r\n.\r\nb\r\n...c\r\n')).toString()).toBe('.a\r\n\r\nb\r\n..c\r\n');
    expect(unstuff(Buffer.from('plain\r\n')).toString()).toBe('plain\r\n');
    expect(unstuff(Buffer.alloc(0)).length).toBe(0);
  });

  it('OAuth initial responses carry the user and the bearer token', () => {
    expect(Buffer.from(oauthInitialResponse('XOAUTH2', 'u@x.test', 'tok'), 'base64').toString()).toBe(
      'user=u@x.test\x01auth=Bearer tok\x01\x01',
    );
    expect(Buffer.from(oauthInitialResponse('OAUTHBEARER', 'a,b=c', 'tok'), 'base64').toString()).toBe(
      'n,a=a=2Cb=3Dc,\x01auth=Bearer tok\x01\x01',
    );
  });

  it('a terminator split over many one-byte chunks, and a message larger than the limit', async () => {
    // A scripted server that writes every byte separately: the worst case for finding "\r\n.\r\n".
    const body = 'Subject: x\r\n\r\n..dot\r\nend\r\n';
    const script: Record<string, string> = {
      CAPA: '+OK\r\nUIDL\r\n.\r\n',
      USER: '+OK\r\n',
      PASS: '+OK\r\n',
      'RETR 1': `+OK\r\n${body}.\r\n`,
      'RETR 2': `+OK\r\n${'y'.repeat(5000)}\r\n.\r\n`,
      QUIT: '+OK\r\n',
    };
    const server: Server = createServer((socket) => {
      const send = async (text: string) => {
        for (const ch of Buffer.from(text)) {
          socket.write(Buffer.from([ch]));
          await new Promise((r) => setImmediate(r));
        }
      };
      void send('+OK ready\r\n');
      let pending = '';
      socket.on('data', (d) => {
        pending += d.toString();
        let i = pending.indexOf('\r\n');
        while (i !== -1) {
          const line = pending.slice(0, i);
          pending = pending.slice(i + 2);
          const key = Object.keys(script).find((k) => line === k || line.startsWith(`${k} `)) ?? '';
          void send(script[key] ?? '-ERR unknown\r\n');
          i = pending.indexOf('\r\n');
        }
      });
      socket.on('error', () => {});
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    try {
      const session = await connectPop3(config({ port, tlsMode: 'none' }));
      expect((await session.retrieve(1)).toString()).toBe('Subject: x\r\n\r\n.dot\r\nend\r\n');
      const tooBig = await session.retrieve(2, 1_000).catch((e: unknown) => e);
      expect((tooBig as MailboxConnectionError).kind).toBe('protocol');
      expect((tooBig as Error).message).toMatch(/larger than 1000 bytes/);
      session.close();
    } finally {
      server.close();
    }
  }, 30_000);
  it('refuses an over-size message that arrives in a single chunk, terminator included', async () => {
    const replies: Record<string, string> = {
      CAPA: '+OK\r\nUIDL\r\n.\r\n',
      USER: '+OK\r\n',
      PASS: '+OK\r\n',
      'RETR 1': `+OK\r\n${'z'.repeat(5000)}\r\n.\r\n`,
      QUIT: '+OK\r\n',
    };
    const server: Server = createServer((socket) => {
      socket.write('+OK ready\r\n');
      let pending = '';
      socket.on('data', (d) => {
        pending += d.toString();
        for (let i = pending.indexOf('\r\n'); i !== -1; i = pending.indexOf('\r\n')) {
          const line = pending.slice(0, i);
          pending = pending.slice(i + 2);
          const key = Object.keys(replies).find((k) => line === k || line.startsWith(`${k} `)) ?? '';
          socket.write(replies[key] ?? '-ERR unknown\r\n'); // one write: the whole response in one chunk
        }
      });
      socket.on('error', () => {});
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    try {
      const session = await connectPop3(config({ port, tlsMode: 'none' }));
      const tooBig = await session.retrieve(1, 1_000).catch((e: unknown) => e);
      expect((tooBig as MailboxConnectionError).kind).toBe('protocol');
      expect((tooBig as Error).message).toMatch(/larger than 1000 bytes/);
      session.close();
    } finally {
      server.close();
    }
  }, 30_000);
});

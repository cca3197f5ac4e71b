/**
 * The scripted remote SMTP server the MTAs under test relay to. It answers per recipient from the catalogue: a reply
 * at RCPT TO, or acceptance at RCPT TO and the reply after the end of DATA. Replies are sent byte for byte as the
 * catalogue writes them (multi-line replies included), which smtp-server cannot do through its error callback, so
 * each connection's `send` is wrapped to write the scripted reply verbatim.
 */
import { createHash } from 'node:crypto';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { CatalogueEntry } from './catalogue-types.js';

/** The address the MTA under test "is" in the replies (documentation range, RFC 5737). */
export const CLIENT_IP = '192.0.2.25';

export type PlannedRecipient = { address: string; entry: CatalogueEntry; stage: 'rcpt' | 'data' };

/** One reply the remote gave, for the labeller. */
export type Exchange = { at: string; address: string; stage: 'rcpt' | 'data'; reply: string };

export type ScriptedRemote = {
  port: number;
  exchanges: Exchange[];
  /** Messages delivered to a sink address (an MTA without local delivery relays its bounces here too). */
  sunk: string[];
  close(): Promise<void>;
};

/** A short id derived from the recipient, so the replies are the same on every run. */
export function tokenFor(address: string): string {
  return createHash('sha256').update(address).digest('base64url').replace(/[-_]/g, 'x').slice(0, 12);
}

export function renderReply(entry: CatalogueEntry, address: string, sender: string): string {
  return entry.reply
    .map((line) =>
      line
        .replaceAll('{rcpt}', address)
        .replaceAll('{ip}', CLIENT_IP)
        .replaceAll('{sender}', sender)
        .replaceAll('{token}', tokenFor(address)),
    )
    .join('\r\n');
}

/** The three-digit reply code of a rendered reply. */
export function replyCodeOf(reply: string): number {
  return Number(reply.slice(0, 3));
}

type Connection = {
  send(code: number, data?: unknown, context?: unknown): void;
  _socket?: { write(s: string): void; destroyed?: boolean };
  session: SMTPServerSession & { error?: string };
  close(): void;
};

const RAW_PREFIX = 'scripted-reply:';

/** An error whose message names a scripted reply; the wrapped `send` writes the reply itself. */
function scripted(reply: string): Error & { responseCode: number } {
  return Object.assign(new Error(RAW_PREFIX + reply), { responseCode: replyCodeOf(reply) });
}

export async function startScriptedRemote(
  plan: Map<string, PlannedRecipient>,
  sinks: ReadonlySet<string> = new Set(),
  port = 0,
): Promise<ScriptedRemote> {
  const exchanges: Exchange[] = [];
  const sunk: string[] = [];
  const lookup = (address: string) => plan.get(address.toLowerCase());
  const server = new SMTPServer({
    name: 'mx.scripted-remote.test',
    banner: 'ESMTP ready',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideENHANCEDSTATUSCODES: false,
    // Without PIPELINING every client shows the stage of a reply truthfully; a pipelining Sendmail lists RCPT
    // replies after ">>> DATA" in its transcript, which would make the stage (and so the label) ambiguous.
    hidePIPELINING: true,
    size: 50 * 1024 * 1024,
    logger: process.env.REMOTE_LOG === '1',
    onRcptTo(address, session, callback) {
      const planned = lookup(address.address);
      if (planned?.stage === 'rcpt') {
        const reply = renderReply(
          planned.entry,
          planned.address,
          session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        );
        exchanges.push({ at: new Date().toISOString(), address: planned.address, stage: 'rcpt', reply });
        return callback(scripted(reply));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (session.envelope.rcptTo.some((r) => sinks.has(r.address.toLowerCase()))) {
          sunk.push(Buffer.concat(chunks).toString('utf8'));
          return callback();
        }
        const planned = session.envelope.rcptTo.map((r) => lookup(r.address)).find((p) => p?.stage === 'data');
        if (!planned) return callback();
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const reply = renderReply(planned.entry, planned.address, sender);
        for (const r of session.envelope.rcptTo) {
          exchanges.push({ at: new Date().toISOString(), address: r.address.toLowerCase(), stage: 'data', reply });
        }
        callback(scripted(reply));
      });
    },
  });
  // smtp-server keeps its connections in a Set: wrap each one's `send` as it is added.
  const connections = (server as unknown as { connections: Set<Connection> }).connections;
  const add = connections.add.bind(connections);
  connections.add = (connection: Connection) => {
    const send = connection.send.bind(connection);
    connection.send = (code, data, context) => {
      if (typeof data === 'string' && data.startsWith(RAW_PREFIX)) {
        const reply = data.slice(RAW_PREFIX.length);
        connection.session.error = reply;
        connection._socket?.write(`${reply}\r\n`);
        if (code === 421) connection.close();
        return;
      }
      send(code, data, context);
    };
    return add(connection);
  };
  // A client that resets its connection (nullmailer does on a reply it does not like) is no reason to stop.
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') console.error('scripted remote:', err.message);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    port: bound,
    exchanges,
    sunk,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

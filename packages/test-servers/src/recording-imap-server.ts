import { createServer, type Server, type Socket } from 'node:net';

/**
 * A minimal cleartext IMAP server that records every byte clients send and refuses every login: it stands for a
 * host an attacker controls, so a test can assert which credentials a client would hand over. It offers no SASL
 * mechanism, so clients fall back to `LOGIN "user" "password"` and what arrives is the secret as typed.
 */
export type RecordingImapServer = {
  host: string;
  port: number;
  /** Everything received so far, across connections, as latin1 text. */
  received(): string;
  /** The LOGIN commands received so far (one line each). */
  logins(): string[];
  stop(): Promise<void>;
};

export async function startRecordingImapServer(host = '127.0.0.1'): Promise<RecordingImapServer> {
  let received = '';
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.write('* OK [CAPABILITY IMAP4rev1] recording server ready\r\n');
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      pending += chunk.toString('latin1');
      let end = pending.indexOf('\r\n');
      while (end !== -1) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        answer(socket, line);
        end = pending.indexOf('\r\n');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host,
    port,
    received: () => received,
    logins: () => received.split('\r\n').filter((l) => /^\S+ LOGIN /i.test(l)),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(socket: Socket, line: string): void {
  const [tag, command = ''] = line.split(' ', 2);
  if (!tag) return;
  switch (command.toUpperCase()) {
    case 'CAPABILITY':
      socket.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
      return;
    case 'LOGOUT':
      socket.write(`* BYE bye\r\n${tag} OK done\r\n`);
      socket.end();
      return;
    case 'LOGIN':
      socket.write(`${tag} NO [AUTHENTICATIONFAILED] refused\r\n`);
      return;
    default:
      socket.write(`${tag} BAD not supported here\r\n`);
  }
}

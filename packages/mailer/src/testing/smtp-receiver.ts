/**
 * A local SMTP receiver for tests of anything that sends mail (the mailer, the notify worker's digests, the API's
 * test mail). Test-only: exported from `@bounce/mailer/testing`, never from the package's main entry.
 */
import type { AddressInfo } from 'node:net';
import { pollUntil } from '@bounce/test-servers';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmtpReceiver = {
  port: number;
  messages: ParsedMail[];
  /** Envelope recipients per message, in order. */
  recipients: string[][];
  waitFor: (count: number, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * A local SMTP server (smtp-server, by the author of nodemailer) that stores parsed messages. Optional AUTH
 * (PLAIN/LOGIN without TLS, allowed for tests) and recipients it rejects with 550.
 */
export async function startSmtpReceiver(
  options: { auth?: { user: string; pass: string }; rejectRecipients?: string[] } = {},
): Promise<SmtpReceiver> {
  const messages: ParsedMail[] = [];
  const recipients: string[][] = [];
  const server = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      }
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.includes(address.address)) {
        callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          recipients.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    recipients,
    waitFor: async (count, timeoutMs = 10_000) => {
      await pollUntil(() => messages.length >= count, {
        timeoutMs,
        intervalMs: 20,
        what: `${count} message(s) at the SMTP receiver`,
        describe: () => `received ${messages.length}`,
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

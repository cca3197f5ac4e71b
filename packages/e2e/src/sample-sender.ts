/**
 * A sample sending application, as a customer would write it, over each route that ties a bounce to its send:
 *  - the nodemailer plugin (@bounce/nodemailer): one line of set-up, every sendMail tracked;
 *  - the plain API (@bounce/api-client): record the send, then send with the returned return path and headers;
 *  - SMTP through the relay (apps/smtp-relay): no code at all, only SMTP credentials.
 * The senders end-to-end test drives it against real Postfix; each route answers the id of the send it made.
 */
import { createApiClient, unwrap } from '@bounce/api-client';
import { trackBounces } from '@bounce/nodemailer';
import nodemailer from 'nodemailer';

export type SampleSenderConfig = {
  /** The bounce-processing API, e.g. http://127.0.0.1:3000, and a write-scope key. */
  apiUrl: string;
  apiKey: string;
  /** The application's own outgoing SMTP server. */
  smtp: { host: string; port: number };
  /** The SMTP relay and this application's credentials there, when the relay route is used. */
  relay?: { host: string; port: number; user: string; pass: string };
};

export type SampleMail = { to: string; from: string; subject: string; text: string; category?: string };

export function createSampleSender(config: SampleSenderConfig) {
  const smtpTransport = () =>
    nodemailer.createTransport({ host: config.smtp.host, port: config.smtp.port, secure: false, ignoreTLS: true });

  // Route 1: the plugin. This one line is the whole integration.
  const tracked = trackBounces(smtpTransport(), { baseUrl: config.apiUrl, apiKey: config.apiKey });

  const api = createApiClient({ baseUrl: config.apiUrl, apiKey: config.apiKey });
  const plain = smtpTransport();

  return {
    /** The nodemailer plugin: answers the send id. */
    async viaPlugin(mail: SampleMail): Promise<string> {
      const info = await tracked.sendMail({ ...mail, bounce: { category: mail.category ?? 'transactional' } });
      return info.sends[0]?.sendId ?? '';
    },

    /** The plain API: record, then send with what it handed out. */
    async viaApi(mail: SampleMail): Promise<string> {
      const messageId = `<${crypto.randomUUID()}@app.test>`;
      const send = unwrap(
        await api.POST('/v1/sends', {
          body: {
            recipient: mail.to,
            messageId,
            category: mail.category ?? 'transactional',
            sentAt: new Date().toISOString(),
          },
        }),
      );
      await plain.sendMail({
        ...mail,
        messageId,
        headers: send.headers,
        envelope: { from: send.returnPath ?? mail.from, to: [mail.to] },
      });
      return send.id;
    },

    /** SMTP through the relay: a plain nodemailer transport with the relay's credentials; answers the Message-ID. */
    async viaRelay(mail: SampleMail): Promise<string> {
      if (!config.relay) throw new Error('no relay configured');
      const messageId = `<${crypto.randomUUID()}@app.test>`;
      const relay = nodemailer.createTransport({
        host: config.relay.host,
        port: config.relay.port,
        secure: false,
        auth: { user: config.relay.user, pass: config.relay.pass },
        tls: { rejectUnauthorized: false },
      });
      try {
        await relay.sendMail({
          ...mail,
          messageId,
          // The relay files the message under this category (X-Bounce-Category by default, see RELAY_CATEGORY_HEADER).
          headers: mail.category ? { 'X-Bounce-Category': mail.category } : {},
        });
        return messageId;
      } finally {
        relay.close();
      }
    },

    close() {
      tracked.close();
      plain.close();
    },
  };
}

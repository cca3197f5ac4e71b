/**
 * Runnable example: send one tracked message.
 *
 *   BOUNCE_API_URL=http://127.0.0.1:3000 BOUNCE_API_KEY=<key from dev-all> SMTP_HOST=127.0.0.1 SMTP_PORT=25 \
 *     pnpm --filter @bounce/nodemailer example someone@example.org
 *
 * The API records the send and hands out its VERP return path; the message leaves with it as envelope sender, so a
 * bounce is matched to this send. A recipient your SMTP server refuses at once is reported as a rejection.
 */
import nodemailer from 'nodemailer';
import { trackBounces } from '../src/index.js';

const to = process.argv[2];
if (!to) {
  console.error('usage: example.ts <recipient>');
  process.exit(64);
}

const transporter = trackBounces(
  nodemailer.createTransport({
    host: process.env.SMTP_HOST ?? '127.0.0.1',
    port: Number(process.env.SMTP_PORT ?? 25),
    secure: false,
  }),
  { baseUrl: process.env.BOUNCE_API_URL ?? 'http://127.0.0.1:3000', apiKey: process.env.BOUNCE_API_KEY ?? '' },
);

try {
  const info = await transporter.sendMail({
    from: process.env.MAIL_FROM ?? 'Billing <billing@example.com>',
    to,
    subject: 'Your invoice',
    text: 'Please find your invoice attached.',
    bounce: { category: 'invoice', externalId: `example-${Date.now()}` },
  });
  for (const send of info.sends)
    console.log(`sent to ${send.recipient}: send ${send.sendId}, return path ${send.returnPath}`);
} catch (err) {
  const sends = (err as { sends?: { recipient: string; rejection?: { text: string } }[] }).sends ?? [];
  for (const s of sends) if (s.rejection) console.error(`rejected ${s.recipient} (reported): ${s.rejection.text}`);
  console.error(String(err));
  process.exitCode = 1;
} finally {
  transporter.close();
}

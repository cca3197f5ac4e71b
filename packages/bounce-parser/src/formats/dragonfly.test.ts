import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('dragonfly mail agent', () => {
  it('reads the recipient, remote host and reply', () => {
    const r = parseBounce(`From: MAILER-DAEMON <>
Subject: Mail delivery failed

This is the DragonFly Mail Agent v0.13 at df.example.jp.

There was an error delivering your mail to <user@example.org>.

mx.example.org [192.0.2.25] did not like our RCPT TO:
552 5.2.2 <user@example.org>: Recipient address rejected: Mailbox full

Message headers follow.
`);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'user@example.org',
      reason: 'mailboxfull',
      remoteMta: 'mx.example.org',
      detectedBy: 'dragonfly',
    });
  });
});

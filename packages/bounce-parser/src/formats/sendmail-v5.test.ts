import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('sendmail without DSN', () => {
  it('reads each recipient line of the transcript and the remote reply above it', () => {
    const r = parseBounce(`From: Mail Delivery Subsystem <MAILER-DAEMON@example.com>
Subject: Returned mail: User unknown

   ----- Transcript of session follows -----
550 example.org (smtp)... 550 Host unknown
554 <a@example.org>... 550 Host unknown (Authoritative answer from name server)
While talking to mail.example.co.jp:
>>> RCPT To:<b@example.co.jp>
<<< 550 Requested User Mailbox not found. No such user here.
550 <b@example.co.jp>... User unknown

   ----- Unsent message follows -----
Subject: hi
`);
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.replyCode])).toEqual([
      ['a@example.org', 'hostunknown', 550],
      ['b@example.co.jp', 'userunknown', 550],
    ]);
  });
});

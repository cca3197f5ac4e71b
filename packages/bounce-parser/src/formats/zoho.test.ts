import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('zoho', () => {
  it('reads the ERROR_CODE line', () => {
    const r = parseBounce(`From: mailer-daemon@mail.zoho.com
Subject: Undelivered Mail Returned to Sender

This message was created automatically by mail delivery software.
A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.

user@example.co.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <user@example.co.jp>... User Unknown
`);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'user@example.co.jp',
      reason: 'userunknown',
      status: '5.1.1',
      replyCode: 550,
    });
  });

  it('reads the status line of a delay notice', () => {
    const r = parseBounce(`From: mailer-daemon@mail.zoho.com
Subject: Mail Delivery Status Notification (Delay)

THIS IS A WARNING MESSAGE ONLY.
----- The following addresses had fatal errors -----
[Status: Error, Address: <user@example.jp>, ResponseCode 421, , Host not reachable.]
`);
    expect(r.kind).toBe('delayed');
    expect(r.recipients[0]).toMatchObject({ reason: 'expired', status: '4.0.947', replyCode: 421, detectedBy: 'zoho' });
  });
});

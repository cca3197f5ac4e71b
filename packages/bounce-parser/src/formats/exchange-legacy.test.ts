import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('exchange 5.5-2003', () => {
  it('reads every recipient of the NDR and the MSEXCH cause', () => {
    const r = parseBounce(`From: postmaster@example.co.jp
Subject: Undeliverable: hello

Your message

  To:      s@example.jp
  Subject: hello

did not reach the following recipient(s):

a@example.co.jp on Thu, 29 Apr 2007 16:51:51 -0500
    The recipient name is not recognized
    MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
b@example.co.jp on Thu, 29 Apr 2007 16:51:51 -0500
    The recipient name is not recognized
    MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
`);
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.status])).toEqual([
      ['a@example.co.jp', 'userunknown', '5.0.911'],
      ['b@example.co.jp', 'userunknown', '5.0.911'],
    ]);
  });
});

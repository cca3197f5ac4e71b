import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('kddi au one net', () => {
  it('reads the recipient and the reason line', () => {
    const r = parseBounce(`From: no-reply@example.dion.ne.jp
Subject: Mail

Your mail sent on: Thu, 29 Apr 2013 00:00:00 +0900
     Could not be delivered to: <user@example.dion.ne.jp>
     As their mailbox is full.
`);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'user@example.dion.ne.jp',
      reason: 'mailboxfull',
      status: '5.0.922',
      detectedBy: 'kddi',
    });
  });
});

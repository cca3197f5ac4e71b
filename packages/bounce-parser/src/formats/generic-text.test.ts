import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('generic plain-text fallback', () => {
  it('reads a small gateway bounce naming the address and the cause', () => {
    const r = parseBounce(`From: "Postmaster" <postmaster@example.co.jp>
To: sender@example.jp
Subject: Undeliverable Mail

User mailbox exceeds allowed size: user@example.co.jp

Original message follows.
`);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'user@example.co.jp',
      reason: 'mailboxfull',
      detectedBy: 'generic',
    });
  });

  it('does not turn a human conversation about a bounce into one', () => {
    const r = parseBounce(`From: alice@example.org
To: bob@example.org
Subject: Re: Undelivered mail

Hi Bob, can you write to carol@example.net instead? Thanks.
`);
    expect(r.kind).toBe('not-bounce');
    expect(r.recipients).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('exchange 2007+ / office 365 without a DSN part', () => {
  it('reads the administrators section', () => {
    const r = parseBounce(`From: postmaster@example.onmicrosoft.com
Subject: Undeliverable: hello

Delivery has failed to these recipients or groups:

user@example.com<mailto:user@example.com>
The email address you entered couldn't be found.

Diagnostic information for administrators:

Generating server: SRV.example.prod.outlook.com

user@example.com
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

Original message headers:
Message-ID: <o1@example.org>
`);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'user@example.com',
      reason: 'userunknown',
      status: '5.1.10',
      replyCode: 550,
      detectedBy: 'exchange2007',
    });
  });
});

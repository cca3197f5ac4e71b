import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('complaints', () => {
  it('reads an ARF report (RFC 5965)', () => {
    const r = parseBounce(`From: fbl@isp.example
Subject: FW: hello
Content-Type: multipart/report; report-type=feedback-report; boundary="b"

--b
Content-Type: text/plain

This is an email abuse report.
--b
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: Example-FBL/1.0
Version: 1
Original-Rcpt-To: <user@isp.example>
--b
Content-Type: message/rfc822

Message-ID: <m1@sender.example>
X-Bounce-Correlation: c-7
From: news@sender.example
To: user@isp.example

body
--b--
`);
    expect(r.kind).toBe('complaint');
    expect(r.recipients[0]).toMatchObject({
      recipient: 'user@isp.example',
      reason: 'feedback',
      class: 'complaint',
      feedbackType: 'abuse',
      detectedBy: 'arf',
    });
    expect(r.original).toMatchObject({
      messageId: '<m1@sender.example>',
      correlationHeaders: { 'x-bounce-correlation': 'c-7' },
    });
  });

  it("falls back to the original's recipient when the report names none: Hotmail's own field, else To", () => {
    const jmrp = (fields: string) =>
      parseBounce(`From: staff@hotmail.example
Subject: complaint about message from 192.0.2.1
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: message/rfc822

${fields}
Subject: x

y
--b--
`).recipients.map((x) => [x.recipient, x.class]);
    expect(jmrp('To: someone@hotmail.example')).toEqual([['someone@hotmail.example', 'complaint']]);
    // Hotmail/Outlook.com's JMRP copy names the complainant in its own field when the newsletter's To is undisclosed.
    expect(jmrp('X-HmXmrOriginalRecipient: <pat@outlook.example>\nTo: undisclosed-recipients:;')).toEqual([
      ['pat@outlook.example', 'complaint'],
    ]);
  });
});

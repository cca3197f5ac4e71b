/**
 * Generated sender-side bounces: a Postfix-style DSN (RFC 3464) around a reply, with the returned original's
 * headers (Received chain, DKIM-Signature) chosen per test. Variants of the real shapes in the dev corpus.
 */
export type BounceSpec = {
  /** The remote server's reply, e.g. "550 5.7.1 Service unavailable; Client host [203.0.113.6] blocked using bl.dnsbl.test". */
  reply: string;
  recipient?: string;
  remoteMta?: string;
  reportingMta?: string;
  returnPath?: string;
  from?: string;
  received?: string[];
  dkimSignatures?: string[];
  status?: string;
  date?: string;
};

export function makeBounce(spec: BounceSpec): string {
  const recipient = spec.recipient ?? 'someone@outlook.com';
  const remoteMta = spec.remoteMta ?? 'outlook-com.olc.protection.outlook.com';
  const reportingMta = spec.reportingMta ?? 'out1.good.test';
  const returnPath = spec.returnPath ?? 'bounces+u4f2a@bounces.good.test';
  const from = spec.from ?? 'Billing <billing@good.test>';
  const status = spec.status ?? /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(spec.reply)?.[1] ?? '5.7.1';
  const received = (
    spec.received ?? [
      'from app.good.test (app.good.test [10.0.0.5]) by out1.good.test (Postfix) with ESMTP id 4Xyz; Mon, 30 Nov 2026 10:00:00 +0000',
    ]
  )
    .map((r) => `Received: ${r}`)
    .join('\n');
  const dkim = (spec.dkimSignatures ?? []).map((d) => `DKIM-Signature: ${d}`).join('\n');
  return `Return-Path: <>
Received: by out1.good.test (Postfix) id 1; Mon, 30 Nov 2026 10:00:05 +0000
Date: ${spec.date ?? 'Mon, 30 Nov 2026 10:00:05 +0000'}
From: MAILER-DAEMON@out1.good.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: ${returnPath}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"
Message-Id: <bounce-1@out1.good.test>

--b1
Content-Type: text/plain; charset=us-ascii

This is the mail system at host ${reportingMta}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<${recipient}>: host ${remoteMta}[52.101.42.17] said: ${spec.reply} (in reply to MAIL FROM command)

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; ${reportingMta}
X-Postfix-Queue-ID: 4Xyz
Arrival-Date: Mon, 30 Nov 2026 10:00:00 +0000

Final-Recipient: rfc822; ${recipient}
Original-Recipient: rfc822;${recipient}
Action: failed
Status: ${status}
Remote-MTA: dns; ${remoteMta}
Diagnostic-Code: smtp; ${spec.reply}

--b1
Content-Type: text/rfc822-headers

Return-Path: <${returnPath}>
${received}
${dkim ? `${dkim}\n` : ''}From: ${from}
To: ${recipient}
Subject: Invoice 2026-1101
Message-ID: <invoice-1101@good.test>
Date: Mon, 30 Nov 2026 10:00:00 +0000

--b1--
`;
}

/**
 * Messages the start-up snapshot's builder parses (snapshot-main.ts) so that the functions of the parser's common
 * paths are compiled to bytecode in the snapshot, which keeps it: a run from the snapshot starts with that work done
 * instead of compiling them on first use (about a tenth of the instructions of a first pass over the dev corpus).
 * Written for this purpose, one per common shape of a notice: a delivery-status report, a plain-text failure of
 * qmail and of Exim, and a complaint. ASCII only: decoding another charset opens an ICU converter, a native handle
 * that a snapshot cannot hold. No auto-reply: reading its absence dates leaves state that V8 cannot serialise (the
 * snapshot builder aborts).
 */
import { createBatchParser } from './parse-batch.js';

const DSN_REPORT = `Return-Path: <>
Received: from mx.example.org by mail.example.com (Postfix) id 4F2A1; Mon, 7 Dec 2026 10:00:00 +0000
Date: Mon, 7 Dec 2026 10:00:00 +0000 (UTC)
From: MAILER-DAEMON@mail.example.com (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: sender@example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"
Message-Id: <20261207100000.4F2A1@mail.example.com>

This is a MIME-encapsulated message.

--B1
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.example.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<nobody@example.net>: host mx.example.net[192.0.2.7] said: 550 5.1.1
    <nobody@example.net>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--B1
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.com
X-Postfix-Queue-ID: 4F2A1
Arrival-Date: Mon, 7 Dec 2026 09:59:58 +0000 (UTC)

Final-Recipient: rfc822; nobody@example.net
Original-Recipient: rfc822;nobody@example.net
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.net>: Recipient address
    rejected: User unknown in virtual mailbox table

Final-Recipient: rfc822; later@example.net
Action: delayed
Status: 4.2.2
Diagnostic-Code: smtp; 452 4.2.2 Mailbox full, try again later

--B1
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <sender@example.com>
From: Sender <sender@example.com>
To: nobody@example.net
Subject: Invoice 2026-12
Message-ID: <msg-1@example.com>
Date: Mon, 7 Dec 2026 09:59:50 +0000

--B1--
`;

const QMAIL_TEXT = `Return-Path: <>
Date: 7 Dec 2026 10:01:00 -0000
From: MAILER-DAEMON@qmail.example.org
To: sender@example.com
Subject: failure notice

Hi. This is the qmail-send program at qmail.example.org.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<full@example.org>:
192.0.2.9 does not like recipient.
Remote host said: 552 5.2.2 Mailbox quota exceeded
Giving up on 192.0.2.9.

--- Below this line is a copy of the message.

Return-Path: <sender@example.com>
From: sender@example.com
To: full@example.org
Subject: Hello
Message-ID: <msg-2@example.com>

Hello.
`;

const EXIM_TEXT = `Return-path: <>
From: Mail Delivery System <Mailer-Daemon@exim.example.net>
To: sender@example.com
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1abc-0001@exim.example.net>
Date: Mon, 07 Dec 2026 10:02:00 +0000
X-Failed-Recipients: blocked@example.net
Auto-Submitted: auto-replied

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  blocked@example.net
    host mx.example.net [192.0.2.8]
    SMTP error from remote mail server after end of data:
    554 5.7.1 Message rejected as spam by content filter

------ This is a copy of the message, including all the headers. ------

Return-path: <sender@example.com>
From: sender@example.com
To: blocked@example.net
Subject: Offer
Message-Id: <msg-3@example.com>

Offer.
`;

const COMPLAINT = `Return-Path: <>
From: feedback@isp.example
To: abuse@example.com
Subject: Complaint about message from 192.0.2.1
Date: Mon, 7 Dec 2026 10:04:00 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="B2"

--B2
Content-Type: text/plain

This is an email abuse report for an email message received from IP 192.0.2.1.

--B2
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: ExampleFBL/1.0
Version: 1
Original-Mail-From: <sender@example.com>
Original-Rcpt-To: <user@isp.example>
Source-IP: 192.0.2.1

--B2
Content-Type: message/rfc822

From: sender@example.com
To: user@isp.example
Subject: News
Message-ID: <msg-4@example.com>

News.
--B2--
`;

export const WARM_UP_MESSAGES: readonly string[] = [DSN_REPORT, QMAIL_TEXT, EXIM_TEXT, COMPLAINT];

/** Parses the warm-up messages as `bounce parse --ndjson` would, a few times each. */
export function warmUpParser(rounds = 3): void {
  const parseBatch = createBatchParser({ format: 'ndjson', parseOptions: {} });
  const jobs = WARM_UP_MESSAGES.map((text, i) => ({ name: `warm-up-${i}.eml`, raw: Buffer.from(text, 'latin1') }));
  for (let i = 0; i < rounds; i++) parseBatch(jobs);
}

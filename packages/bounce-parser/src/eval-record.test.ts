import { describe, expect, it } from 'vitest';
import { toEvalRecord } from './eval-record.js';
import { parseBounce } from './parse-bounce.js';

describe('toEvalRecord', () => {
  it('produces the NDJSON line object of the evaluation contract', () => {
    const result = parseBounce(`From: MAILER-DAEMON@mx.example.jp
Subject: failure notice

Hi. This is the qmail-send program at mx.example.jp.

<user@example.com>:
192.0.2.1 does not like recipient.
Remote host said: 550 5.1.1 <user@example.com>... User Unknown

--- Below this line is a copy of the message.

Message-ID: <q@example.jp>
`);
    expect(toEvalRecord('a.eml', result)).toEqual({
      file: 'a.eml',
      kind: 'bounce',
      recipients: [
        {
          recipient: 'user@example.com',
          status: '5.1.1',
          replyCode: 550,
          reason: 'userunknown',
          class: 'hard',
          action: 'failed',
          diagnosticCode: '192.0.2.1 does not like recipient. 550 5.1.1 <user@example.com>... User Unknown',
          remoteMta: null,
          feedbackType: null,
          originalMessageId: '<q@example.jp>',
          detectedBy: 'qmail',
        },
      ],
    });
  });

  it('has no recipients for ordinary mail', () => {
    expect(toEvalRecord('b.eml', parseBounce('From: a@b.example\nSubject: hi\n\nhello\n')).recipients).toEqual([]);
  });
});

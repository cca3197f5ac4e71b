import { describe, expect, it } from 'vitest';
import type { Reason } from '../types.js';
import { type ClassifyInput, classify, createClassifier } from './classify.js';

/** One representative real-world reply per reason: the wording decides when the code is generic or absent. */
const REPLIES: readonly (readonly [Reason, string])[] = [
  ['userunknown', '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table'],
  ['userunknown', "554 delivery error: dd This user doesn't have a yahoo.com account"],
  ['hostunknown', 'Host or domain name not found. Name service error for name=example.invalid type=MX'],
  ['hasmoved', '550 5.1.6 recipient no longer on server: user@example.com'],
  ['mailboxfull', '552 5.2.2 <user@example.com>: user is over quota'],
  ['mesgtoobig', '552 5.3.4 Message too large'],
  ['exceedlimit', '552 5.2.3 Message length exceeds administrative limit'],
  ['suspend', '550 5.2.1 The email account that you tried to reach is disabled.'],
  ['filtered', '550 5.2.1 <user@example.jp>... User Unknown'],
  ['rejected', '553 5.1.8 <root@host>... Domain of sender address root@host does not exist'],
  ['blocked', '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org'],
  ['spamdetected', '550 5.7.1 Message content rejected, UBE, id=00000-00-000'],
  ['virusdetected', '554 5.7.0 message rejected: virus found in attachment'],
  ['policyviolation', '550 5.7.0 Local Policy Violation'],
  ['authfailure', '550 5.7.26 This mail has been blocked because the sender is unauthenticated. DMARC policy'],
  ['requireptr', '550 5.7.25 Reverse DNS validation failed'],
  [
    'badreputation',
    '550 5.7.1 Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address',
  ],
  ['toomanyconn', '452 4.3.2 Connection rate limit exceeded.'],
  ['norelaying', '554 5.7.1 <user@example.org>: Relay access denied'],
  ['notaccept', '556 5.1.10 recipient address has null MX'],
  ['networkerror', 'connect to mx.example.com[192.0.2.2]:25: No route to host'],
  ['expired', 'retry timeout exceeded'],
  ['systemerror', '451 4.3.0 Temporary local problem - please try later (system error)'],
  ['systemfull', '452 4.4.5 Insufficient disk space; try again later'],
  ['mailererror', 'procmail: Couldn\'t create "/var/spool/mail/user"'],
  ['syntaxerror', '501 5.5.2 Syntax error in parameters'],
  ['securityerror', '530 5.7.0 Must issue a STARTTLS command first'],
  ['notcompliantrfc', '550 5.7.1 Messages with multiple addresses in From: header are not accepted'],
  ['contenterror', '552 5.6.0 Headers too large'],
  ['speeding', '421 4.7.0 Sending too fast, throttled'],
  ['onhold', '451 4.3.0 Temporary failure, try again later'],
  ['delivered', '250 2.0.0 Ok: queued as 12345'],
  ['mailboxfull', '552 Quota violation for user@example.net'],
  [
    'userunknown',
    'SMTP error from remote server for RCPT TO command, host: mx.example.de reason: 550 Requested action not taken: mailbox unavailable',
  ],
  ['systemerror', '421 4.3.2 Service not available, closing transmission channel'],
  ['expired', 'Deferred. Message could not be delivered for 5 days'],
];

describe('classify: reason per wording', () => {
  it.each(REPLIES.map(([reason, text]) => [reason, text] as const))('%s <- %s', (reason, text) => {
    expect(classify({ diagnostic: text }).reason).toBe(reason);
  });
});

describe('classify: codes, stages and classes', () => {
  it('uses the status code when the wording says nothing', () => {
    expect(classify({ status: '5.2.2', diagnostic: 'error' })).toMatchObject({ reason: 'mailboxfull', class: 'soft' });
    expect(classify({ status: '5.1.2' })).toMatchObject({ reason: 'hostunknown', class: 'hard' });
  });

  it('prefers the code of the reply text to the DSN Status field unless the text code is x.0.0', () => {
    expect(classify({ status: '5.1.1', diagnostic: '552 5.2.2 Over quota' }).status).toBe('5.2.2');
    expect(classify({ status: '5.3.0', diagnostic: '550 5.0.0 Insufficient permission' }).status).toBe('5.3.0');
  });

  it('reads a user-unknown answered to DATA as a content filter', () => {
    expect(classify({ diagnostic: '550 Unknown user', command: 'DATA' }).reason).toBe('filtered');
    expect(classify({ diagnostic: '550 5.1.1 User unknown', command: 'DATA' }).reason).toBe('userunknown');
    expect(classify({ diagnostic: '550 5.2.1 User unknown', command: 'RCPT' }).reason).toBe('userunknown');
  });

  it('reads a reply that speaks for several recipients as one given after DATA, when no stage is stated', () => {
    const summary = '554 Permanent failure for one or more recipients (joe@example.org: no such user here)';
    expect(classify({ diagnostic: summary })).toMatchObject({ reason: 'filtered', class: 'soft' });
    // A stated stage still wins.
    expect(classify({ diagnostic: summary, command: 'RCPT' })).toMatchObject({ reason: 'userunknown', class: 'hard' });
  });

  it('maps refusals by SMTP stage when nothing else decides', () => {
    expect(classify({ diagnostic: '550 go away', command: 'MAIL' }).reason).toBe('rejected');
    expect(classify({ diagnostic: '550 Rejected', command: 'HELO' }).reason).toBe('blocked');
    expect(classify({ diagnostic: '550 Invalid domain name', command: 'HELO' }).reason).toBe('blocked');
  });

  it('reads a bare "mailbox unavailable" by its SMTP stage', () => {
    expect(classify({ diagnostic: '550 Mailbox unavailable', command: 'RCPT' }).reason).toBe('userunknown');
    expect(classify({ diagnostic: '550 mailbox is unavailable', command: 'DATA' }).reason).toBe('filtered');
    expect(classify({ diagnostic: '550 Mailbox unavailable' })).toMatchObject({ reason: 'filtered', class: 'soft' });
    // a temporary one is no verdict on the address
    expect(classify({ diagnostic: '450 Mailbox unavailable', command: 'RCPT' }).class).not.toBe('hard');
  });

  it('falls back on the class of an unassigned code before leaving a failure undetermined', () => {
    expect(classify({ diagnostic: '550 5.7.0 Go away' }).reason).toBe('securityerror');
    expect(classify({ diagnostic: '421 4.7.0 Try again later, closing connection.' })).toMatchObject({
      reason: 'blocked',
      class: 'soft',
    });
    expect(classify({ diagnostic: '554 5.6.9 Unsupported part' }).reason).toBe('contenterror');
    // other subjects give no cause by themselves: a temporary failure nobody explains stays on hold
    expect(classify({ diagnostic: '451 4.3.0 Please try again later' }).reason).toBe('onhold');
    // the same unexplained reply in a delay notice is the retrying itself
    expect(classify({ diagnostic: '451 4.3.0 Please try again later', action: 'delayed' })).toMatchObject({
      reason: 'expired',
      class: 'soft',
    });
    expect(classify({ diagnostic: '550 5.0.0 zzz' }).reason).toBe('undefined');
  });

  it('infers a status from the reason when the report states none', () => {
    expect(classify({ diagnostic: 'User unknown' }).status).toBe('5.0.910');
    // A filter's refusal for now has the convention's own temporary detail.
    expect(classify({ diagnostic: '450 User unknown', command: 'DATA' })).toMatchObject({
      reason: 'filtered',
      status: '4.0.924',
    });
    expect(classify({ diagnostic: 'retry timeout exceeded' }).status).toBe('5.0.947');
    expect(classify({ diagnostic: '421 Host not reachable', action: 'delayed' }).status).toBe('4.0.947');
    // The convention's inferred codes (x.0.9NN) also for content, policy and rate causes, not the RFC 3463 code.
    expect(classify({ diagnostic: '550 this looks like junk mail, spam score too high' }).status).toBe('5.0.980');
    expect(classify({ diagnostic: '554 Rejected for policy reasons' }).status).toBe('5.0.972');
    expect(classify({ diagnostic: '554 Message contains a virus (Eicar-Test-Signature)' }).status).toBe('5.0.971');
    expect(classify({}).reason).toBe('undefined');
  });

  it('applies the class rules of the evaluation contract', () => {
    expect(classify({ diagnostic: '550 5.1.10 null MX' }).class).toBe('hard');
    expect(classify({ status: '4.3.2', diagnostic: '452 4.3.2 System not accepting network messages' }).class).toBe(
      'soft',
    );
    expect(classify({ reason: 'feedback' }).class).toBe('complaint');
    expect(classify({ reason: 'vacation' }).class).toBe('auto-reply');
    expect(classify({ action: 'delivered', status: '2.1.5' }).class).toBe('delivered');
    expect(classify({ status: '5.0.0', diagnostic: 'zzz' }).class).toBe('unknown');
  });

  it('reads RFC 5321\'s permanent "mailbox unavailable" as a missing mailbox, the temporary one not', () => {
    const permanent = classify({ diagnostic: '550 5.5.0 Requested action not taken: mailbox unavailable' });
    expect(permanent).toMatchObject({ reason: 'userunknown', class: 'hard' });
    expect(
      classify({ status: '5.0.0', diagnostic: '550 Requested action not taken: mailbox unavailable' }).reason,
    ).toBe('userunknown');
    expect(classify({ diagnostic: '450 4.2.0 Requested mail action not taken: mailbox unavailable' }).class).not.toBe(
      'hard',
    );
  });

  it('reads a DNSBL hit as blocked whatever the list is called', () => {
    for (const text of [
      '554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using Barracuda Reputation; http://x/?r=1',
      '554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using b.barracudacentral.org; http://www.barracudanetworks.com/reputation/',
    ]) {
      expect(classify({ diagnostic: text }).reason).toBe('blocked');
    }
  });

  it("reads Yahoo's volume/complaint deferral as a soft sender rejection at any stage", () => {
    const text =
      '421 4.7.0 [TSS04] Messages from 203.0.113.7 temporarily deferred due to unexpected volume or user complaints';
    expect(classify({ diagnostic: text, command: 'RCPT' })).toMatchObject({ reason: 'rejected', class: 'soft' });
    expect(classify({ diagnostic: text, command: 'MAIL' }).reason).toBe('rejected');
    // Yahoo's older TS references defer the sending IP (a block, as its error-code page groups them); the
    // complaint-only wording without a reference stays a reputation throttle.
    const older = '421 4.7.0 [TS01] Messages from 203.0.113.7 temporarily deferred due to user complaints';
    expect(classify({ diagnostic: older, command: 'RCPT' }).reason).toBe('blocked');
    expect(classify({ diagnostic: older.replace(' [TS01]', ''), command: 'RCPT' }).reason).toBe('badreputation');
  });

  it('never takes a positive reply of a transcript for the verdict of a failed recipient', () => {
    const transcript =
      '--> MAIL From:<a@b.example> <-- 250 2.1.0 Ok --> RCPT To:<c@d.example> <-- 550 5.1.1 <c@d.example>: User unknown';
    expect(classify({ diagnostic: transcript, action: 'failed' })).toMatchObject({
      status: '5.1.1',
      replyCode: 550,
      reason: 'userunknown',
      class: 'hard',
    });
  });

  it('reads X.400 diagnostics and a temporary system failure', () => {
    expect(classify({ diagnostic: 'Non-delivery diagnostic: Unrecognised-OR-Name' }).reason).toBe('userunknown');
    expect(classify({ diagnostic: 'Non-delivery diagnostic: Maximum-Time-Expired' }).reason).toBe('expired');
    expect(classify({ diagnostic: '451 4.3.0 Temporary system failure. Please try again later.' }).reason).toBe(
      'systemerror',
    );
  });
});

describe('classify: give-up wording and relayed framing', () => {
  it('keeps the cause of the last deferral over a give-up after N days (reference labels)', () => {
    const text =
      '<a@example.net>... Deferred: Connection refused by mx.example.net. Message could not be delivered for 5 days';
    expect(classify({ status: '4.4.7', action: 'failed', diagnostic: text }).reason).toBe('blocked');
  });

  it('reads "Receiver not found" as an unknown recipient, a filter when the stage is not RCPT', () => {
    expect(classify({ diagnostic: 'Receiver not found', command: 'RCPT' }).reason).toBe('userunknown');
    expect(classify({ diagnostic: 'Receiver not found' }).reason).toBe('filtered');
  });
});

describe('createClassifier', () => {
  it('gives what classify gives, for repeated and differing inputs alike, and copies it', () => {
    const classifyOnce = createClassifier();
    const inputs: ClassifyInput[] = [
      ...REPLIES.map(([, diagnostic]) => ({ diagnostic, action: 'failed' as const })),
      { diagnostic: '550 5.1.1 User unknown', command: 'DATA' },
      { diagnostic: '550 5.1.1 User unknown', command: 'RCPT' },
      { diagnostic: '550 5.1.1 User unknown', status: '5.2.2' },
      { diagnostic: null, context: 'mailbox is full', action: 'failed' },
      { diagnostic: null, context: 'no such user', action: 'failed' },
      { diagnostic: null, action: 'delayed', isTemporary: true },
    ];
    for (const input of [...inputs, ...inputs])
      expect(classifyOnce(input), JSON.stringify(input)).toEqual(classify(input));
    const a = classifyOnce(inputs[0]!);
    a.reason = 'undefined';
    expect(classifyOnce(inputs[0]!).reason).toBe(classify(inputs[0]!).reason);
  });

  it('takes no status from the positive replies a transcript shows after the failing one', () => {
    const v = classify({
      action: 'failed',
      command: 'DATA',
      diagnostic:
        '554 Mailbox unavailable. Transcript: --> MAIL FROM:<a@example.org> <-- 250 2.1.0 Sender ok --> RCPT TO:<b@example.net> <-- 250 2.1.5 Recipient ok',
    });
    expect(v).toMatchObject({ reason: 'filtered', status: '5.0.910', replyCode: 554 });
  });

  it('gives the newer sender-side reasons no inferred RFC 3463 code: x.0.900 where the bounce states none', () => {
    for (const [diagnostic, reason] of [
      ['550 Message rejected: DMARC policy of the sender domain says reject', 'authfailure'],
      ['550 Your sending host has no PTR record (reverse DNS lookup failed)', 'requireptr'],
    ] as const) {
      expect(classify({ action: 'failed', diagnostic })).toMatchObject({ reason, status: '5.0.900' });
    }
    expect(
      classify({ action: 'delayed', diagnostic: '450 Too many messages from your host, slow down' }),
    ).toMatchObject({ reason: 'speeding', status: '4.0.900' });
  });

  it('reads a delay whose reply only says "try again later" as an expiry in the making, whatever its x.7.0', () => {
    expect(
      classify({ action: 'delayed', diagnostic: '451 4.7.0 Temporarily unable to process, please try again later' }),
    ).toMatchObject({ reason: 'expired', status: '4.7.0' });
    // The same reply in a final failure stays what nobody explained: not an expiry.
    expect(
      classify({ action: 'failed', diagnostic: '451 4.7.0 Temporarily unable to process, please try again later' })
        .reason,
    ).not.toBe('expired');
  });

  it("reads the words, not the reporting MTA's 5.2.2 guessed from a bare 552 reply (Sendmail)", () => {
    const field = { status: '5.2.2', action: 'failed' as const };
    expect(classify({ ...field, diagnostic: '552 Message size exceeds the limit of this gateway' }).reason).toBe(
      'mesgtoobig',
    );
    expect(classify({ ...field, diagnostic: '552 Virus found in attachment, message refused' }).reason).toBe(
      'virusdetected',
    );
    // words that name no cause leave the field's reading, and a 5.2.2 the remote wrote itself still decides
    expect(classify({ ...field, diagnostic: '552 Requested mail action aborted' }).reason).toBe('mailboxfull');
    expect(classify({ ...field, diagnostic: '552 5.2.2 Message size exceeds the limit of this gateway' }).reason).toBe(
      'mailboxfull',
    );
  });
});

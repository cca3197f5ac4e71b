import { describe, expect, it } from 'vitest';
import { commandInText, commandInTranscript, lastNegativeReply, lookupVerdictStage } from './smtp-command.js';

describe('SMTP command of a failure', () => {
  it('reads the wording of Postfix, Exim and qmail', () => {
    expect(commandInText('said: 550 x (in reply to RCPT TO command)')).toBe('RCPT');
    expect(commandInText('said: 554 x (in reply to end of DATA command)')).toBe('DATA');
    expect(commandInText('SMTP error from remote mail server after MAIL FROM:<a@b> SIZE=1:')).toBe('MAIL');
    expect(commandInText('SMTP error from remote mail server after initial connection:')).toBe('CONN');
    expect(commandInText('Connected to 192.0.2.1 but my name was rejected.')).toBe('HELO');
    // qmail's own wording of a refused DATA, and the qmail-remote-fallback patch's summary
    expect(commandInText('mx.example.net [192.0.2.5] failed on DATA command.')).toBe('DATA');
    expect(commandInText('Sorry, no SMTP connection got far enough; most progress was RCPT to')).toBe('RCPT');
    expect(commandInText('nothing here')).toBeNull();
  });

  it('takes the last command before the first error reply of a transcript', () => {
    expect(commandInTranscript('>>> MAIL From:<a@b>\n<<< 250 ok\n>>> DATA\n<<< 550 5.1.1 User unknown\n>>> QUIT')).toBe(
      'DATA',
    );
    expect(commandInTranscript('>>> RCPT To:<a@b>\n<<< 250 ok')).toBeNull();
  });

  it('reads an error before "no valid recipients" to a pipelined DATA as the reply to RCPT (RFC 2920)', () => {
    const pipelined = [
      '>>> MAIL From:<s@example.org> SIZE=812',
      '>>> RCPT To:<r@example.net>',
      '>>> DATA',
      '<<< 250 2.1.0 Sender ok',
      '<<< 550 5.1.1 Mailbox r@example.net does not exist',
      '<<< 554 5.5.1 Error: no valid recipients',
      '>>> RSET',
    ];
    expect(commandInTranscript(pipelined.join('\n'))).toBe('RCPT');
    // a DATA refused on its own, with no such answer after it, stays DATA
    expect(commandInTranscript(pipelined.slice(0, 5).join('\n'))).toBe('DATA');
  });

  it("reads Courier's transcript indented under each recipient", () => {
    const paragraph = [
      '<ana@example.com.br>:',
      '    mx.example.com.br [192.0.2.9]:',
      ' >>> DATA',
      ' <<< 550 5.7.1 No such mailbox',
    ];
    expect(commandInTranscript(paragraph.join('\n'))).toBe('DATA');
    expect(lastNegativeReply(paragraph.join('\n'))).toBe('550 5.7.1 No such mailbox');
    expect(commandInTranscript(' >>> RCPT TO:<ana@example.com.br>\n <<< 550 5.1.1 Unknown user')).toBe('RCPT');
  });

  it('reads the arrows of MDaemon-style logged transcripts', () => {
    const log = [
      ' Wed 2019-05-01 10:04:59: --> MAIL From:<a@b.example>',
      ' Wed 2019-05-01 10:04:59: <-- 250 2.1.0 Ok',
      ' Wed 2019-05-01 10:04:59: --> RCPT To:<c@d.example>',
      ' Wed 2019-05-01 10:05:00: <-- 550 5.1.1 <c@d.example>: User unknown',
    ].join('\n');
    expect(commandInTranscript(log)).toBe('RCPT');
    expect(lastNegativeReply(log)).toBe('550 5.1.1 <c@d.example>: User unknown');
  });

  it('places an unknown-user verdict at RCPT when the MTA words it as its own lookup and states no code', () => {
    expect(lookupVerdictStage(' <klaas@example.nl> ... unknown user')).toBe('RCPT');
    expect(lookupVerdictStage("reason: ' <lwilson@example.edu>... User unknown'")).toBe('RCPT');
    expect(lookupVerdictStage('Unknown user: treasurer@example.net')).toBe('RCPT');
    expect(lookupVerdictStage('Receiver not found: 76543.2101@compuserve.com')).toBe('RCPT');
    // A local name without a domain (an AOL screen name, a Unix login) in Sendmail's own line.
    expect(lookupVerdictStage('transcript:\n550 SkyRider77... User unknown\n')).toBe('RCPT');
    expect(lookupVerdictStage('550 <jkowalski>... Unknown user')).toBe('RCPT');
    // Not a Sendmail line: a sentence that ends in dots.
    expect(lookupVerdictStage('We tried... user unknown, they said')).toBeNull();
    // An RFC 3463 code decides instead (x.2.1 with the same words is a filter in the reference labels).
    expect(lookupVerdictStage('550 5.2.1 <a@example.jp>... User Unknown')).toBeNull();
    // A relayed reply without that notation says nothing about the stage.
    expect(lookupVerdictStage('failed with: 550 <a@example.org> No such user here')).toBeNull();
  });
});

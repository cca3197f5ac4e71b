/**
 * Decisions of the convention pass of issue 13 (tools/TRIAGE.md, "Convention pass"): label-convention conflicts,
 * SMTP stage and permanence. Every reply here is a variant written for the test, never a corpus sample's text.
 */
import { describe, expect, it } from 'vitest';
import type { SmtpCommand } from '../formats/format-types.js';
import { commandInText } from '../formats/smtp-command.js';
import type { Reason } from '../types.js';
import { classify } from './classify.js';

function reads(reason: Reason, diagnostic: string, command?: SmtpCommand, status?: string): void {
  expect(classify({ diagnostic, command, status }).reason, diagnostic).toBe(reason);
}

describe('label-convention conflicts decided for the dev convention', () => {
  it('reads a bad recipient address syntax (x.1.3) as an unknown user, as the field labels it', () => {
    reads('userunknown', '501 5.1.3 <jo..doe@example.org>: recipient address has an invalid syntax', 'RCPT');
    reads('userunknown', '553 5.1.3 Malformed destination address', 'RCPT');
    // a syntax error of the command itself stays a syntax error
    reads('syntaxerror', '501 5.5.4 Syntax error in parameters or arguments', 'MAIL');
  });

  it("reads QQ's frequency limits as too many connections, whatever is counted", () => {
    reads('toomanyconn', '451 Sender frequency limited. http://service.mail.qq.com/detail/122/174', 'RCPT');
    reads('toomanyconn', '550 Connection frequency limited [Blocked IP 198.51.100.7]', 'RCPT');
  });

  it("reads Exchange's delivery restrictions of a recipient as a refusal of the sender", () => {
    reads('rejected', '550 5.7.136 RESOLVER.RST.SenderNotAuthenticated; sender was not authenticated', 'DATA');
    reads('rejected', '550 5.7.124 Sender not in allowed-senders list of the distribution group', 'DATA');
  });

  it("reads Exchange's RESOLVER.RST.AuthRequired as a security error and 4.7.500 Server busy as a system error", () => {
    reads('securityerror', '550 5.7.1 RESOLVER.RST.AuthRequired; authentication required for this group', 'DATA');
    reads('systemerror', '451 4.7.500 Server busy. Please try again later from [198.51.100.9]. (AS3456)', 'RCPT');
  });
});

describe('rates and allowances', () => {
  it("reads NetEase's RP:QRC (messages to a domain in a short period) as a rate, its daily counts as allowances", () => {
    reads('speeding', '451 RP:QRC 126mx02,wKjR2 http://mail.126.com/help/help_spam_16.htm?ip=198.51.100.3', 'RCPT');
    reads('toomanyconn', '451 RP:TRC 163mx11,Aa9 http://mail.163.com/help/help_spam_16.htm?ip=198.51.100.3', 'RCPT');
  });

  it("reads Google's peak relay limit as a rate and its daily relay limit as an allowance", () => {
    reads('speeding', '450 4.2.1 Peak SMTP relay limit exceeded for customer example.org, retry in a while', 'RCPT');
    reads('toomanyconn', '550 5.4.5 Daily SMTP relay limit exceeded for user a@example.org', 'RCPT');
  });
});

describe('SMTP stage', () => {
  it("reads au's filter reply by the stage when one is stated: unknown user at RCPT, filter after DATA or unstated", () => {
    reads('userunknown', '550 : User unknown', 'RCPT');
    reads('filtered', '550 : User unknown', 'DATA');
    reads('filtered', '550 : User unknown');
  });

  it('reads an unknown-user reply of a format that never states the stage as after DATA, unless the code says no address', () => {
    const unstated = (diagnostic: string, command?: SmtpCommand) =>
      classify({ diagnostic, command, stageUnstated: true }).reason;
    expect(unstated('550 No mailbox here by that name')).toBe('filtered');
    expect(unstated('550 Recipient does not exist here')).toBe('filtered');
    expect(unstated('550 5.1.1 Recipient does not exist here')).toBe('userunknown');
    // a stage the notice does state still wins
    expect(unstated('550 No mailbox here by that name', 'RCPT')).toBe('userunknown');
    // other causes are not touched
    expect(unstated('552 Mailbox over quota')).toBe('mailboxfull');
  });

  it("finds the stage in Exim's pipelined wording and in replies to BDAT", () => {
    expect(commandInText('SMTP error from remote mail server after pipelined RCPT TO:<a@example.org>: 550 no')).toBe(
      'RCPT',
    );
    expect(commandInText('SMTP error from remote mail server after pipelined MAIL FROM:<> SIZE=2048: 550 no')).toBe(
      'MAIL',
    );
    expect(commandInText('SMTP error from remote mail server after pipelined end of data: 550 no')).toBe('DATA');
    expect(commandInText('host mx.example.org said: 554 rejected (in reply to BDAT command)')).toBe('DATA');
  });
});

describe('audit questions decided by the field (issue 13, parser-misses pass)', () => {
  it("reads OpenSMTPD's own relay verdicts as its table does", () => {
    // every MX refused us: the destination takes no mail (notaccept); the relay's credentials could not be read
    reads('notaccept', 'Destination seem to reject all mails');
    reads('securityerror', 'Could not retrieve credentials');
  });

  it('reads "not enough disk space" as the mailbox\'s quota (Dovecot), other system storage as the system\'s', () => {
    reads('mailboxfull', '452 4.2.2 Not enough disk space');
    reads('systemfull', '452 Not enough disk space on the mail server');
    reads('systemfull', '452 4.3.1 Insufficient system storage');
  });

  it("reads a host listed in Sendmail's access database as a block of the sending host", () => {
    reads('blocked', '550 5.7.1 <ann@example.org>... Access denied: 198.51.100.7 listed in access database', 'RCPT');
  });

  it('gives a permanent-only reason its permanent inferred code under a bare 4xx, except in a delay notice', () => {
    expect(classify({ diagnostic: '450 user unknown', command: 'RCPT' }).status).toBe('5.0.911');
    expect(classify({ diagnostic: '451 relaying denied', command: 'RCPT' }).status).toBe('5.0.909');
    expect(classify({ diagnostic: '451 relaying denied', command: 'RCPT', action: 'delayed' }).status).toBe('4.0.909');
    // reasons the convention has a temporary code for keep class 4, and a stated code is kept as stated
    expect(classify({ diagnostic: '452 mailbox full', command: 'RCPT' }).status).toBe('4.0.922');
    expect(classify({ diagnostic: '450 4.1.1 user unknown', command: 'RCPT' }).status).toBe('4.1.1');
  });
});

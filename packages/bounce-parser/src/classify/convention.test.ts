/**
 * Decisions of the convention pass of issue 13 (tools/TRIAGE.md, "Convention pass"): label-convention conflicts,
 * SMTP stage and permanence. Every reply here is a variant written for the test, never a corpus sample's text.
 */
import { describe, expect, it } from 'vitest';
import type { SmtpCommand } from '../formats/format-types.js';
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

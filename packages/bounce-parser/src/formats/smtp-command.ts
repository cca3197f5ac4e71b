import type { SmtpCommand } from './format-types.js';

/**
 * The SMTP command a failure answered, as MTAs word it in their bounce text: Postfix "(in reply to RCPT TO
 * command)", Exim "SMTP error from remote mail server after MAIL FROM:", qmail "does not like recipient",
 * Sendmail transcripts ">>> DATA", m-FILTER's "SMTP command" section, X3's "SMTP:RCPT". Exim writes "after pipelined
 * RCPT TO:<a>" when the server offered PIPELINING; a reply to BDAT (RFC 3030 CHUNKING) came after the recipients were
 * accepted, as a reply to DATA does.
 */
const PATTERNS: readonly (readonly [SmtpCommand, RegExp])[] = [
  [
    'DATA',
    /in reply to (?:(?:end of )?data|bdat) command|after (?:pipelined )?(?:end of data|data\b|bdat\b|sending data)|failed after i sent the message|failed on data command|most progress was data\b|for text command|\(data\)|smtp command\s*data\b|did not like our final data|smtp:data\b/i,
  ],
  [
    'RCPT',
    /in reply to rcpt to command|after (?:pipelined )?rcpt(?: to)?\b|does not like recipient|most progress was rcpt\b|smtp:rcpt\b|did not like our rcpt|smtp command\s*rcpt\b|rcpt to:<[^<>\r\n]*>[ \t]*$/im,
  ],
  [
    'MAIL',
    /in reply to mail from command|after (?:pipelined )?mail from|sender was rejected|most progress was mail\b|smtp:mail\b|did not like our mail|smtp command\s*mail\b/i,
  ],
  [
    'HELO',
    /in reply to (?:helo|ehlo) command|after (?:helo|ehlo)\b|my name was rejected|most progress was (?:helo|ehlo)\b|performing the (?:helo|ehlo) handshake/i,
  ],
  [
    'CONN',
    /after initial connection|refused to talk to me|greeting failed|while receiving the initial server greeting/i,
  ],
];

/**
 * Wording that places an unknown-user verdict at the recipient lookup itself, as the reporting MTA words its own
 * per-address result rather than relaying a reply: Sendmail's notation "<user@host>... User unknown" (also Smail's
 * "<a> ... unknown user" and MMDF quoting it; for a local name without a domain, such as an AOL screen name, its
 * line "550 name... User unknown"), and a verdict label naming the address on its own line ("Unknown
 * user: a@b" (IMail), "Receiver not found: a@b" (CompuServe)). Weaker than a stated command: an RFC 3463 code in
 * the text decides instead (x.2.x "mailbox exists" makes the same words a filter's).
 */
const LOOKUP_VERDICT = new RegExp(
  [
    /[^\s<>]@[^\s<>@]{1,255}>? ?\.\.\. ?(?:user unknown|unknown user)/.source,
    /^[45]\d\d[ \t]+<?[^\s<>@.][^\s<>@]{0,63}?>? ?\.\.\. ?(?:user unknown|unknown user)/.source,
    /^[ \t]*(?:unknown user|user unknown|no such user|(?:receiver|recipient) not found|addressee unknown)[ \t]*:[ \t]*<?[^\s<>@]+@/
      .source,
  ].join('|'),
  'im',
);
const ENHANCED_CODE = /\b[245]\.\d{1,3}\.\d{1,3}\b/;

/** 'RCPT' when the text words an unknown-user verdict as the recipient lookup's and states no RFC 3463 code. */
export function lookupVerdictStage(text: string): SmtpCommand | null {
  return LOOKUP_VERDICT.test(text) && !ENHANCED_CODE.test(text) ? 'RCPT' : null;
}

export function commandInText(text: string | null | undefined): SmtpCommand | null {
  if (!text) return null;
  for (const [command, pattern] of PATTERNS) if (pattern.test(text)) return command;
  return null;
}

// Sendmail writes ">>> RCPT To:<a>" / "<<< 550 ..."; Courier the same indented under each recipient; MDaemon and
// other Windows servers log "--> RCPT To:<a>" / "<-- 550 ...", after a timestamp.
const TRANSCRIPT_COMMAND =
  /^(?:[^\r\n\u2028\u2029<>]{0,60}-->|[ \t]{0,8}>>>) ?(MAIL|RCPT|DATA|HELO|EHLO|QUIT|RSET)\b/gim;
const TRANSCRIPT_ERROR = /^(?:[^\r\n\u2028\u2029<>]{0,60}<--|[ \t]{0,8}<<<) ?[45]\d\d/m;

// The server's negative replies in such a transcript.
const TRANSCRIPT_NEGATIVE = /^(?:[^\r\n\u2028\u2029<>]{0,60}<--|[ \t]{0,8}<<<) ?([45]\d\d\b.*)$/gm;

/** The last negative reply of a session transcript (the one that decided the failure), or null. */
export function lastNegativeReply(text: string): string | null {
  TRANSCRIPT_NEGATIVE.lastIndex = 0;
  let last: string | null = null;
  for (let m = TRANSCRIPT_NEGATIVE.exec(text); m !== null; m = TRANSCRIPT_NEGATIVE.exec(text)) last = m[1] ?? last;
  return last?.trim() ?? null;
}

/**
 * In a session transcript (">>> RCPT To:<a>" / "<<< 550 ..."), the last command sent before the first permanent
 * or temporary error reply.
 */
export function commandInTranscript(text: string): SmtpCommand | null {
  const firstError = text.search(TRANSCRIPT_ERROR);
  if (firstError === -1) return null;
  let last: SmtpCommand | null = null;
  TRANSCRIPT_COMMAND.lastIndex = 0;
  for (let m = TRANSCRIPT_COMMAND.exec(text); m !== null && m.index < firstError; m = TRANSCRIPT_COMMAND.exec(text)) {
    const c = (m[1] ?? '').toUpperCase();
    last = c === 'EHLO' ? 'HELO' : c === 'QUIT' || c === 'RSET' ? last : (c as SmtpCommand);
  }
  // A pipelining client sends DATA before it reads the RCPT replies (RFC 2920): when the server then answers DATA with
  // "no valid recipients" (Postfix's "554 5.5.1 Error: no valid recipients"), the error before it was the reply to a
  // RCPT written before DATA, not to DATA.
  if (last === 'DATA' && PIPELINED_DATA_REFUSED.test(text.slice(firstError + 1))) return 'RCPT';
  return last;
}

// The reply to DATA of a server that had accepted no recipient, after the first error of the transcript.
const PIPELINED_DATA_REFUSED =
  /^(?:[^\r\n\u2028\u2029<>]{0,60}<--|[ \t]{0,8}<<<) ?5\d\d[ -](?:5\.5\.1 )?(?:error: )?no valid recipients/im;

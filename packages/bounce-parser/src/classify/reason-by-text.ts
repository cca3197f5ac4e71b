import type { SmtpCommand } from '../formats/format-types.js';
import type { Reason } from '../types.js';
import { compileAlternation } from './compile-alternation.js';
import { WORDING } from './wording.js';

/**
 * Diagnostic wording -> reason. The families of wording.ts, each compiled once into one alternation grouped by
 * leading character (see compile-alternation.ts), are tried in their order on the lower-cased,
 * whitespace-collapsed text; the first match wins. (One regular expression over all families would be one scan,
 * but V8 runs an expression that large in its slow interpreter: per family is faster.)
 */
type Rule = readonly [Reason, RegExp];
const RULES: readonly Rule[] = WORDING.map(([reason, phrases]) => [reason, compileAlternation(phrases)] as const);

// systemfull wording overlaps "insufficient ... space" (mailboxfull); disk space of the whole system is checked
// before mailbox space.
const SYSTEM_FULL =
  /insufficient (?:system )?disk space|no space left on device|mail system full|insufficient system (?:resources|storage)|not enough free space/;

const WHITESPACE = /\s+/g;

/** Lower-cases and collapses whitespace, the form every rule is written against. */
export function normaliseDiagnostic(text: string): string {
  return text
    .toLowerCase()
    .replace(CONTINUATION_CODES, ' ')
    .replace(WHITESPACE, ' ')
    .replace(RELAY_FRAMING, ' ')
    .trim();
}

// Exim's and GMX/1&1's framing of a relayed reply ("SMTP error from remote mail server after RCPT TO:<a>:",
// "SMTP error from remote server for RCPT TO command, host: ... reason:") says who answered, not why: its
// "remote server" must not read as a system error of the recipient's server.
const RELAY_FRAMING = /smtp error from remote (?:mail )?server/g;

// Multi-line replies repeat the code on every line ("550-5.7.1 Messages with multiple 550-5.7.1 addresses"):
// inside the text those prefixes would split phrases.
const CONTINUATION_CODES = /(?<=\S)\s+[245]\d\d[ -][245]\.\d{1,3}\.\d{1,3}(?=\s)/g;

/** The reason the wording states, or null. `text` must be normalised (see normaliseDiagnostic). */
export function reasonByText(text: string): Reason | null {
  if (!text) return null;
  if (SYSTEM_FULL.test(text)) return 'systemfull';
  for (const [reason, pattern] of RULES) {
    if (pattern.test(text)) return reason;
  }
  return null;
}

/**
 * Reason implied by the SMTP stage alone, used when neither the code nor the wording says more: a refusal at
 * connection or HELO is a block of the sending host, at MAIL FROM a rejection of the sender (RFC 5321 3.3).
 */
export function reasonByCommand(command: SmtpCommand | null | undefined, text: string): Reason | null {
  if (command === 'HELO') return 'blocked';
  // At connection time only an explicit refusal is a block; "service refused, try later" is just unavailability.
  if (command === 'CONN') return REFUSAL.test(text) ? 'blocked' : null;
  if (command === 'MAIL') return 'rejected';
  return null;
}

const REFUSAL = /denied|reject|block|not allowed|banned|prohibited|forbidden/;

/** Weak wording, consulted only after the status code gave nothing. */
const WEAK_RULES: readonly Rule[] = [
  ['securityerror', /access denied/],
  // Yahoo/AOL/Verizon "[TS04]": a throttle on the sending host's volume and complaint rate. At MAIL FROM the
  // stage already made it a sender rejection (see reasonByCommand).
  ['badreputation', /deferred due to (?:unexpected )?volume|due to (?:unexpected volume or )?user complaints/],
  // Sendmail's give-up ("Message could not be delivered for 5 days") only when the last deferral names no cause:
  // the reference labels keep the cause ("Deferred: Connection refused" is blocked) even with status 4.4.7.
  [
    'expired',
    /queue too long|too long in (?:the )?queue|giving up|gave up|failing for a long time|delayed|retry|(?:could not|cannot|couldn't) (?:be )?(?:delivered|sen[dt](?: message)?) for (?:more than |the (?:past|last) )?\d+ (?:days?|hours?)/,
  ],
  ['rejected', /\brejected\b/],
  // A temporary failure nobody explains: the delivery is on hold, not lost.
  ['onhold', /temporary failure|try again later/],
];

export function reasonByWeakText(text: string): Reason | null {
  for (const [reason, pattern] of WEAK_RULES) if (pattern.test(text)) return reason;
  return null;
}

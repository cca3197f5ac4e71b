import type { Reason } from '../types.js';
import { findAddresses } from './address.js';
import type { BounceContext, Detection, FormatDetector, SmtpCommand } from './format-types.js';
import { commandInText } from './smtp-command.js';
import { between, cutAtOriginal, oneLine } from './text-blocks.js';

/**
 * Gmail's legacy non-DSN bounce:
 *
 *   Delivery to the following recipient failed permanently:
 *
 *        user@example.com
 *
 *   Technical details of permanent failure:
 *   Google tried to deliver your message, but it was rejected by the server for the recipient domain ...
 *   The error that the other server returned was:
 *   550 5.1.1 <user@example.com>... User Unknown
 *
 * and its delay notice ("Delivery to the following recipient has been delayed:").
 */
const LIST =
  /^[ \t]*delivery to the following recipients? (?:failed permanently|has been delayed|failed temporarily).*:/im;
const DETAILS = /technical details of (?:permanent|temporary) failure:|^[ \t]*message will be retried/im;
const DELAYED = /has been delayed|failed temporarily|will be retried/i;

/**
 * Gmail ends the relayed reply with the state its SMTP client was in ("... User unknown (state 14).", "Header error
 * (state 18)."): 13 the greeting/EHLO, 6 MAIL FROM, 14 RCPT TO, 15/17/18 the message data, 8/9/12 authentication.
 * The state is the stage of the refusal, and with it the cause when the reply's code is not specific: a refusal
 * of the data is a filter, one of the recipient an unknown user, one of the greeting a block of the host.
 */
const STATE = /\(state (\d{1,2})\)/;
const STATES: Readonly<Record<string, readonly [SmtpCommand | null, Reason]>> = {
  '6': ['MAIL', 'systemerror'],
  '8': [null, 'systemerror'],
  '9': [null, 'systemerror'],
  '12': [null, 'norelaying'],
  '13': ['HELO', 'blocked'],
  '14': ['RCPT', 'userunknown'],
  '15': ['DATA', 'filtered'],
  '17': ['DATA', 'filtered'],
  '18': ['DATA', 'filtered'],
};
/**
 * Gmail's own DNS texts, which state what its retrying ended in: "Could not contact DNS servers" is Gmail's give-up
 * after it could not reach them for the whole retry period (expired, as the field's Gmail table reads it), and "DNS
 * server returned answer with no data" is the destination domain without any mail host, as "Domain name not found"
 * (hostunknown). Matched only inside Gmail's notice: elsewhere a failed DNS lookup stays a network error.
 */
const GMAIL_DNS: readonly (readonly [RegExp, Reason])[] = [
  [/dns error: could not contact dns servers/i, 'expired'],
  [/dns error: (?:domain name not found|dns server returned answer with no data)/i, 'hostunknown'],
];
// An RFC 3463 code specific enough to name the cause itself (not x.0.x or x.x.0).
const SPECIFIC_STATUS = /\b[45]\.[1-7]\.[1-9]\d{0,2}\b/;

function byState(details: string): { command: SmtpCommand | null; reason: Reason | null } | null {
  const state = STATE.exec(details)?.[1];
  const known = state ? STATES[state] : undefined;
  if (!known) return null;
  return { command: known[0], reason: SPECIFIC_STATUS.test(details) ? null : known[1] };
}

// A reply code on a list line: the line gives its recipient's own reply, not a list of addresses.
const LINE_REPLY = /\b[245]\d\d\b/;

/**
 * The recipients of the list. A list line may carry its recipient's reply after the address (Gmail-like relays and
 * list software: "* a@x -- 552 5.2.2 quota exceeded"): that line names one recipient, the addresses in its reply
 * (a forwarding address, the host) are not recipients, and the reply is that recipient's diagnostic.
 */
function listedRecipients(list: string): { recipient: string; reply: string | null }[] {
  const rows: { recipient: string; reply: string | null }[] = [];
  for (const line of list.split('\n')) {
    const found = findAddresses(line);
    const first = found[0];
    if (first === undefined) continue;
    const rest = line.slice(line.indexOf(first) + first.length);
    if (LINE_REPLY.test(rest))
      rows.push({ recipient: first, reply: oneLine(rest.replace(/^[\s>:)\-–—]+/, '')) || null });
    else for (const recipient of found) rows.push({ recipient, reply: null });
  }
  return rows;
}

export const GMAIL: FormatDetector = {
  name: 'gmail',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const list = LIST.exec(text);
    if (!list) return null;
    const { head, tail } = cutAtOriginal(text);
    const listed = listedRecipients(between(head, LIST, DETAILS) ?? '');
    const addresses = listed.map((r) => r.recipient);
    if (addresses.length === 0) return null;
    const details = between(head, /technical details of (?:permanent|temporary) failure:/i) ?? '';
    const isDelayed = DELAYED.test(list[0]);
    // Gmail heads the details of a retried failure "Technical details of temporary failure:": its own verdict.
    const isTemporary = isDelayed && /technical details of temporary failure/i.test(head);
    const diagnostic = oneLine(details.replace(/^-{5,}.*$/gm, '')) || null;
    const state = byState(details);
    const dns = state ? undefined : GMAIL_DNS.find(([words]) => words.test(details))?.[1];
    return {
      detectedBy: 'gmail',
      recipients: addresses.map((recipient, i) => ({
        recipient,
        action: isDelayed ? 'delayed' : 'failed',
        isTemporary,
        diagnostic: listed[i]?.reply ?? diagnostic,
        command: state?.command ?? commandInText(details),
        reason: state?.reason ?? dns ?? null,
      })),
      originalHeaders: tail !== null ? { text: tail, start: 0 } : null,
    };
  },
};

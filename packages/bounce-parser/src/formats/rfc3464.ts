import { type DsnReport, parseDsnFields } from '../dsn/dsn-fields.js';
import type { DsnAction, Reason } from '../types.js';
import { normaliseAddress } from './address.js';
import type { BounceContext, Candidate, Detection, SmtpCommand } from './format-types.js';
import { looksLikeBounce, paragraphOf } from './generic-text.js';
import { commandInText, commandInTranscript } from './smtp-command.js';
import { cutAtOriginal } from './text-blocks.js';

/**
 * RFC 3464 delivery status notifications: a message/delivery-status part (or its RFC 6533 UTF-8 twin), or the
 * same fields pasted into a text part, which Amazon WorkMail/SES and some older MTAs do.
 */
const DSN_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const INLINE_DSN = /^(?:Reporting-MTA|Final-Recipient|Original-Recipient)[ \t]*:/im;
const ACTIONS = new Set<DsnAction>(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);

/** Finds and parses the DSN fields of the message, or null. */
// Sendmail's "(reason: 550 ...)" wrapper; the blanks after the colon are trimmed by the caller (a \s* before the
// catch-all group backtracked quadratically).
const REASON_WRAPPER = /^\(reason:([\s\S]*)\)$/i;

export function findDsnReport(ctx: BounceContext): DsnReport | null {
  for (const leaf of ctx.leaves) {
    if (DSN_TYPES.has(leaf.type)) {
      const report = parseDsnFields(ctx.textOf(leaf));
      if (report.recipients.length > 0) return report;
    }
  }
  // Inline fields: only in the message's own text parts of a message that looks like a bounce (an ordinary
  // mail quoting "Final-Recipient:" is not a report), never inside the returned original.
  if (!looksLikeBounce(ctx)) return null;
  for (const leaf of ctx.leaves) {
    if (leaf.embedded || (leaf.type !== 'text/plain' && !DSN_TYPES.has(leaf.type))) continue;
    const body = ctx.textOf(leaf);
    const m = INLINE_DSN.exec(body);
    if (!m) continue;
    const report = parseDsnFields(body.slice(m.index));
    if (report.recipients.length > 0) return report;
  }
  return null;
}

/** Maps a DSN Action value to the RFC 3464 vocabulary (some MTAs write "deliverable", "expired", ...). */
export function normaliseAction(value: string | null): DsnAction | null {
  if (!value) return null;
  const v =
    value
      .trim()
      .toLowerCase()
      .split(/[\s(;]/)[0] ?? '';
  if (ACTIONS.has(v as DsnAction)) return v as DsnAction;
  if (v.startsWith('deliver')) return 'delivered';
  if (v.startsWith('fail') || v === 'expired' || v === 'bounced' || v === 'undeliverable') return 'failed';
  if (v.startsWith('delay')) return 'delayed';
  return null;
}

/**
 * PowerMTA's bounce categories (its documentation): a firm verdict for content, quota, policy and expiry; for the
 * address and routing categories only what an undecided failure is, since the reply's words say more.
 */
const POWERMTA_CATEGORIES: Readonly<Record<string, { reason?: Reason; fallback?: Reason }>> = {
  'quota-issues': { reason: 'mailboxfull' },
  'spam-related': { reason: 'spamdetected' },
  'policy-related': { reason: 'policyviolation' },
  'message-expired': { reason: 'expired' },
  'inactive-mailbox': { reason: 'suspend' },
  'bad-mailbox': { fallback: 'userunknown' },
  'bad-domain': { fallback: 'hostunknown' },
  'no-answer-from-host': { fallback: 'networkerror' },
  'routing-errors': { fallback: 'systemerror' },
};

/** Courier's note for an attempt that ended without a reply (the connection dropped or timed out). */
const COMMAND_FAILED = '<command failed>';

/**
 * A diagnostic made only of Courier's "<command failed>" notes, one per attempt: the report shows that every
 * attempt ended without a reply until the queue gave up, which is an expiry (the convention for a notice that does
 * not show the reply), not an undeterminable failure. A reply shown beside the notes is read as usual.
 */
function onlyFailedCommands(diagnostic: string | null | undefined): boolean {
  if (!diagnostic?.includes(COMMAND_FAILED)) return false;
  const rest = diagnostic.split(COMMAND_FAILED).join('').trim();
  return rest === '' || rest.toLowerCase() === 'smtp;';
}

export function dsnCandidates(report: DsnReport): Candidate[] {
  return report.recipients.map((r) => {
    const final = r.finalRecipient ?? r.originalRecipient ?? '';
    const recipient = final.trim().startsWith('|') ? final.trim() : normaliseAddress(final);
    const original = r.originalRecipient ? normaliseAddress(r.originalRecipient) : null;
    const actual = r.actualRecipient ? normaliseAddress(r.actualRecipient) : null;
    const other = [original, actual].find((a) => a && a.toLowerCase() !== recipient.toLowerCase()) ?? null;
    const category = r.bounceCategory ? POWERMTA_CATEGORIES[r.bounceCategory] : undefined;
    return {
      recipient,
      originalRecipient: other,
      action: normaliseAction(r.action),
      status: r.status,
      diagnostic: r.diagnosticCode,
      remoteMta: r.remoteMta,
      reportingMta: report.reportingMta,
      lastAttemptAt: r.lastAttemptDate ?? report.arrivalDate,
      reason: category?.reason ?? null,
      fallbackReason: category?.fallback ?? (onlyFailedCommands(r.diagnosticCode) ? 'expired' : null),
    } satisfies Candidate;
  });
}

export const RFC3464 = {
  name: 'rfc3464',
  detect(ctx: BounceContext): Detection | null {
    const report = findDsnReport(ctx);
    if (!report) return null;
    return { detectedBy: 'rfc3464', recipients: enrichFromText(dsnCandidates(report), ctx) };
  },
};

/**
 * Completes DSN candidates from the human-readable part: the SMTP command (Postfix "(in reply to RCPT TO
 * command)", a Sendmail transcript) and, when the DSN has no Diagnostic-Code, the recipient's paragraph of text.
 */
export function enrichFromText(candidates: Candidate[], ctx: BounceContext): Candidate[] {
  // The per-recipient prose sits near the top; 64 KiB bounds the work for reports listing many recipients.
  const text = cutAtOriginal(ctx.bounceText()).head.slice(0, 65536);
  const transcriptCommand = commandInTranscript(text);
  const transcript = TRANSCRIPT.exec(text);
  const transcriptText = transcript ? text.slice(transcript.index + transcript[0].length, transcript.index + 4000) : '';
  if (candidates.length === 1) {
    const [only] = candidates as [Candidate];
    return [withTextFields(only, enrichOne(only, text, transcriptCommand, transcriptText, 1))];
  }
  // A damaged or hostile report repeats one recipient many times: its paragraph is looked up once.
  const enriched = new Map<string, TextFields>();
  return candidates.map((c) => {
    const key = JSON.stringify([c.recipient, c.originalRecipient ?? null, c.diagnostic ?? null, c.reason ?? null]);
    let fields = enriched.get(key);
    if (!fields) {
      fields = enrichOne(c, text, transcriptCommand, transcriptText, candidates.length);
      enriched.set(key, fields);
    }
    return withTextFields(c, fields);
  });
}

type TextFields = Pick<Candidate, 'command' | 'diagnostic' | 'reason' | 'context'>;

/**
 * The candidate completed with the text's fields, written as one literal of every field: `{ ...c, ...fields }`
 * (two objects of different shapes, the second overwriting fields of the first) takes V8's slow path, which cost
 * about 5% of the CPU of parsing a folder of bounces (bench:cli profile). `satisfies` keeps the list complete.
 */
function withTextFields(c: Candidate, fields: TextFields): Candidate {
  return {
    recipient: c.recipient,
    originalRecipient: c.originalRecipient,
    action: c.action,
    status: c.status,
    replyCode: c.replyCode,
    diagnostic: fields.diagnostic,
    remoteMta: c.remoteMta,
    reportingMta: c.reportingMta,
    command: fields.command,
    stageUnstated: c.stageUnstated,
    reason: fields.reason,
    feedbackType: c.feedbackType,
    lastAttemptAt: c.lastAttemptAt,
    context: fields.context,
    fallbackReason: c.fallbackReason,
    isTemporary: c.isTemporary,
  } satisfies Record<keyof Candidate, unknown>;
}

function enrichOne(
  c: Candidate,
  text: string,
  transcriptCommand: SmtpCommand | null,
  transcriptText: string,
  count: number,
): TextFields {
  const snippet = paragraphOf(text, c.recipient) || (c.originalRecipient ? paragraphOf(text, c.originalRecipient) : '');
  // Courier repeats the session under each recipient (">>> DATA" / "<<< 550 ..."): the recipient's own transcript
  // says more than the first one of the whole report.
  const command =
    commandInText(snippet) ?? commandInTranscript(snippet) ?? commandInText(c.diagnostic) ?? transcriptCommand;
  const own = stripAddress(snippet, c.recipient).replace(REASON_WRAPPER, (_, reason: string) => reason.trimStart());
  // A Diagnostic-Code without words ("X-Unix; 77", an exit code) says less than Sendmail's "(reason: ...)"
  // line or the session transcript.
  const diagnostic = hasWords(c.diagnostic)
    ? completeMultilineReply(c.diagnostic as string, text)
    : hasWords(own)
      ? own
      : firstParagraph(transcriptText) || c.diagnostic || null;
  // A pipe recipient ("|/usr/bin/program") failed in the local delivery agent: a mailer error.
  const reason = PIPE.test(c.recipient) || PIPE.test(c.originalRecipient ?? '') ? 'mailererror' : c.reason;
  // With several recipients the shared prose and transcript describe the others too ("User unknown" for one
  // must not become the cause of another's "451 Temporary system failure"): only the recipient's own paragraph.
  const context = (count > 1 ? own : `${own} ${transcriptText} ${text.slice(0, 1500)}`).trim();
  return { command, diagnostic, reason, context: context || null };
}

// A reply line that announces more lines ("554-Transaction failed"): RFC 5321 4.2.1 multi-line reply.
const CONTINUED_REPLY = /^([245]\d\d)-\S/;
// The transcript's received lines ("<<< 554-Header error: ...") of the same reply code.
const TRANSCRIPT_REPLY_LINE = /^[ \t]*<<<[ \t]?([245]\d\d)([ -])(.*)$/;
/** Lines of a multi-line reply read from a transcript: 30 is far more than any server sends. */
const MAX_REPLY_LINES = 30;

/**
 * Sendmail puts only the first line of a multi-line reply into Diagnostic-Code ("554-Transaction failed"), and the
 * cause is often on the lines after it ("554-Header error: invalid or missing header"). Its session transcript in
 * the text part has every line ("<<< 554-..."): the reply is completed from there.
 */
export function completeMultilineReply(diagnostic: string, text: string): string {
  const first = diagnostic.trim();
  const code = CONTINUED_REPLY.exec(first)?.[1];
  if (!code) return diagnostic;
  // The same line also stands in Sendmail's "(reason: 554-...)" above the transcript: only a received line counts.
  const at = text.indexOf(`<<< ${first}`);
  if (at === -1) return diagnostic;
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const lines = text.slice(lineStart, lineStart + 8000).split('\n', MAX_REPLY_LINES);
  const parts: string[] = [];
  for (const line of lines) {
    const m = TRANSCRIPT_REPLY_LINE.exec(line.replace(/\r$/, ''));
    if (!m || m[1] !== code) break;
    parts.push(`${m[1]}${m[2]}${m[3]}`.trim());
    if (m[2] === ' ') break;
  }
  return parts.length > 1 ? parts.join(' ') : diagnostic;
}

// Letters of any script: a reply in Greek, Cyrillic or Hangul is words too (an ASCII-only test sent such a
// Diagnostic-Code to the shared paragraph, where another recipient's reply stood beside it).
function hasWords(text: string | null | undefined): boolean {
  return !!text && /\p{L}{3}/u.test(text);
}

function firstParagraph(text: string): string {
  const trimmed = text.replace(/^\s*\n/, '');
  const end = trimmed.indexOf('\n\n');
  return (end === -1 ? trimmed : trimmed.slice(0, end)).replace(/\s+/g, ' ').trim();
}

const TRANSCRIPT = /^[ \t]*-{3,}[ \t]*Transcript of session follows[ \t]*-{3,}/im;
const PIPE = /^\|/;

function stripAddress(snippet: string, address: string): string {
  const i = snippet.toLowerCase().indexOf(address.toLowerCase());
  if (i === -1) return snippet;
  return snippet
    .slice(i + address.length)
    .replace(/^[>:\s]+/, '')
    .trim();
}

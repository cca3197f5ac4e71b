import { readAutoReply } from './auto-reply/read-auto-reply.js';
import { type ClassifyInput, createClassifier, type Verdict } from './classify/classify.js';
import { createContext } from './formats/context.js';
import type { BounceContext, Candidate, Detection } from './formats/format-types.js';
import { DETECTORS } from './formats/registry.js';
import { isPersonalReply, senderEvidence } from './formats/sender-evidence.js';
import { decodeHeaderValue } from './mime/encoded-words.js';
import { parseEntity } from './mime/entity.js';
import { header } from './mime/headers.js';
import { DEFAULT_MAX_BYTES, loadRawMessage } from './mime/raw-message.js';
import { decodeTransfer } from './mime/transfer-encoding.js';
import { DEFAULT_CORRELATION_HEADERS, extractOriginal } from './original/original-message.js';
import type {
  MessageKind,
  OriginalMessageRef,
  ParseErrorCode,
  ParseOptions,
  ParseResult,
  RecipientResult,
} from './types.js';

const EMPTY_ORIGINAL: OriginalMessageRef = {
  messageId: null,
  returnPath: null,
  from: null,
  to: [],
  subject: null,
  correlationHeaders: {},
};

// Blank lines (spaces and tabs allowed) before the first line, which must read as a header field.
const LEADING_BLANK_LINES = /^(?:[ \t]*\n){1,20}(?=[!-9;-~]{1,76}:)/;

/** Detectors see at most this many recipients: a hostile report listing millions must stay cheap. */
const MAX_RECIPIENTS = 1000;

/**
 * Parses a raw message into a per-recipient verdict. Pure and total: never throws (an internal failure becomes
 * kind 'parse-error' with code 'internal'), never reads more than `options.maxBytes` of the input (a longer input
 * is judged on its prefix and reported with the non-fatal error code 'truncated').
 */
export function parseBounce(raw: Uint8Array | string, options: ParseOptions = {}): ParseResult {
  try {
    return parseUnsafe(raw, options);
  } catch (error) {
    return errorResult('internal', error instanceof Error ? error.message : String(error), false);
  }
}

function parseUnsafe(raw: Uint8Array | string, options: ParseOptions): ParseResult {
  const maxBytes = options.maxBytes && options.maxBytes > 0 ? options.maxBytes : DEFAULT_MAX_BYTES;
  const message = loadRawMessage(raw, maxBytes);
  if (message.text.trim().length === 0) return errorResult('empty', 'the input is empty', message.truncated);
  let root = parseEntity(message.text);
  if (root.headers.size === 0 && LEADING_BLANK_LINES.test(message.text)) {
    // A stored copy that starts with blank lines before its header block (an export, a paste): the blank lines
    // are the tool's, not an empty header block of the message.
    message.text = message.text.replace(LEADING_BLANK_LINES, '');
    root = parseEntity(message.text);
  }
  if (root.headers.size === 0) {
    // Real bounces may carry stray NUL bytes; only input without any header block is judged binary.
    const problem = binaryProblem(message.text);
    if (problem) return errorResult('binary', problem, message.truncated);
    return errorResult('no-headers', 'the input has no header block', message.truncated);
  }
  const top = createContext(message.text, root);
  const topDetection = detect(top);
  const forwarded = topDetection ? null : forwardedBounce(top);
  const ctx = forwarded?.ctx ?? top;
  const detection = forwarded?.detection ?? topDetection;
  const classifyOnce = createClassifier();
  const recipients = detection
    ? detection.recipients
        .slice(0, MAX_RECIPIENTS)
        .map((c) => toRecipient(c, detection, classifyOnce))
        .filter(isActionable)
    : [];
  const kind = detection && recipients.length > 0 ? kindOf(detection, recipients) : 'not-bounce';
  return {
    kind,
    recipients: kind === 'not-bounce' ? [] : recipients,
    original:
      kind === 'not-bounce'
        ? EMPTY_ORIGINAL
        : extractOriginal(
            ctx,
            detection,
            options.correlationHeaders ?? DEFAULT_CORRELATION_HEADERS,
            options.originalHeaders ?? [],
          ),
    message: {
      messageId: header(root.headers, 'message-id')?.trim() ?? null,
      from: top.from || null,
      to: decodeHeaderValue(header(root.headers, 'to') ?? '') || null,
      subject: top.subject || null,
      date: header(root.headers, 'date')?.trim() ?? null,
    },
    error: message.truncated
      ? // Non-fatal (kind is not parse-error): the verdict covers the examined prefix.
        { code: 'truncated', message: `input larger than ${maxBytes} bytes: only the first ${maxBytes} examined` }
      : null,
    truncated: message.truncated,
    ...(kind === 'auto-reply'
      ? {
          autoReply: readAutoReply({
            subject: ctx.subject,
            text: ctx.bounceText(),
            date: replyDate(header(root.headers, 'date')),
            from: ctx.from,
          }),
        }
      : {}),
  };
}

/** The reply's Date header as a time, or null when absent or unreadable (years of bare dates stay open then). */
function replyDate(value: string | null): Date | null {
  if (!value) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time);
}

/**
 * Detectors that read structure rather than wording (a delivery-status or feedback-report part, RFC 3834
 * headers): the only ones consulted for a person's reply, whose text may quote or discuss a bounce.
 */
const STRUCTURAL = new Set(['amazonses', 'arf', 'sieve', 'rfc3464', 'rfc3834']);

function detect(ctx: BounceContext): Detection | null {
  const reply = isPersonalReply(ctx);
  for (const detector of DETECTORS) {
    if (reply && !STRUCTURAL.has(detector.name)) continue;
    const found = detector.detect(ctx);
    if (found && found.recipients.length > 0) return found;
  }
  return null;
}

/** Attached messages a forwarded bounce may sit in (RFC 2046 5.2.1, RFC 6532 3.7). */
const FORWARDED_TYPES = new Set(['message/rfc822', 'message/global']);

/**
 * A bounce forwarded as an attachment: mailbox rules, helpdesks and people forward the notice they received as a
 * message/rfc822 part of an ordinary message. When the outer message is no bounce and carries exactly one attached
 * message that is a notice by its own evidence (a delivery-status report, or the null reverse-path / a system
 * sender of RFC 5321 4.5.5), the verdict is that notice's. One level only: a forward of a forward stays unread.
 * An inline forward (the notice pasted into the text) is a person's message and stays a non-bounce.
 */
function forwardedBounce(ctx: BounceContext): { ctx: BounceContext; detection: Detection } | null {
  const attached = ctx.leaves.filter((l) => FORWARDED_TYPES.has(l.type));
  const leaf = attached[0];
  if (attached.length !== 1 || !leaf?.embedded) return null;
  const raw = ctx.text.slice(leaf.bodyStart, leaf.bodyEnd);
  const encoding = (header(leaf.headers, 'content-transfer-encoding') ?? '').trim().toLowerCase();
  const text = encoding === 'base64' || encoding === 'quoted-printable' ? decodeTransfer(raw, encoding) : raw;
  const root = parseEntity(text);
  if (root.headers.size === 0) return null;
  const inner = createContext(text, root);
  const evidence = senderEvidence(inner);
  const isReport = root.type === 'multipart/report' && /delivery-status/i.test(root.params['report-type'] ?? '');
  if (!isReport && !evidence.isNullPath && !evidence.isSystemAddress) return null;
  const detection = detect(inner);
  // Only failure notices are unwrapped: a forwarded auto-reply or complaint is the forwarder's business.
  if (!detection || detection.kind) return null;
  return { ctx: inner, detection };
}

function toRecipient(c: Candidate, detection: Detection, classify: (input: ClassifyInput) => Verdict): RecipientResult {
  const verdict = classify({
    status: c.status ?? null,
    replyCode: c.replyCode ?? null,
    diagnostic: c.diagnostic ?? null,
    command: c.command ?? null,
    stageUnstated: c.stageUnstated ?? false,
    action: c.action ?? null,
    reason: c.reason ?? null,
    isTemporary: c.isTemporary ?? false,
    context: c.context ?? null,
    fallbackReason: c.fallbackReason ?? null,
  });
  const action =
    c.action ??
    (verdict.reason === 'delivered'
      ? 'delivered'
      : verdict.class === 'hard' || verdict.class === 'soft' || verdict.class === 'unknown'
        ? 'failed'
        : null);
  return {
    recipient: c.recipient,
    originalRecipient: c.originalRecipient ?? null,
    action,
    status: verdict.status,
    replyCode: verdict.replyCode,
    reason: verdict.reason,
    class: verdict.class,
    diagnosticCode: c.diagnostic?.trim() ? c.diagnostic.trim() : null,
    remoteMta: c.remoteMta ?? null,
    reportingMta: c.reportingMta ?? null,
    feedbackType: c.feedbackType ?? null,
    lastAttemptAt: toIsoDate(c.lastAttemptAt ?? null),
    detectedBy: detection.detectedBy,
  };
}

/**
 * A failure must name whom it concerns: a damaged report (e.g. `Final-Recipient: rfc822; >`) yields an empty
 * address that no rule could act on. Complaints and auto-replies may legitimately lack one.
 */
function isActionable(r: RecipientResult): boolean {
  return r.recipient !== '' || r.class === 'complaint' || r.class === 'auto-reply';
}

function kindOf(detection: Detection, recipients: RecipientResult[]): MessageKind {
  if (detection.kind) return detection.kind;
  if (recipients.every((r) => r.class === 'delivered')) return 'delivery-report';
  if (recipients.every((r) => r.action === 'delayed' || r.class === 'delivered')) return 'delayed';
  return 'bounce';
}

/**
 * "Thu, 1 Jan 2026 10:00:00 +0000 (UTC)" without its trailing comment. Done with string functions: the former
 * `/\s*\([^)]*\)\s*$/` restarted at every blank of a padded field and took quadratic time (issue 12).
 */
function withoutTrailingComment(value: string): string {
  const v = value.trimEnd();
  if (!v.endsWith(')')) return v;
  const open = v.lastIndexOf('(');
  return open === -1 || v.indexOf(')', open) !== v.length - 1 ? v : v.slice(0, open).trimEnd();
}

function toIsoDate(value: string | null): string | null {
  if (!value) return null;
  const t = Date.parse(withoutTrailingComment(value));
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Why headerless input looks binary (NUL bytes, many control characters), or null. */
function binaryProblem(text: string): string | null {
  const sample = text.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return 'the input contains NUL bytes and no header block: not a text message';
    if (c < 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d && c !== 0x1b && c !== 0x0c) control++;
  }
  return control > sample.length / 10 ? 'the input is mostly control characters' : null;
}

function errorResult(code: ParseErrorCode, message: string, truncated: boolean): ParseResult {
  return {
    kind: 'parse-error',
    recipients: [],
    original: EMPTY_ORIGINAL,
    message: { messageId: null, from: null, to: null, subject: null, date: null },
    error: { code, message },
    truncated,
  };
}

import { classify } from './classify/classify.js';
import { createContext } from './formats/context.js';
import type { BounceContext, Candidate, Detection } from './formats/format-types.js';
import { DETECTORS } from './formats/registry.js';
import { decodeHeaderValue } from './mime/encoded-words.js';
import { parseEntity } from './mime/entity.js';
import { header } from './mime/headers.js';
import { DEFAULT_MAX_BYTES, loadRawMessage } from './mime/raw-message.js';
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

/** Detectors see at most this many recipients: a hostile report listing millions must stay cheap. */
const MAX_RECIPIENTS = 1000;

/**
 * Parses a raw message into a per-recipient verdict. Pure and total: never throws (an internal failure becomes
 * kind 'parse-error' with code 'internal'), never reads more than `options.maxBytes` of the input.
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
  const root = parseEntity(message.text);
  if (root.headers.size === 0) {
    // Real bounces may carry stray NUL bytes; only input without any header block is judged binary.
    const problem = binaryProblem(message.text);
    if (problem) return errorResult('binary', problem, message.truncated);
    return errorResult('no-headers', 'the input has no header block', message.truncated);
  }
  const ctx = createContext(message.text, root);
  const detection = detect(ctx);
  const recipients = detection
    ? detection.recipients.slice(0, MAX_RECIPIENTS).map((c) => toRecipient(c, detection))
    : [];
  const kind = detection && recipients.length > 0 ? kindOf(detection, recipients) : 'not-bounce';
  return {
    kind,
    recipients: kind === 'not-bounce' ? [] : recipients,
    original:
      kind === 'not-bounce'
        ? EMPTY_ORIGINAL
        : extractOriginal(ctx, detection, options.correlationHeaders ?? DEFAULT_CORRELATION_HEADERS),
    message: {
      messageId: header(root.headers, 'message-id')?.trim() ?? null,
      from: ctx.from || null,
      to: decodeHeaderValue(header(root.headers, 'to') ?? '') || null,
      subject: ctx.subject || null,
      date: header(root.headers, 'date')?.trim() ?? null,
    },
    error: message.truncated
      ? // Non-fatal (kind is not parse-error): the verdict covers the examined prefix.
        { code: 'internal', message: `input larger than ${maxBytes} bytes: only the first ${maxBytes} examined` }
      : null,
    truncated: message.truncated,
  };
}

function detect(ctx: BounceContext): Detection | null {
  for (const detector of DETECTORS) {
    const found = detector.detect(ctx);
    if (found && found.recipients.length > 0) return found;
  }
  return null;
}

function toRecipient(c: Candidate, detection: Detection): RecipientResult {
  const verdict = classify({
    status: c.status ?? null,
    replyCode: c.replyCode ?? null,
    diagnostic: c.diagnostic ?? null,
    command: c.command ?? null,
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

function kindOf(detection: Detection, recipients: RecipientResult[]): MessageKind {
  if (detection.kind) return detection.kind;
  if (recipients.every((r) => r.class === 'delivered')) return 'delivery-report';
  if (recipients.every((r) => r.action === 'delayed' || r.class === 'delivered')) return 'delayed';
  return 'bounce';
}

function toIsoDate(value: string | null): string | null {
  if (!value) return null;
  const t = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ''));
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

/**
 * The parser's verdict as it travels from the parse worker to the rules worker inside an apply-bounces job: the
 * schema of `ParseResult` (@bounce/parser, whose types stay the definition). The type checks below fail to compile
 * when the two drift apart, so a field added to the parser must be added here too, and nothing downstream casts.
 */
import {
  BOUNCE_CLASSES,
  type DsnAction,
  MESSAGE_KINDS,
  type ParseErrorCode,
  type ParseResult,
  REASONS,
} from '@bounce/parser';
import { z } from 'zod';

const DSN_ACTIONS = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'] as const satisfies readonly DsnAction[];
const PARSE_ERROR_CODES = [
  'empty',
  'binary',
  'no-headers',
  'internal',
  'truncated',
] as const satisfies readonly ParseErrorCode[];

const nullableText = z.string().nullable();

export const recipientResultSchema = z.object({
  recipient: z.string(),
  originalRecipient: nullableText,
  action: z.enum(DSN_ACTIONS).nullable(),
  status: nullableText,
  replyCode: z.number().int().nullable(),
  reason: z.enum(REASONS),
  class: z.enum(BOUNCE_CLASSES),
  diagnosticCode: nullableText,
  remoteMta: nullableText,
  reportingMta: nullableText,
  feedbackType: nullableText,
  lastAttemptAt: nullableText,
  detectedBy: z.string(),
});

export const parseResultSchema = z.object({
  kind: z.enum(MESSAGE_KINDS),
  recipients: z.array(recipientResultSchema),
  original: z.object({
    messageId: nullableText,
    returnPath: nullableText,
    from: nullableText,
    to: z.array(z.string()),
    subject: nullableText,
    correlationHeaders: z.record(z.string(), z.string()),
  }),
  message: z.object({
    messageId: nullableText,
    from: nullableText,
    to: nullableText,
    subject: nullableText,
    date: nullableText,
  }),
  error: z.object({ code: z.enum(PARSE_ERROR_CODES), message: z.string() }).nullable(),
  truncated: z.boolean(),
  autoReply: z
    .object({
      absence: z.object({ from: nullableText, until: nullableText, evidence: z.string() }).nullable(),
      departure: z.object({ evidence: z.string() }).nullable(),
      replacement: z
        .object({ address: z.string(), reason: z.enum(['new-address', 'successor']), evidence: z.string() })
        .nullable(),
      deputies: z.array(z.string()),
    })
    .optional(),
});

// Compile-time: the schema accepts exactly ParseResult (each side assignable to the other).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesParser: Same<z.output<typeof parseResultSchema>, ParseResult> = true;
void schemaMatchesParser;

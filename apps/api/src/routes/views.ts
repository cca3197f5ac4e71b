/**
 * Response schemas of the stored resources. They double as an allow-list: the serializer encodes a row through the
 * schema, and zod objects drop keys they do not name, so internal columns (tenant ids, row ids, encrypted secrets)
 * never reach a response even if a query starts selecting them.
 */
import { z } from 'zod';
import { jsonObject } from '../http/common-schemas.js';

const time = z.date();
const nullableTime = z.date().nullable();

export const addressRecordSchema = z
  .object({
    address: z.string(),
    domain: z.string(),
    state: z.enum(['active', 'blocked']),
    consecutiveSoftFailures: z.number().int(),
    firstSoftFailureAt: nullableTime,
    lastSoftFailureAt: nullableTime,
    lastBounceAt: nullableTime,
    lastBounceId: z.string().nullable(),
    lastDeliveryAt: nullableTime,
    suppressionReason: z
      .string()
      .nullable()
      .meta({ description: 'hard-bounce, escalation, complaint, manual, import, domain' }),
    suppressionDetail: z.string().nullable(),
    suppressedAt: nullableTime,
    manualResetAt: nullableTime,
    absentFrom: nullableTime.meta({
      description:
        'Start of the absence window read from the address\'s automatic reply ("on leave until 12 January"); soft failures from absentFrom to absentUntil are recorded with the rule absence-window and not counted toward escalation. Null: no window.',
    }),
    absentUntil: nullableTime.meta({ description: 'End of the absence window (exclusive). Null: no window.' }),
    version: z.number().int(),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'AddressRecord' });

export const listSuppressionSchema = z
  .object({ address: z.string(), listId: z.string(), reason: z.string(), createdAt: time })
  .meta({ id: 'ListSuppression' });

export const domainBlockSchema = z
  .object({ domain: z.string(), reason: z.string(), createdBy: z.string(), createdAt: time })
  .meta({ id: 'DomainBlock' });

export const addressDetailsSchema = z
  .object({
    address: z.string(),
    known: z.boolean().meta({ description: 'false: never seen, treated as active and clean' }),
    record: addressRecordSchema.nullable(),
    listSuppressions: z.array(listSuppressionSchema),
    domainBlock: domainBlockSchema.nullable(),
  })
  .meta({ id: 'AddressDetails' });

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    address: z.string().nullable(),
    action: z.string().meta({ description: 'e.g. block, unblock, soft-failure, escalate, domain-block' }),
    actor: z.string().meta({ description: 'rules, operator:<api key id>, import, system' }),
    rule: z.string().nullable(),
    reason: z.string().nullable(),
    before: jsonObject.nullable(),
    after: jsonObject.nullable(),
    evidence: jsonObject.nullable(),
    revertsId: z.number().int().nullable(),
    createdAt: time,
  })
  .meta({ id: 'AuditEntry' });

export const bounceSchema = z
  .object({
    id: z.uuid(),
    rawMessageId: z.string().nullable(),
    source: z.string().meta({ description: 'imap, send-event, api' }),
    kind: z.string(),
    recipient: z.string().nullable(),
    action: z.string().nullable(),
    status: z.string().nullable(),
    replyCode: z.number().int().nullable(),
    reason: z.string(),
    class: z.string(),
    diagnosticCode: z.string().nullable(),
    remoteMta: z.string().nullable(),
    feedbackType: z.string().nullable(),
    originalMessageId: z.string().nullable(),
    occurredAt: time,
    receivedAt: time,
    sendId: z.string().nullable(),
    matchMethod: z.string().nullable(),
    state: z.string().meta({ description: 'pending, applied, unmatched, ignored, failed' }),
    decision: jsonObject.nullable(),
    appliedAt: nullableTime,
    assignedBy: z.string().nullable(),
  })
  .meta({ id: 'Bounce' });

/** A manual operation's outcome (block, unblock, reset). */
export const manualOpResultSchema = z.object({
  address: z.string(),
  changed: z.boolean(),
  before: jsonObject,
  after: jsonObject,
  auditId: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'Audit entry to undo this change; null if nothing changed' }),
  explanation: z.string(),
});

export const eventSchema = z
  .object({
    eventId: z.uuid(),
    type: z.string(),
    priority: z.enum(['normal', 'high']),
    address: z.string().nullable(),
    payload: jsonObject,
    createdAt: time,
    publishedAt: nullableTime,
  })
  .meta({ id: 'Event' });

export const senderAlertSchema = z
  .object({
    id: z.uuid(),
    receivingDomain: z.string(),
    reason: z.string(),
    firstSeenAt: time,
    lastSeenAt: time,
    count: z.number().int(),
    sampleDiagnostic: z.string().nullable(),
    resolvedAt: nullableTime,
  })
  .meta({ id: 'SenderAlert' });

const localizedText = z.object({ en: z.string(), de: z.string() });

/** One DNS check's result; the fields besides these depend on `check` (see @bounce/sender-health's types). */
const senderCheckResultSchema = z
  .looseObject({
    check: z.enum(['dnsbl', 'spf', 'spf-record', 'dkim', 'dmarc', 'ptr', 'mx', 'verp-alignment']),
    status: z.enum(['pass', 'fail', 'warn', 'error', 'skipped']),
    findings: z.array(
      z.object({
        code: z.string(),
        severity: z.enum(['fail', 'warn', 'info']),
        text: localizedText,
        fix: localizedText.optional(),
      }),
    ),
  })
  .meta({ id: 'SenderCheckResult' });

export const senderSetupReportSchema = z
  .object({
    domain: z.string(),
    bounceDomain: z.string(),
    ips: z.array(z.string()),
    selectors: z.array(z.string()),
    exampleReturnPath: z.string().nullable(),
    status: z
      .enum(['pass', 'fail', 'warn', 'error', 'skipped'])
      .meta({ description: 'The worst status of all checks' }),
    spf: z.object({ record: senderCheckResultSchema, ips: z.array(senderCheckResultSchema) }),
    dkim: z.array(senderCheckResultSchema),
    dmarc: senderCheckResultSchema,
    ptr: z.array(senderCheckResultSchema),
    mx: senderCheckResultSchema,
    verp: senderCheckResultSchema,
    dnsbl: z.array(senderCheckResultSchema),
    checks: z.array(senderCheckResultSchema),
    summary: localizedText.meta({ description: 'One line per failing or warning finding, then what to do' }),
    checkedAt: z.string(),
  })
  .meta({ id: 'SenderSetupReport' });

export const senderSetupWatchSchema = z
  .object({
    id: z.uuid(),
    domain: z.string(),
    request: z
      .object({
        domain: z.string(),
        ips: z.array(z.string()),
        selectors: z.array(z.string()),
        bounceDomain: z.string().optional(),
        returnPathLocalPart: z.string(),
      })
      .meta({ description: 'What is checked (the body it was watched with)' }),
    status: z
      .enum(['pass', 'fail', 'warn', 'error', 'skipped'])
      .nullable()
      .meta({ description: 'The worst status of the latest report; null before the first check' }),
    report: senderSetupReportSchema.nullable(),
    lastCheckedAt: nullableTime,
    nextCheckAt: time,
    createdAt: time,
  })
  .meta({ id: 'SenderSetupWatch' });

export const senderHealthAlertSchema = z
  .object({
    id: z.uuid(),
    groupKey: z.string().meta({ description: '<provider id>|<cause>' }),
    providerId: z.string(),
    providerName: z.string(),
    cause: z.string(),
    subject: z.string().nullable().meta({ description: 'The sending IP or domain the diagnosis is about' }),
    count: z.number().int(),
    firstSeenAt: time,
    lastSeenAt: time,
    state: z.enum(['open', 'closed']),
    closeReason: z.enum(['check-passed', 'quiet', 'operator']).nullable(),
    closedAt: nullableTime,
    lastCheckedAt: time,
    nextCheckAt: nullableTime,
    diagnosis: jsonObject.meta({
      description:
        'The latest diagnosis: headline, explanation and actions (en/de), cause, confirmed, evidence, checks, resolved, checkedAt',
    }),
  })
  .meta({ id: 'SenderHealthAlert' });

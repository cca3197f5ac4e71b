/**
 * Every event type the system emits, in one registry: its name, priority, when it happens, and the schema of its
 * `data`. The outbox (which types exist and at which priority they are written), the webhook filter (which types a
 * subscription may name) and the event-type table of WEBHOOKS.md are derived from it. Adding an event type is one
 * entry here plus the code that emits it (then `pnpm --filter @bounce/events docs` to refresh WEBHOOKS.md; a test
 * fails while it is stale).
 *
 * Payload schemas are loose objects: receivers are promised that fields are never removed or renamed, and that new
 * ones may appear (WEBHOOKS.md, "Compatibility promise").
 */
import { z } from 'zod';

export type EventPriority = 'normal' | 'high';

const iso = z.string();
const nullableText = z.string().nullable();

/** The bounce verdict an event carries (rendered from the bounce row). */
export const bounceSummarySchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  class: z.string(),
  reason: z.string(),
  status: nullableText,
  replyCode: z.number().nullable(),
  diagnosticCode: nullableText,
  remoteMta: nullableText,
  feedbackType: nullableText,
  action: nullableText,
  occurredAt: iso,
  source: z.string(),
  matchMethod: nullableText,
  originalMessageId: nullableText,
});

/** The matched send an event carries (rendered from the send row). */
export const sendSummarySchema = z.looseObject({
  id: z.string(),
  externalId: nullableText,
  messageId: nullableText,
  category: z.string(),
  listId: nullableText,
  campaignId: nullableText,
  sentAt: iso,
});

const addressStateSchema = z.looseObject({
  state: z.string(),
  consecutiveSoftFailures: z.number(),
  suppressionReason: nullableText,
});

/** Every payload names its type and tenant. */
const base = { type: z.string(), tenantId: z.string() };

/** An event the rules decided on a bounce or delivery. */
const ruleEventSchema = z.looseObject({
  ...base,
  address: z.string(),
  bounce: bounceSummarySchema.nullable().optional(),
  send: sendSummarySchema.nullable().optional(),
  decision: z.looseObject({ rule: z.string() }),
  addressState: addressStateSchema,
});

/** An operator's change to an address (block, unblock, reset, undo). */
const manualEventSchema = z.looseObject({
  ...base,
  address: z.string(),
  actor: z.string(),
  operation: z.string(),
  reason: nullableText,
  explanation: z.string(),
  auditId: z.number().nullable(),
  addressState: addressStateSchema,
});

const domainEventSchema = z.looseObject({
  ...base,
  domain: z.string(),
  reason: nullableText,
  createdBy: nullableText,
  createdAt: iso,
  actor: z.string(),
});

/** A diagnosed sender-side alert (sender_alert.*), rendered from its row. */
const senderAlertSchema = z.looseObject({
  ...base,
  alertId: z.string(),
  groupKey: z.string(),
  provider: z.looseObject({ id: z.string(), name: z.string() }),
  cause: z.string(),
  subject: nullableText,
  state: z.enum(['open', 'closed']),
  count: z.number(),
  firstSeenAt: iso,
  lastSeenAt: iso,
  closeReason: nullableText,
  closedAt: iso.nullable(),
  diagnosis: z.looseObject({
    headline: z.looseObject({ en: z.string(), de: z.string() }),
    explanation: z.looseObject({ en: z.string(), de: z.string() }),
  }),
});

type EventDefinition = {
  priority: EventPriority;
  /** When the event is emitted (WEBHOOKS.md's "When" column). */
  when: string;
  /** The `data` fields besides `type` and `tenantId`, in words (WEBHOOKS.md). */
  data: string;
  payload: z.ZodType;
};

const define = <const T extends Record<string, EventDefinition>>(events: T) => events;

export const EVENT_REGISTRY = define({
  'bounce.recorded': {
    priority: 'normal',
    when: 'A bounce, complaint or delay report was parsed and applied to an address.',
    data: '`address`, `bounce`, `send` (or null), `decision`, `addressState`',
    payload: ruleEventSchema,
  },
  'bounce.unmatched': {
    priority: 'normal',
    when: 'A bounce could not be attributed to an address or send; it waits for manual assignment.',
    data: '`bounce`, `send: null`, `unmatchedReason`',
    payload: z.looseObject({
      ...base,
      bounce: bounceSummarySchema,
      send: sendSummarySchema.nullable(),
      unmatchedReason: z.unknown(),
    }),
  },
  'address.blocked': {
    priority: 'normal',
    when: 'An address was suppressed (hard bounce, soft-bounce escalation, complaint, manual, undo).',
    data: 'rules: as `bounce.recorded`, and where the address belongs to contacts with other addresses `contacts` (`contactId`, `externalId`, `otherAddresses`: primary first) and `alternativeAddress` (the first of them), so the CRM can write there instead; manual: `address`, `actor`, `operation`, `reason`, `explanation`, `auditId`, `addressState`',
    payload: z.union([ruleEventSchema, manualEventSchema]),
  },
  'address.unblocked': {
    priority: 'normal',
    when: 'A suppression was lifted (operator, undo, or a delivery contradicting it).',
    data: 'as `address.blocked`',
    payload: z.union([ruleEventSchema, manualEventSchema]),
  },
  'address.list_removed': {
    priority: 'normal',
    when: 'Removed from one list only (`listId`); still allowed elsewhere.',
    data: 'as `bounce.recorded` + `listId` (+ `contacts`, `alternativeAddress` as in `address.blocked`)',
    payload: ruleEventSchema.extend({ listId: z.string() }),
  },
  'address.reset': {
    priority: 'normal',
    when: 'An operator reset the soft-failure count.',
    data: 'manual fields (see `address.blocked`)',
    payload: manualEventSchema,
  },
  'address.notify': {
    priority: 'normal',
    when: 'A rule configured "notify only" fired: nothing changed.',
    data: 'as `bounce.recorded` + `notify` (the rule)',
    payload: ruleEventSchema.extend({ notify: z.unknown() }),
  },
  'invoice.undeliverable': {
    priority: 'high',
    when:
      'A message of an exempt category (default: `invoice`) could not be delivered. Exempt mail is still sent to ' +
      'blocked addresses, so its failures are reported loudly.',
    data: 'as `bounce.recorded` + `category`',
    payload: ruleEventSchema.extend({ category: z.string() }),
  },
  'sender.blocked': {
    priority: 'high',
    when: 'A receiving provider rejects _us_ (blocklist, policy, reputation): one event per new incident, not per message.',
    data: '`alertId`, `receivingDomain`, `reason`, `count`, `sampleDiagnostic`, `firstEvent` (a `bounce.recorded`-style payload)',
    payload: z.looseObject({
      ...base,
      alertId: z.union([z.string(), z.number()]),
      receivingDomain: z.string(),
      reason: z.string(),
      count: z.number(),
      sampleDiagnostic: nullableText,
      firstEvent: z.looseObject({ address: z.string() }),
    }),
  },
  'sender_alert.opened': {
    priority: 'high',
    when:
      'A sender-side rejection was diagnosed (DNS checks of the sending IP and domain) and no alert of its provider ' +
      'and cause was open: one alert per provider and cause, not one per bounce.',
    data: '`alertId`, `groupKey` (`<provider>|<cause>`), `provider` (`id`, `name`), `cause`, `subject`, `state`, `count`, `firstSeenAt`, `lastSeenAt`, `closeReason`, `closedAt`, `diagnosis` (`headline`, `explanation`, `actions` in `en`/`de`, `checks`, `evidence`, `resolved`, `checkedAt`)',
    payload: senderAlertSchema,
  },
  'sender_alert.updated': {
    priority: 'normal',
    when:
      'An open sender alert changed: its diagnosis says something else (cause, subject, failing checks), or its count ' +
      'reached 10, 100, 1000, ... bounces.',
    data: 'as `sender_alert.opened`',
    payload: senderAlertSchema,
  },
  'sender_alert.closed': {
    priority: 'normal',
    when:
      'A sender alert closed: a scheduled recheck found its cause gone (`closeReason: check-passed`), a cause DNS ' +
      'cannot show went quiet (`quiet`), or an operator closed it (`operator`).',
    data: 'as `sender_alert.opened`',
    payload: senderAlertSchema,
  },
  'sender_setup.changed': {
    priority: 'high',
    when: 'A watched sending setup was checked again and a check changed its result (e.g. SPF pass to fail, a listing).',
    data: '`setupCheckId`, `domain`, `status` (worst of all checks), `changes` (`key`, `from`, `to`), `report` (the new report)',
    payload: z.looseObject({
      ...base,
      setupCheckId: z.string(),
      domain: z.string(),
      status: z.string(),
      changes: z.array(z.looseObject({ key: z.string(), from: nullableText, to: nullableText })),
      report: z.looseObject({}),
    }),
  },
  'domain.blocked': {
    priority: 'normal',
    when: 'Every address at a domain was blocked (domain-wide suppression).',
    data: '`domain`, `reason`, `createdBy`, `createdAt`, `actor`',
    payload: domainEventSchema,
  },
  'domain.unblocked': {
    priority: 'normal',
    when: 'A domain-wide suppression was lifted.',
    data: 'as `domain.blocked`',
    payload: domainEventSchema,
  },
  'suppressions.imported': {
    priority: 'normal',
    when: 'A suppression list was imported (one event per chunk of up to 5,000 addresses).',
    data: '`actor`, `reason`, `listId`, `suppressed`, `chunkSize`',
    payload: z.looseObject({
      ...base,
      actor: z.string(),
      reason: nullableText,
      listId: nullableText,
      suppressed: z.number(),
      chunkSize: z.number(),
    }),
  },
  'audit.undone': {
    priority: 'normal',
    when: 'An operator undid an earlier change.',
    data: 'manual fields (see `address.blocked`)',
    payload: manualEventSchema,
  },
  'address.absent': {
    priority: 'normal',
    when:
      'An automatic reply says the recipient is away ("on leave until 12 January"): the message was delivered and ' +
      'nothing is counted as a failure.',
    data: '`address`, `absence` (`from`, `until`: ISO dates or null, `evidence`: the words it was read from), `rawMessageId`, `subject`',
    payload: z.looseObject({
      ...base,
      address: z.string(),
      absence: z.looseObject({ from: nullableText, until: nullableText, evidence: z.string() }),
      rawMessageId: z.string(),
      subject: nullableText,
    }),
  },
  'address.failure_during_absence': {
    priority: 'normal',
    when:
      'A soft failure (a full mailbox, a deferral) of an address inside the absence window its automatic reply ' +
      'announced: recorded with the reason "inside absence window" in the audit trail, not counted toward the ' +
      'consecutive-soft escalation.',
    data: 'rule fields (see `bounce.recorded`; `decision.rule` is absence-window), `absence` (`from`, `until`: the window, ISO times)',
    payload: ruleEventSchema.extend({ absence: z.looseObject({ from: nullableText, until: nullableText }) }),
  },
  'address.replacement_suggested': {
    priority: 'normal',
    when:
      'An automatic reply names a new address ("my new address is X") or, after a departure ("I have left the ' +
      'company"), whom to write to instead. A suggestion unless the tenant\'s rule setting `applySuggestedAddresses` ' +
      'applies it (then `applied` is true, the contacts are listed, and each gets `contact.address_replaced`).',
    data: '`address`, `suggested`, `reason` (new-address, successor), `evidence`, `departure` (evidence or null), `suggestionId`, `applied`, `contacts` (`contactId`, `externalId`: those it was applied to), `rawMessageId`, `subject`',
    payload: z.looseObject({
      ...base,
      address: z.string(),
      suggested: z.string(),
      reason: z.enum(['new-address', 'successor']),
      evidence: z.string(),
      departure: z.looseObject({ evidence: z.string() }).nullable(),
      suggestionId: nullableText.optional(),
      applied: z.boolean(),
      contacts: z.array(z.looseObject({ contactId: z.string(), externalId: z.string() })).optional(),
      rawMessageId: z.string(),
      subject: nullableText,
    }),
  },
  'contact.address_replaced': {
    priority: 'normal',
    when:
      "A contact's primary address was replaced by one an automatic reply suggested: by the tenant's rule " +
      '(`applySuggestedAddresses`) or an operator accepting the suggestion. The previous address stays on the ' +
      'contact as a secondary one.',
    data: "`contactId`, `externalId` (the CRM's id), `previousAddress`, `primaryAddress`, `suggestionId`, `by` (rule, operator), `actor` (the operator, or null)",
    payload: z.looseObject({
      ...base,
      contactId: z.string(),
      externalId: z.string(),
      previousAddress: z.string(),
      primaryAddress: z.string(),
      suggestionId: z.string(),
      by: z.enum(['rule', 'operator']),
      actor: nullableText,
    }),
  },
  'message.archived': {
    priority: 'normal',
    when:
      'Mail in a bounce mailbox that is not a bounce (an automatic reply, an answer someone wrote) was filed at the ' +
      'contacts it matched (its sender, the VERP return path it was delivered to, or the send it answers): the ' +
      'original and its attachments can be listed and downloaded per contact.',
    data: "`archivedMessageId`, `contactId`, `externalId` (the CRM's id of the contact), `address` (the contact address that matched: the sender's, or the recipient of the send it answers), `matchedBy` (sender, verp, thread), `kind` (auto-reply, reply), `subject`, `date`, `size`, `attachments` (`filename`, `contentType`, `size`, `sha256`), `rawMessageId`",
    payload: z.looseObject({
      ...base,
      archivedMessageId: z.string(),
      contactId: z.string(),
      externalId: z.string(),
      address: z.string(),
      matchedBy: z.enum(['sender', 'verp', 'thread']).optional(),
      kind: z.enum(['auto-reply', 'reply']),
      subject: nullableText,
      date: nullableText,
      size: z.number(),
      attachments: z.array(
        z.looseObject({ filename: nullableText, contentType: z.string(), size: z.number(), sha256: z.string() }),
      ),
      rawMessageId: nullableText,
    }),
  },
  'mailbox.disabled': {
    priority: 'high',
    when: 'A bounce mailbox was disabled after repeated connection/authentication failures.',
    data: '`mailboxId`, `name`, `host`, `port`, `username`, `consecutiveFailures`, `failureKind`, `lastError`, `disabledAt`',
    payload: z.looseObject({
      ...base,
      mailboxId: z.string(),
      name: z.string(),
      host: z.string(),
      port: z.number(),
      username: z.string(),
      consecutiveFailures: z.number(),
      failureKind: z.string(),
      lastError: z.string(),
      disabledAt: iso,
    }),
  },
  'mailbox.authorization_revoked': {
    priority: 'high',
    when: 'The OAuth 2.0 grant of a mailbox signed in with Microsoft 365 or Google was revoked or has expired (the provider refused its refresh token): the mailbox is disabled until someone signs in again.',
    data: '`mailboxId`, `name`, `provider`, `username`, `error`, `disabledAt`',
    payload: z.looseObject({
      ...base,
      mailboxId: z.string(),
      name: z.string(),
      provider: z.string(),
      username: z.string(),
      error: z.string(),
      disabledAt: iso,
    }),
  },
  'processing.failed': {
    priority: 'high',
    when: 'A stored bounce message could not be processed after every retry; it waits on the manual list.',
    data: '`rawMessageId`, `mailbox` (`id`, `name`, `folder`, `uidValidity`, `uid`, or null), `stage` (parse, apply), `error`, `receivedAt`',
    payload: z.looseObject({
      ...base,
      rawMessageId: z.string(),
      mailbox: z
        .looseObject({
          id: z.string(),
          name: nullableText,
          folder: nullableText,
          uidValidity: z.number().nullable(),
          uid: z.number().nullable(),
        })
        .nullable(),
      stage: z.enum(['parse', 'apply']),
      error: z.string(),
      receivedAt: iso,
    }),
  },
});

export type EventType = keyof typeof EVENT_REGISTRY;

/** Every event type, in registry order. */
export const EVENT_TYPES = Object.keys(EVENT_REGISTRY) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_REGISTRY, type);
}

/** The priority every event of `type` is written with. */
export function eventPriority(type: EventType): EventPriority {
  return EVENT_REGISTRY[type].priority;
}

/** Validates an event's `data` against its type's schema; unknown types fail. */
export function parseEventPayload(
  type: string,
  payload: unknown,
): { success: true } | { success: false; error: string } {
  if (!isEventType(type)) return { success: false, error: `unknown event type ${type}` };
  const result = EVENT_REGISTRY[type].payload.safeParse(payload);
  if (result.success) return { success: true };
  return {
    success: false,
    error: result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
  };
}

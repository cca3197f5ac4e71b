/**
 * Builders for tests: parse results shaped like the parser's output for one or more recipients, and a migrated
 * tenant. Test-only (not exported from the package index).
 */
import type { BounceClass, ParseResult, Reason, RecipientResult } from '@bounce/parser';
import type { Executor } from '../client.js';
import { createTenant } from '../tenants.js';

export type RecipientSpec = {
  recipient: string;
  class?: BounceClass;
  reason?: Reason;
  status?: string | null;
  replyCode?: number | null;
  diagnosticCode?: string | null;
  action?: RecipientResult['action'];
  remoteMta?: string | null;
  at?: Date;
  feedbackType?: string | null;
};

/** Verdicts as the parser gives them for common real-world bounces. */
export const VERDICTS = {
  userUnknown: {
    class: 'hard',
    reason: 'userunknown',
    status: '5.1.1',
    replyCode: 550,
    diagnosticCode: '550 5.1.1 <x>: Recipient address rejected: User unknown in virtual mailbox table',
  },
  mailboxFull: {
    class: 'soft',
    reason: 'mailboxfull',
    status: '4.2.2',
    replyCode: 452,
    diagnosticCode: '452 4.2.2 The email account that you tried to reach is over quota.',
  },
  blocked: {
    class: 'soft',
    reason: 'blocked',
    status: '5.7.1',
    replyCode: 550,
    diagnosticCode: '550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus',
  },
  delivered: {
    class: 'delivered',
    reason: 'delivered',
    status: '2.0.0',
    replyCode: 250,
    diagnosticCode: '250 2.0.0 OK',
  },
  complaint: { class: 'complaint', reason: 'feedback', status: null, replyCode: null, diagnosticCode: null },
} as const satisfies Record<string, Partial<RecipientSpec>>;

export function recipientResult(spec: RecipientSpec): RecipientResult {
  return {
    recipient: spec.recipient,
    originalRecipient: null,
    action: spec.action ?? (spec.class === 'delivered' ? 'delivered' : 'failed'),
    status: spec.status ?? null,
    replyCode: spec.replyCode ?? null,
    reason: spec.reason ?? 'undefined',
    class: spec.class ?? 'unknown',
    diagnosticCode: spec.diagnosticCode ?? null,
    remoteMta: spec.remoteMta ?? null,
    reportingMta: 'mx.sender.example',
    feedbackType: spec.feedbackType ?? null,
    lastAttemptAt: spec.at ? spec.at.toISOString() : null,
    detectedBy: 'rfc3464',
  };
}

export function parsedBounce(
  recipients: RecipientSpec[],
  original: Partial<ParseResult['original']> = {},
  kind: ParseResult['kind'] = 'bounce',
  to: string | null = null,
): ParseResult {
  return {
    kind,
    recipients: recipients.map(recipientResult),
    original: {
      messageId: null,
      returnPath: null,
      from: null,
      to: [],
      subject: null,
      correlationHeaders: {},
      ...original,
    },
    message: { messageId: null, from: 'MAILER-DAEMON@mx.example', to, subject: 'Undelivered Mail', date: null },
    error: null,
    truncated: false,
  };
}

export async function seedTenant(db: Executor, id = 'acme'): Promise<string> {
  await createTenant(db, { id, name: id.toUpperCase() });
  return id;
}

/** Counts rows of a table for a tenant (test assertions). */
export async function countRows(db: Executor, table: string, tenantId: string, where = 'true'): Promise<number> {
  const { sql } = await import('drizzle-orm');
  const { queryRows } = await import('../sql/sql-util.js');
  const rows = await queryRows<{ n: number }>(
    db,
    sql.raw(
      `select count(*)::int as n from ${table} where tenant_id = '${tenantId.replaceAll("'", "''")}' and (${where})`,
    ),
  );
  return rows[0]?.n ?? 0;
}

/**
 * The message archive (issue 18's grabber): mail in a bounce mailbox that is not a bounce, an auto-reply or an answer
 * someone wrote, is filed at every contact with the sender's address, with its attachments. The original and each
 * attachment are blobs stored once per tenant and content (an attachment sent by many is kept once). Filing is
 * idempotent on the tenant, the contact and the message's Message-ID (its content hash without one), so the same
 * reply delivered twice (two copies, two mailboxes of the tenant) is filed once; it commits with its
 * `message.archived` events (outbox). Retention per tenant (days) and the erasure of one contact's archive (GDPR) remove the rows and the blobs nothing else uses.
 *
 * Every write of a tenant's archive takes the tenant's archive lock first: a blob found in place by a filing cannot
 * be removed as unreferenced by a concurrent erasure before the filing's reference commits.
 */
import type { ParseResult } from '@bounce/parser';
import { parseReturnPath } from '@bounce/rules';
import { and, asc, desc, eq, ilike, inArray, lt, sql } from 'drizzle-orm';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { isUuid } from '../bounces/correlate.js';
import type { Executor } from '../client.js';
import { insertOutboxEvents, type OutboxEvent } from '../outbox/outbox-events.js';
import { sha256Hex } from '../raw-messages/fetch-stage.js';
import {
  archiveBlobs,
  archivedAttachments,
  archivedMessages,
  contactAddresses,
  contacts,
  rawMessages,
  sends,
  tenants,
} from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { escapeLike, inTransaction } from '../sql/sql-util.js';
import { type MessageAttachment, type MessageContent, readMessageContent } from './message-content.js';

/** Size limits of what is archived. */
export const ARCHIVE_LIMITS = {
  /** A larger message is not archived (it stays in the manual list). 25 MiB, the usual mail size limit. */
  maxMessageBytes: 25 * 1024 * 1024,
  /** A larger attachment is listed with its size and hash, its content not kept. 10 MiB. */
  maxAttachmentBytes: 10 * 1024 * 1024,
  /** Attachments past this many are listed, their content not kept. */
  maxStoredAttachments: 50,
};

export type ArchiveLimits = typeof ARCHIVE_LIMITS;

export type ArchiveKind = 'auto-reply' | 'reply';

export type ArchiveInput = {
  kind: ArchiveKind;
  /** The sender (an auto-reply's replying address, a reply's From), matched first; null when it has none. */
  address: string | null;
  /** The original message. */
  content: Buffer;
  rawMessageId?: string | null;
};

/**
 * How a message found its contacts, in the order tried (the first that finds any wins):
 *  - `sender`: a contact has the sender's address;
 *  - `verp`: it was delivered to one of our signed VERP return paths (an auto-reply answers the envelope sender),
 *    whose send went to a contact's address;
 *  - `thread`: its In-Reply-To or References name the Message-ID of one of our sends to a contact's address
 *    (someone answered from another address, a colleague, a shared mailbox);
 *  - `operator`: matching found no one and a person filed it at a contact from the manual list (archiveMessageAt).
 */
export type ArchiveMatch = 'sender' | 'verp' | 'thread' | 'operator';

export type ArchiveOptions = {
  limits?: ArchiveLimits;
  /** Secrets verifying VERP return paths, current first (as the rules worker has them). Default none: no VERP match. */
  verpSecrets?: readonly string[];
};

export type ArchiveOutcome =
  | {
      outcome: 'archived';
      archived: { id: string; contactId: string }[];
      duplicates: number;
      matchedBy: ArchiveMatch;
      /** The contact address that matched (the sender's, or the recipient of the send it answers). */
      address: string;
    }
  | { outcome: 'no-contact' }
  | { outcome: 'too-large'; size: number };

export type ArchivedAttachmentInfo = {
  position: number;
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
  stored: boolean;
};

export type ArchivedMessage = {
  id: string;
  contactId: string;
  rawMessageId: string | null;
  kind: ArchiveKind;
  address: string;
  subject: string | null;
  messageDate: Date | null;
  size: number;
  sha256: string;
  archivedAt: Date;
  attachments: ArchivedAttachmentInfo[];
};

const lockArchive = (tx: Executor, tenantId: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`archive:${tenantId}`}, 0))`);

/**
 * Files a message at every contact it matches (see ArchiveMatch for how; the module comment for the rest). Nothing
 * is written when no contact matches (the caller leaves the message to a person) or when it is over the size limit.
 */
export async function archiveMessage(
  db: Executor,
  tenantId: string,
  input: ArchiveInput,
  options: ArchiveOptions = {},
): Promise<ArchiveOutcome> {
  const limits = options.limits ?? ARCHIVE_LIMITS;
  if (input.content.length > limits.maxMessageBytes) return { outcome: 'too-large', size: input.content.length };
  // Read outside the transaction: parsing a large message holds no lock.
  const content = await readMessageContent(input.content);
  const match = await findOwners(db, tenantId, input.address, content, options.verpSecrets ?? []);
  if (!match) return { outcome: 'no-contact' };
  return fileMessage(db, tenantId, input, content, match, limits);
}

/**
 * Files a message at one contact a person chose (a message matching no one, from the manual list), as the sender's
 * address (the contact's primary address when the sender has none). `inTransaction` runs in the filing's transaction
 * (the manual message's resolution), so both commit or neither.
 */
export async function archiveMessageAt(
  db: Executor,
  tenantId: string,
  input: ArchiveInput,
  contact: { id: string; externalId: string; primaryAddress: string },
  options: { limits?: ArchiveLimits; inTransaction?: (tx: Executor) => Promise<void> } = {},
): Promise<ArchiveOutcome> {
  const limits = options.limits ?? ARCHIVE_LIMITS;
  if (input.content.length > limits.maxMessageBytes) return { outcome: 'too-large', size: input.content.length };
  const content = await readMessageContent(input.content);
  const address = input.address?.trim().toLowerCase() || contact.primaryAddress;
  return fileMessage(
    db,
    tenantId,
    input,
    content,
    { owners: [{ id: contact.id, externalId: contact.externalId }], address, matchedBy: 'operator' },
    limits,
    options.inTransaction,
  );
}

/** Writes the archive rows, blobs, attachments and message.archived events of a message for its owners. */
async function fileMessage(
  db: Executor,
  tenantId: string,
  input: ArchiveInput,
  content: MessageContent,
  match: { owners: Owner[]; address: string; matchedBy: ArchiveMatch },
  limits: ArchiveLimits,
  alsoInTransaction?: (tx: Executor) => Promise<void>,
): Promise<ArchiveOutcome> {
  const { owners, address, matchedBy } = match;
  const { subject, date, attachments } = content;
  const sha256 = sha256Hex(input.content);
  const infos = attachments.map((a, position) => attachmentInfo(a, position, limits));
  const blobs = new Map<string, Buffer>([[sha256, input.content]]);
  attachments.forEach((a, i) => {
    if (infos[i]?.stored) blobs.set(infos[i].sha256, a.content);
  });

  return inTransaction(db, async (tx) => {
    await lockArchive(tx, tenantId);
    const inserted = await tx
      .insert(archivedMessages)
      .values(
        owners.map((c) => ({
          tenantId,
          contactId: c.id,
          rawMessageId: input.rawMessageId ?? null,
          kind: input.kind,
          address,
          subject,
          messageDate: date,
          sha256,
          size: input.content.length,
          dedupKey: content.dedupKey,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: archivedMessages.id, contactId: archivedMessages.contactId });
    // Blobs only for a message filed now: a second copy of one already filed (another mailbox, other trace
    // headers, other bytes) would leave its original stored and referenced by nothing.
    if (inserted.length > 0) {
      for (const [hash, blob] of blobs) {
        await tx
          .insert(archiveBlobs)
          .values({ tenantId, sha256: hash, size: blob.length, content: blob })
          .onConflictDoNothing();
      }
    }
    if (inserted.length > 0 && infos.length > 0) {
      await tx
        .insert(archivedAttachments)
        .values(inserted.flatMap((m) => infos.map((a) => ({ ...a, archivedMessageId: m.id, tenantId }))));
    }
    const externalIdOf = new Map(owners.map((c) => [c.id, c.externalId]));
    const events: OutboxEvent[] = inserted.map((m) => ({
      type: 'message.archived',
      address,
      payload: {
        archivedMessageId: m.id,
        contactId: m.contactId,
        externalId: externalIdOf.get(m.contactId),
        address,
        matchedBy,
        kind: input.kind,
        subject,
        date: date?.toISOString() ?? null,
        size: input.content.length,
        attachments: infos.map(({ filename, contentType, size, sha256: hash }) => ({
          filename,
          contentType,
          size,
          sha256: hash,
        })),
        rawMessageId: input.rawMessageId ?? null,
      },
    }));
    await insertOutboxEvents(tx, tenantId, events);
    await alsoInTransaction?.(tx);
    return {
      outcome: 'archived',
      archived: inserted,
      duplicates: owners.length - inserted.length,
      matchedBy,
      address,
    };
  });
}

type Owner = { id: string; externalId: string };

/** The contacts of one address, in id order. */
async function contactsOf(db: Executor, tenantId: string, address: string): Promise<Owner[]> {
  return db
    .select({ id: contacts.id, externalId: contacts.externalId })
    .from(contactAddresses)
    .innerJoin(contacts, eq(contacts.id, contactAddresses.contactId))
    .where(and(eq(contactAddresses.tenantId, tenantId), eq(contactAddresses.address, address)))
    .orderBy(asc(contacts.id));
}

/** The contacts a message belongs to and how they were found (ArchiveMatch), or null. */
async function findOwners(
  db: Executor,
  tenantId: string,
  sender: string | null,
  content: MessageContent,
  verpSecrets: readonly string[],
): Promise<{ owners: Owner[]; address: string; matchedBy: ArchiveMatch } | null> {
  const from = sender?.trim().toLowerCase();
  if (from) {
    const owners = await contactsOf(db, tenantId, from);
    if (owners.length > 0) return { owners, address: from, matchedBy: 'sender' };
  }
  // A token that does not verify (forged, mangled, an old secret) names nobody: the weaker thread match may still.
  const verpSendIds = verpSecrets.length
    ? content.deliveredTo.flatMap((a) => {
        const verdict = parseReturnPath(a, verpSecrets);
        return verdict.status === 'valid' && isUuid(verdict.sendId) ? [verdict.sendId.toLowerCase()] : [];
      })
    : [];
  if (verpSendIds.length > 0) {
    const found = await db
      .select({ recipient: sends.recipient })
      .from(sends)
      .where(and(eq(sends.tenantId, tenantId), inArray(sends.id, [...new Set(verpSendIds)])));
    const matched = await ownersOfOne(db, tenantId, found);
    if (matched) return { ...matched, matchedBy: 'verp' };
  }
  if (content.answers.length > 0) {
    const found = await db
      .select({ messageId: sends.messageId, recipient: sends.recipient })
      .from(sends)
      .where(and(eq(sends.tenantId, tenantId), inArray(sends.messageId, content.answers)));
    // The nearest answered message that is one of our sends decides (In-Reply-To before older References).
    for (const id of content.answers) {
      const ofId = found.filter((f) => f.messageId === id);
      if (ofId.length === 0) continue;
      const matched = await ownersOfOne(db, tenantId, ofId);
      return matched ? { ...matched, matchedBy: 'thread' } : null;
    }
  }
  return null;
}

/**
 * The contacts of the one recipient these sends went to. Sends to several recipients (one Message-ID or token for
 * many) do not say which of them answered: no match, a person decides.
 */
async function ownersOfOne(
  db: Executor,
  tenantId: string,
  found: readonly { recipient: string }[],
): Promise<{ owners: Owner[]; address: string } | null> {
  const recipients = [...new Set(found.map((f) => f.recipient.toLowerCase()))];
  if (recipients.length !== 1) return null;
  const address = recipients[0]!;
  const owners = await contactsOf(db, tenantId, address);
  return owners.length > 0 ? { owners, address } : null;
}

function attachmentInfo(a: MessageAttachment, position: number, limits: ArchiveLimits): ArchivedAttachmentInfo {
  return {
    position,
    filename: a.filename?.slice(0, 255) ?? null,
    contentType: a.contentType,
    size: a.content.length,
    sha256: sha256Hex(a.content),
    stored: a.content.length <= limits.maxAttachmentBytes && position < limits.maxStoredAttachments,
  };
}

export type ArchiveQuery = {
  /** Case-insensitive substring of the subject. */
  subject?: string;
  /**
   * The message's date (its Date header; the archiving time for a message without one) at or after / at or before,
   * inclusive: an operator looks for "the reply of 3 March", not for when the fetch happened to file it.
   */
  from?: Date;
  to?: Date;
  limit?: number;
  offset?: number;
};

/** When a message was written: its Date header, else (none or unreadable) when it was archived. */
const messageDateOrArchived = sql<Date>`coalesce(${archivedMessages.messageDate}, ${archivedMessages.archivedAt})`;

/** A contact's archived messages, newest (by the message's date) first, with their attachments' metadata. */
export async function listArchivedMessages(
  db: Executor,
  tenantId: string,
  contactId: string,
  query: ArchiveQuery = {},
): Promise<ArchivedMessage[]> {
  const conditions = [eq(archivedMessages.tenantId, tenantId), eq(archivedMessages.contactId, contactId)];
  if (query.subject) conditions.push(ilike(archivedMessages.subject, `%${escapeLike(query.subject)}%`));
  // As ISO text: a raw expression has no column to turn a Date into a parameter.
  if (query.from) conditions.push(sql`${messageDateOrArchived} >= ${query.from.toISOString()}::timestamptz`);
  if (query.to) conditions.push(sql`${messageDateOrArchived} <= ${query.to.toISOString()}::timestamptz`);
  const rows = await db
    .select({
      id: archivedMessages.id,
      contactId: archivedMessages.contactId,
      rawMessageId: archivedMessages.rawMessageId,
      kind: archivedMessages.kind,
      address: archivedMessages.address,
      subject: archivedMessages.subject,
      messageDate: archivedMessages.messageDate,
      size: archivedMessages.size,
      sha256: archivedMessages.sha256,
      archivedAt: archivedMessages.archivedAt,
    })
    .from(archivedMessages)
    .where(and(...conditions))
    .orderBy(desc(messageDateOrArchived), desc(archivedMessages.id))
    .limit(Math.min(query.limit ?? 50, 200))
    .offset(query.offset ?? 0);
  if (rows.length === 0) return [];
  const attachments = await db
    .select()
    .from(archivedAttachments)
    .where(
      and(
        eq(archivedAttachments.tenantId, tenantId),
        inArray(
          archivedAttachments.archivedMessageId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(archivedAttachments.position));
  return rows.map((r) => ({
    ...r,
    attachments: attachments
      .filter((a) => a.archivedMessageId === r.id)
      .map(({ position, filename, contentType, size, sha256, stored }) => ({
        position,
        filename,
        contentType,
        size,
        sha256,
        stored,
      })),
  }));
}

/** The original (.eml) of an archived message, or null (unknown, another tenant's). */
export async function getArchivedOriginal(
  db: Executor,
  tenantId: string,
  archivedMessageId: string,
): Promise<{ content: Buffer; subject: string | null } | null> {
  const [row] = await db
    .select({ content: archiveBlobs.content, subject: archivedMessages.subject })
    .from(archivedMessages)
    .innerJoin(
      archiveBlobs,
      and(eq(archiveBlobs.tenantId, archivedMessages.tenantId), eq(archiveBlobs.sha256, archivedMessages.sha256)),
    )
    .where(and(eq(archivedMessages.tenantId, tenantId), eq(archivedMessages.id, archivedMessageId)));
  return row ?? null;
}

/** One stored attachment of an archived message, or null (unknown, another tenant's, or its content not kept). */
export async function getArchivedAttachment(
  db: Executor,
  tenantId: string,
  archivedMessageId: string,
  position: number,
): Promise<{ filename: string | null; contentType: string; content: Buffer } | null> {
  const [row] = await db
    .select({
      filename: archivedAttachments.filename,
      contentType: archivedAttachments.contentType,
      content: archiveBlobs.content,
    })
    .from(archivedAttachments)
    .innerJoin(
      archiveBlobs,
      and(eq(archiveBlobs.tenantId, archivedAttachments.tenantId), eq(archiveBlobs.sha256, archivedAttachments.sha256)),
    )
    .where(
      and(
        eq(archivedAttachments.tenantId, tenantId),
        eq(archivedAttachments.archivedMessageId, archivedMessageId),
        eq(archivedAttachments.position, position),
        eq(archivedAttachments.stored, true),
      ),
    );
  return row ?? null;
}

/** Removes the tenant's blobs no archived message or stored attachment refers to any more. */
async function removeUnreferencedBlobs(tx: Executor, tenantId: string): Promise<number> {
  const removed = await tx.execute(sql`
    delete from archive_blobs b
    where b.tenant_id = ${tenantId}
      and not exists (select 1 from archived_messages m where m.tenant_id = b.tenant_id and m.sha256 = b.sha256)
      and not exists (
        select 1 from archived_attachments a where a.tenant_id = b.tenant_id and a.sha256 = b.sha256 and a.stored)`);
  return (removed as unknown as { count?: number }).count ?? 0;
}

export type ErasureResult = { messages: number; blobs: number; rawContents: number };

/**
 * GDPR erasure of one contact's archive: every archived message filed at the contact, its attachments, each blob no
 * other contact's archive still uses, and the content of the raw messages they were filed from. Answers null for an unknown contact (or another tenant's).
 */
export async function eraseContactArchive(
  db: Executor,
  tenantId: string,
  contactId: string,
): Promise<ErasureResult | null> {
  return inTransaction(db, async (tx) => {
    const [contact] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
    if (!contact) return null;
    await lockArchive(tx, tenantId);
    const deleted = await tx
      .delete(archivedMessages)
      .where(and(eq(archivedMessages.tenantId, tenantId), eq(archivedMessages.contactId, contactId)))
      .returning({ id: archivedMessages.id, rawMessageId: archivedMessages.rawMessageId });
    const blobs = deleted.length > 0 ? await removeUnreferencedBlobs(tx, tenantId) : 0;
    // The same mail as fetched (raw_messages) goes too: its bytes, as retention removes them (the row, its hash and
    // verdict stay). Only settled messages: one still being processed is the workers' until it is final.
    const rawIds = [...new Set(deleted.flatMap((d) => (d.rawMessageId ? [d.rawMessageId] : [])))];
    const rawPurged =
      rawIds.length === 0
        ? []
        : await tx
            .update(rawMessages)
            .set({ content: Buffer.alloc(0), contentPurgedAt: new Date() })
            .where(
              and(
                eq(rawMessages.tenantId, tenantId),
                inArray(rawMessages.id, rawIds),
                inArray(rawMessages.status, ['applied', 'manual', 'failed']),
              ),
            )
            .returning({ id: rawMessages.id });
    return { messages: deleted.length, blobs, rawContents: rawPurged.length };
  });
}

/** Longest archive retention accepted, in days (100 years). */
const MAX_ARCHIVE_RETENTION_DAYS = 36_500;

/** The tenant's archive retention in days (null: kept until erased). */
export async function getArchiveRetention(db: Executor, tenantId: string): Promise<number | null> {
  const [row] = await db.select({ days: tenants.archiveRetentionDays }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.days ?? null;
}

/** Sets the tenant's archive retention: days (at least 1), or null to keep archived mail until it is erased. */
export async function setArchiveRetention(db: Executor, tenantId: string, days: number | null): Promise<void> {
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_ARCHIVE_RETENTION_DAYS)) {
    throw new StoreError(
      'invalid-input',
      `retention must be a whole number of days from 1 to ${MAX_ARCHIVE_RETENTION_DAYS}`,
    );
  }
  const updated = await db
    .update(tenants)
    .set({ archiveRetentionDays: days })
    .where(eq(tenants.id, tenantId))
    .returning({ id: tenants.id });
  if (updated.length === 0) throw new StoreError('not-found', `tenant ${tenantId} not found`);
}

/**
 * Retention: removes, for every tenant with a retention, the archived messages archived longer ago than its days
 * and then the blobs nothing refers to any more, in transactions of `batchSize` messages, at most `maxPerTenant` per
 * tenant and call (the hourly maintenance pass takes the rest).
 */
export async function purgeExpiredArchive(
  db: Executor,
  now: Date = new Date(),
  { batchSize = 1_000, maxPerTenant = 100_000 }: { batchSize?: number; maxPerTenant?: number } = {},
): Promise<{ tenantId: string; messages: number; blobs: number }[]> {
  const settings = await db
    .select({ tenantId: tenants.id, days: tenants.archiveRetentionDays })
    .from(tenants)
    .where(sql`${tenants.archiveRetentionDays} is not null`);
  const results: { tenantId: string; messages: number; blobs: number }[] = [];
  for (const { tenantId, days } of settings) {
    const cutoff = new Date(now.getTime() - (days ?? 0) * 86_400_000);
    const total = { tenantId, messages: 0, blobs: 0 };
    while (total.messages < maxPerTenant) {
      const batch = await inTransaction(db, async (tx) => {
        await lockArchive(tx, tenantId);
        const expired = tx
          .select({ id: archivedMessages.id })
          .from(archivedMessages)
          .where(and(eq(archivedMessages.tenantId, tenantId), lt(archivedMessages.archivedAt, cutoff)))
          .limit(Math.min(batchSize, maxPerTenant - total.messages));
        const deleted = await tx
          .delete(archivedMessages)
          .where(inArray(archivedMessages.id, expired))
          .returning({ id: archivedMessages.id });
        const blobs = deleted.length > 0 ? await removeUnreferencedBlobs(tx, tenantId) : 0;
        return { messages: deleted.length, blobs };
      });
      total.messages += batch.messages;
      total.blobs += batch.blobs;
      if (batch.messages < batchSize) break;
    }
    if (total.messages > 0) results.push(total);
  }
  return results;
}

export type RawArchiveEntry = { rawMessageId: string; kind: ArchiveKind; address: string | null };

/**
 * Files stored raw messages (raw_messages) at the contacts they match (archiveMessage), one after the other (each its
 * own transaction): the outcome per entry, in input order. An entry whose raw message is gone is `no-contact`.
 */
export async function archiveRawMessages(
  db: Executor,
  tenantId: string,
  entries: readonly RawArchiveEntry[],
  options: ArchiveOptions = {},
): Promise<ArchiveOutcome[]> {
  const outcomes: ArchiveOutcome[] = [];
  for (const entry of entries) {
    const [raw] = await db
      .select({ content: rawMessages.content })
      .from(rawMessages)
      .where(and(eq(rawMessages.tenantId, tenantId), eq(rawMessages.id, entry.rawMessageId)));
    outcomes.push(
      raw
        ? await archiveMessage(
            db,
            tenantId,
            {
              kind: entry.kind,
              address: entry.address,
              content: raw.content,
              rawMessageId: entry.rawMessageId,
            },
            options,
          )
        : { outcome: 'no-contact' },
    );
  }
  return outcomes;
}

/**
 * Which parsed messages the archive takes, and at whose address: an auto-reply at the replying address (its
 * recipient entry), mail that is no bounce at all (an answer someone wrote) at its From address. Bounces,
 * complaints and delivery reports are never archived.
 */
export function archiveEntryOf(rawMessageId: string, result: ParseResult): RawArchiveEntry | null {
  switch (result.kind) {
    case 'auto-reply':
      return {
        rawMessageId,
        kind: 'auto-reply',
        address: result.recipients[0]?.recipient ?? bareAddress(result.message.from),
      };
    case 'not-bounce':
      return { rawMessageId, kind: 'reply', address: bareAddress(result.message.from) };
    default:
      return null;
  }
}

/** The address of a From header value ('"Doe, Jane" <jane@example.org>' → jane@example.org), lower-cased. */
function bareAddress(from: string | null): string | null {
  if (!from) return null;
  const candidate = addressparser(from, { flatten: true })[0]?.address ?? '';
  return isPlainAddress(candidate) ? candidate.toLowerCase() : null;
}

const isPlainAddress = (value: string) => /^[^\s@<>"]+@[^\s@<>"]+$/.test(value);

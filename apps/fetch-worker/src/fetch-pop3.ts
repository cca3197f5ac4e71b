/**
 * Fetching a POP3 maildrop, exactly once in effect (the POP3 counterpart of fetch-mailbox.ts's IMAP path):
 *
 * 1. UIDL + LIST: every message's unique id and size. Ids recorded in mailbox_pop3_seen were taken before; ids no
 *    longer on the server are forgotten, so the table stays the size of the maildrop.
 * 2. New messages in UIDL order, in batches bounded by count and bytes: RETR, store the raw messages durably
 *    (deduplicated by SHA-256), enqueue one parse job, and only then record the ids as seen. A crash in between
 *    re-reads the batch, which the hash and the parse job's stable id make harmless.
 * 3. "Leave a copy on the server" (the default) stops here. Otherwise messages whose raw message has a final status
 *    (its effects committed by the rules worker, or filed for manual processing) are marked with DELE, and QUIT
 *    applies the marks. A message fetched in this pass is never final yet: it is deleted by a later pass.
 *
 * Any failure before QUIT drops the connection without it, so the server forgets every DELE mark.
 */
import type { Logger, OAuthSaslMechanism } from '@bounce/config';
import {
  type Database,
  FINAL_RAW_STATUSES,
  forgetPop3Seen,
  listPop3Seen,
  type Mailbox,
  type Pop3SeenMessage,
  recordPop3Seen,
  sha256Hex,
} from '@bounce/db';
import {
  connectPop3,
  DEFAULT_MAX_MESSAGE_BYTES,
  type MailboxConnectionConfig,
  type Pop3ClientOptions,
  type Pop3Listing,
} from '@bounce/mailbox-access';
import type { JobPayload } from '@bounce/queue';
import type { Queue } from 'bullmq';
import type { FetchMetrics } from './fetch-metrics.js';
import { storeFetchedBatch } from './store-fetched.js';

/** What fetch-mailbox.ts passes down (its own deps and result, narrowed to what POP3 uses). */
type Pop3FetchDeps = {
  db: Database;
  parseQueue: Queue<JobPayload<'parseMessages'>>;
  metrics?: FetchMetrics;
  signal?: AbortSignal;
};
type Pop3FetchCounts = {
  fetched: number;
  stored: number;
  duplicates: number;
  batches: number;
  parseJobs: number;
  deleted?: number;
};

/** POP3 has one maildrop: the raw messages are filed under this folder name. */
export const POP3_FOLDER = 'INBOX';

const FINAL = new Set<string>(FINAL_RAW_STATUSES);

export async function fetchPop3Mailbox(input: {
  config: MailboxConnectionConfig;
  mailbox: Mailbox;
  deps: Pop3FetchDeps;
  result: Pop3FetchCounts;
  log: Logger;
  batchSize: number;
  batchMaxBytes: number;
  pop3?: Pop3ClientOptions;
}): Promise<{ oauthMechanism: OAuthSaslMechanism | undefined }> {
  const { mailbox, deps, result, log } = input;
  const session = await connectPop3(input.config, { ...input.pop3, logger: log });
  let quitSent = false;
  try {
    const listing = await session.listing();
    const seen = await listPop3Seen(deps.db, mailbox.id);
    const onServer = new Set(listing.map((m) => m.uid));
    const gone = [...seen.keys()].filter((uid) => !onServer.has(uid));
    if (gone.length > 0) await forgetPop3Seen(deps.db, mailbox.id, gone);

    const fresh = listing.filter((m) => !seen.has(m.uid));
    if (fresh.length > 0) log.debug({ count: fresh.length }, 'new POP3 messages found');
    for (const batch of batches(fresh, input.batchSize, input.batchMaxBytes)) {
      deps.signal?.throwIfAborted();
      const messages: { listing: Pop3Listing; content: Buffer }[] = [];
      for (const m of batch) {
        messages.push({ listing: m, content: await session.retrieve(m.number, DEFAULT_MAX_MESSAGE_BYTES) });
      }
      await storeBatch(mailbox, messages, deps, result);
    }

    const deletable = mailbox.leaveOnServer ? [] : listing.filter((m) => isFinished(seen.get(m.uid)));
    for (const m of deletable) await session.markDeleted(m.number);
    quitSent = true;
    await session.quit();
    if (deletable.length > 0) {
      await forgetPop3Seen(
        deps.db,
        mailbox.id,
        deletable.map((m) => m.uid),
      );
      log.debug({ count: deletable.length }, 'processed POP3 messages deleted from the server');
    }
    result.deleted = deletable.length;
  } finally {
    if (!quitSent) session.close();
  }
  // For the fetch's log line: which SASL mechanism carried an OAuth token (never the token).
  return { oauthMechanism: session.oauthMechanism };
}

/** Deletable once its raw message is final, or gone (removed by retention long after it was processed). */
function isFinished(seen: Pop3SeenMessage | undefined): boolean {
  if (!seen) return false;
  return seen.status === null ? seen.rawMessageId !== null : FINAL.has(seen.status);
}

/** Consecutive groups bounded by count and bytes; a message larger than the byte bound forms its own batch. */
function batches(messages: readonly Pop3Listing[], maxCount: number, maxBytes: number): Pop3Listing[][] {
  const out: Pop3Listing[][] = [];
  let current: Pop3Listing[] = [];
  let bytes = 0;
  for (const m of messages) {
    if (current.length > 0 && (current.length >= maxCount || bytes + m.size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += m.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

async function storeBatch(
  mailbox: Mailbox,
  messages: { listing: Pop3Listing; content: Buffer }[],
  deps: Pop3FetchDeps,
  result: Pop3FetchCounts,
): Promise<void> {
  const stored = await storeFetchedBatch(
    deps,
    mailbox.tenantId,
    messages.map((m) => ({
      tenantId: mailbox.tenantId,
      mailboxId: mailbox.id,
      folder: POP3_FOLDER,
      uidValidity: null,
      uid: null,
      content: m.content,
    })),
    result,
  );
  // storeRawMessages answers once per distinct content in input order; copies within the batch share a row.
  const bySha = new Map(stored.map((s) => [s.sha256, s.id]));
  await recordPop3Seen(
    deps.db,
    mailbox.id,
    messages.map((m) => ({ uidl: m.listing.uid, rawMessageId: bySha.get(sha256Hex(m.content)) ?? null })),
  );
  result.batches += 1;
}

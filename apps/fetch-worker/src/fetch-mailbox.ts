/**
 * Fetching one bounce mailbox, exactly once in effect:
 *
 * 1. Select the source folder and compare its UIDVALIDITY with the stored position. A new UIDVALIDITY voids every
 *    UID: the position restarts at 0 and the folder is read again; content already stored is recognised by its
 *    SHA-256 and neither stored nor parsed twice (only its new location is recorded).
 * 2. Read messages with UID > last_uid in ascending order, in batches bounded by count and bytes (a mailbox with
 *    100,000 waiting messages never loads more than one batch). Per batch: store the raw messages durably, enqueue
 *    one parse job for the new ones, then advance the position. A crash anywhere re-reads at most one batch, which
 *    the hash makes harmless.
 * 3. Move messages whose result is final to the processed or manual folder (message-mover.ts).
 *
 * Messages are never marked \Seen or deleted here; the source folder only loses a message by the move in step 3.
 * POP3 mailboxes take the path of fetch-pop3.ts (UIDL instead of UIDs, deletion instead of moves), with the same
 * storage, parse jobs and failure counting.
 */
import type { Logger, SecretBox } from '@bounce/config';
import {
  type Database,
  getFolderState,
  loadMailboxForConnection,
  type Mailbox,
  recordMailboxFailure,
  recordMailboxSuccess,
  setFolderState,
} from '@bounce/db';
import {
  classifyImapError,
  closeImap,
  connectImap,
  ensureFolders,
  forgetRefusedAccessToken,
  type ImapClientOptions,
  MailboxConnectionError,
  type MailboxImapFlow,
  mailboxConnectionConfig,
  type OAuthProviders,
} from '@bounce/mailbox-access';
import type { JobPayload } from '@bounce/queue';
import type { Queue } from 'bullmq';
import type { ImapFlow } from 'imapflow';
import type { FetchMetrics } from './fetch-metrics.js';
import { fetchPop3Mailbox } from './fetch-pop3.js';
import type { ImapSessionPool } from './imap-sessions.js';
import { type MoveResult, moveFinishedMessages } from './message-mover.js';
import { toSequenceSet } from './sequence-set.js';
import { storeFetchedBatch } from './store-fetched.js';

/**
 * Default messages per batch (one parse job each, then one apply transaction). The catalog caps a parse job at 1,000
 * messages. 500 rather than 200: per-batch costs (jobs, transactions, relay passes) weigh less, and
 * `pnpm bench:pipeline` went from 1,180-1,390 to 1,480-1,620 messages/s (fetch, parse and rules workers on 2 cores)
 * for 20-40 MB more peak memory per worker; FETCH_BATCH_MAX_BYTES still bounds a batch's bytes.
 */
export const DEFAULT_BATCH_SIZE = 500;
/** Default bytes per batch: 32 MiB, whatever the count (bounces carrying large returned originals). */
export const DEFAULT_BATCH_MAX_BYTES = 32 * 1024 * 1024;

export type FetchTrigger = JobPayload<'fetchMailbox'>['trigger'];

export type FetchMailboxDeps = {
  db: Database;
  secrets: SecretBox;
  parseQueue: Queue<JobPayload<'parseMessages'>>;
  logger: Logger;
  metrics?: FetchMetrics;
  /** Messages per batch. Default 200, at most 1,000. */
  batchSize?: number;
  /** Bytes per batch. Default 32 MiB; a single larger message forms its own batch. */
  batchMaxBytes?: number;
  imap?: ImapClientOptions;
  /** Microsoft 365 and Google sign-in, for mailboxes with authMethod oauth2. Default none. */
  oauthProviders?: OAuthProviders;
  /** Aborted on shutdown or when the mailbox lock is lost: stop between batches. */
  signal?: AbortSignal;
  trigger?: FetchTrigger;
  /** IMAP sessions kept between fetches (imap-sessions.ts). Default none: a new session per fetch, closed after it. */
  sessions?: ImapSessionPool;
};

export type FetchMailboxResult = {
  mailboxId: string;
  status: 'fetched' | 'disabled' | 'not-found';
  uidValidity?: number;
  uidValidityChanged?: boolean;
  /** Messages read from the server. */
  fetched: number;
  /** New rows in raw_messages. */
  stored: number;
  /** Content that was stored before (same SHA-256). */
  duplicates: number;
  batches: number;
  parseJobs: number;
  lastUid?: number;
  moved: MoveResult;
  /** POP3 without "leave on server": messages deleted from the server after their result was committed. */
  deleted?: number;
  durationMs: number;
};

export async function fetchMailbox(mailboxId: string, deps: FetchMailboxDeps): Promise<FetchMailboxResult> {
  const started = performance.now();
  const trigger = deps.trigger ?? 'schedule';
  const log = deps.logger.child({ component: 'fetch', mailboxId });
  const result: FetchMailboxResult = {
    mailboxId,
    status: 'fetched',
    fetched: 0,
    stored: 0,
    duplicates: 0,
    batches: 0,
    parseJobs: 0,
    moved: { processed: 0, manual: 0 },
    durationMs: 0,
  };
  const finish = (outcome: string) => {
    result.durationMs = Math.round(performance.now() - started);
    deps.metrics?.fetchDuration.observe({ trigger, outcome }, result.durationMs / 1000);
    return result;
  };

  const loaded = await loadMailboxForConnection(deps.db, deps.secrets, mailboxId);
  if (!loaded) {
    result.status = 'not-found';
    return finish('not-found');
  }
  const { mailbox } = loaded;
  if (!mailbox.enabled) {
    result.status = 'disabled';
    return finish('disabled');
  }

  let client: MailboxImapFlow | undefined;
  let keepSession = false;
  try {
    // A session kept from this mailbox's last fetch (IDLE: one fetch per new message), or a new one below.
    client = await reusableSession(mailbox, deps, log);
    if (!client) {
      // The password as stored, or a fresh access token of an oauth2 mailbox (a revoked grant disables it here).
      const config = await mailboxConnectionConfig(
        { db: deps.db, secrets: deps.secrets, oauthProviders: deps.oauthProviders },
        loaded,
      );
      if (mailbox.protocol === 'pop3') {
        const { oauthMechanism } = await fetchPop3Mailbox({
          config,
          mailbox,
          deps,
          result,
          log,
          batchSize: Math.min(deps.batchSize ?? DEFAULT_BATCH_SIZE, 1_000),
          batchMaxBytes: deps.batchMaxBytes ?? DEFAULT_BATCH_MAX_BYTES,
          pop3: deps.imap,
        });
        await recordMailboxSuccess(deps.db, mailboxId);
        log.info(
          { trigger, fetched: result.fetched, stored: result.stored, deleted: result.deleted, oauthMechanism },
          'mailbox fetched',
        );
        return finish('ok');
      }
      client = await connectImap(config, { ...deps.imap, logger: deps.logger });
      deps.sessions?.opened(client);
      await ensureFolders(client, mailbox, { create: true, countSource: false });
    }
    let lock: Awaited<ReturnType<ImapFlow['getMailboxLock']>>;
    try {
      lock = await client.getMailboxLock(mailbox.sourceFolder);
    } catch (err) {
      throw classifyImapError(err);
    }
    try {
      await fetchNewMessages(client, mailbox, deps, result, log);
      result.moved = await moveFinishedMessages({
        client,
        db: deps.db,
        mailboxId,
        folders: mailbox,
        uidValidity: result.uidValidity!,
        logger: log,
        metrics: deps.metrics,
        signal: deps.signal,
      });
    } finally {
      lock.release();
    }
    await recordMailboxSuccess(deps.db, mailboxId);
    keepSession = deps.sessions !== undefined;
  } catch (err) {
    if (err instanceof MailboxConnectionError) {
      await countFailure(mailbox, err, deps, log);
      finish(`error-${err.kind}`);
    } else {
      finish('error');
    }
    throw err;
  } finally {
    if (keepSession && client) deps.sessions!.keep(mailbox, client);
    else await closeImap(client);
  }
  log.info(
    {
      trigger,
      fetched: result.fetched,
      stored: result.stored,
      duplicates: result.duplicates,
      batches: result.batches,
      moved: result.moved,
      // OAuth mailboxes: the SASL mechanism the server's capabilities chose (never the token); absent for passwords.
      oauthMechanism: client?.oauthMechanism,
    },
    'mailbox fetched',
  );
  return finish('ok');
}

/**
 * The mailbox's kept IMAP session (imap-sessions.ts), brought up to date: a NOOP makes the server report the messages
 * that arrived since (EXISTS), which the UID SEARCH then sees. A kept session that fails it is closed and replaced by
 * a new connection; that is not the mailbox's failure.
 */
async function reusableSession(
  mailbox: Mailbox,
  deps: FetchMailboxDeps,
  log: Logger,
): Promise<MailboxImapFlow | undefined> {
  if (mailbox.protocol !== 'imap') return undefined;
  const kept = deps.sessions?.take(mailbox);
  if (!kept) return undefined;
  try {
    await kept.noop();
    if (kept.usable) return kept;
  } catch (err) {
    log.debug({ error: classifyImapError(err).message }, 'kept IMAP session unusable, connecting anew');
  }
  await closeImap(kept);
  return undefined;
}

async function fetchNewMessages(
  client: ImapFlow,
  mailbox: Mailbox,
  deps: FetchMailboxDeps,
  result: FetchMailboxResult,
  log: Logger,
): Promise<void> {
  const selected = client.mailbox;
  if (!selected) throw new MailboxConnectionError('folder', `folder "${mailbox.sourceFolder}" could not be selected`);
  const uidValidity = Number(selected.uidValidity);
  result.uidValidity = uidValidity;

  const state = await getFolderState(deps.db, mailbox.id, mailbox.sourceFolder);
  let lastUid = state?.lastUid ?? 0;
  result.uidValidityChanged = state !== null && state.uidValidity !== uidValidity;
  if (!state || state.uidValidity !== uidValidity) {
    if (state) {
      log.warn(
        { folder: mailbox.sourceFolder, previous: state.uidValidity, current: uidValidity },
        'UIDVALIDITY changed: re-scanning the folder (stored content is recognised by hash)',
      );
      deps.metrics?.uidValidityChanges.inc();
    }
    lastUid = 0;
    await setFolderState(deps.db, mailbox.id, mailbox.sourceFolder, { uidValidity, lastUid });
  }
  result.lastUid = lastUid;
  if (selected.exists === 0) return;

  let uids: number[];
  try {
    // "n:*" always includes the highest UID even when it is below n (RFC 3501 §6.4.8): filter.
    const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    uids = (found || []).filter((u) => u > lastUid).sort((a, b) => a - b);
  } catch (err) {
    throw classifyImapError(err);
  }
  if (uids.length === 0) return;
  log.debug({ count: uids.length, fromUid: uids[0] }, 'new messages found');

  const batchSize = Math.min(deps.batchSize ?? DEFAULT_BATCH_SIZE, 1_000);
  const maxBytes = deps.batchMaxBytes ?? DEFAULT_BATCH_MAX_BYTES;
  // Reading batch n+1 from the server overlaps with storing batch n in PostgreSQL (at most two batches in memory).
  // Stores still complete in order, so the position only ever advances past stored messages.
  let storing: Promise<void> | undefined;
  try {
    for (let i = 0; i < uids.length; i += batchSize) {
      deps.signal?.throwIfAborted();
      const chunk = uids.slice(i, i + batchSize);
      for (const batch of await splitBySize(client, chunk, maxBytes)) {
        deps.signal?.throwIfAborted();
        const messages = await readBatch(client, batch);
        await storing;
        storing = storeBatch(mailbox, uidValidity, batch, messages, deps, result);
        storing.catch(() => {}); // awaited below or at the next turn; avoids an unhandled rejection meanwhile
      }
    }
  } finally {
    // Never leave a store running behind a failed read: the caller releases the folder and reports.
    await storing?.catch(() => {});
  }
  await storing;
}

/** Sizes first (cheap), so each batch of full messages stays under `maxBytes`. */
async function splitBySize(client: ImapFlow, uids: number[], maxBytes: number): Promise<number[][]> {
  // One UID is one batch whatever its size, present or expunged meanwhile (see below): no round trip to ask. This is
  // the usual IDLE fetch (one new message), where every round trip adds to the bounce's latency.
  if (uids.length === 1) return [uids];
  const sizes = new Map<number, number>();
  try {
    for await (const msg of client.fetch(toSequenceSet(uids), { uid: true, size: true }, { uid: true })) {
      sizes.set(msg.uid, msg.size ?? 0);
    }
  } catch (err) {
    throw classifyImapError(err);
  }
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const uid of uids) {
    const size = sizes.get(uid);
    if (size === undefined) continue; // expunged meanwhile
    if (current.length > 0 && bytes + size > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(uid);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  // Vanished UIDs still advance the position: they cannot come back (UIDs are never reused, RFC 3501 §2.3.1.1).
  const last = uids[uids.length - 1]!;
  if (batches.length === 0) batches.push([last]);
  else if (batches[batches.length - 1]!.at(-1)! < last) batches[batches.length - 1]!.push(last);
  return batches;
}

type FetchedMessage = { uid: number; content: Buffer };

async function readBatch(client: ImapFlow, uids: number[]): Promise<FetchedMessage[]> {
  const messages: FetchedMessage[] = [];
  try {
    // BODY.PEEK[]: the whole message as stored, without setting \Seen.
    for await (const msg of client.fetch(toSequenceSet(uids), { uid: true, source: true }, { uid: true })) {
      if (msg.source) messages.push({ uid: msg.uid, content: msg.source });
    }
  } catch (err) {
    throw classifyImapError(err);
  }
  return messages;
}

async function storeBatch(
  mailbox: Mailbox,
  uidValidity: number,
  uids: number[],
  messages: FetchedMessage[],
  deps: FetchMailboxDeps,
  result: FetchMailboxResult,
): Promise<void> {
  await storeFetchedBatch(
    deps,
    mailbox.tenantId,
    messages.map((m) => ({
      tenantId: mailbox.tenantId,
      mailboxId: mailbox.id,
      folder: mailbox.sourceFolder,
      uidValidity,
      uid: m.uid,
      content: m.content,
    })),
    result,
  );
  // Only now, with the messages stored and their job enqueued, does the position move past them.
  const lastUid = uids[uids.length - 1]!;
  await setFolderState(deps.db, mailbox.id, mailbox.sourceFolder, { uidValidity, lastUid });
  result.lastUid = lastUid;
  result.batches += 1;
}

async function countFailure(
  mailbox: Mailbox,
  err: MailboxConnectionError,
  deps: FetchMailboxDeps,
  log: Logger,
): Promise<void> {
  deps.metrics?.mailboxErrors.inc({ kind: err.kind, source: 'fetch' });
  try {
    await forgetRefusedAccessToken(deps.db, mailbox, err);
    const outcome = await recordMailboxFailure(deps.db, mailbox.id, { kind: err.kind, message: err.message });
    log.warn(
      { kind: err.kind, error: err.message, consecutiveFailures: outcome?.consecutiveFailures },
      'mailbox connection failed',
    );
    if (outcome?.disabledNow) {
      deps.metrics?.mailboxesDisabled.inc();
      log.error(
        { consecutiveFailures: outcome.consecutiveFailures, kind: err.kind },
        'mailbox disabled after repeated connection failures',
      );
    }
  } catch (dbErr) {
    // The database being down is not the mailbox's fault; the job's retry will count again.
    log.error({ err: dbErr }, 'could not record the mailbox failure');
  }
}

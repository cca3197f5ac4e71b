import {
  archiveEntryOf,
  archiveRawMessages,
  type Database,
  loadRawContents,
  loadRawHeads,
  type ManualMark,
  markRawApplied,
  PARSABLE_RAW_STATUSES,
  type RawArchiveEntry,
  recordParseOutcome,
  type SenderEvidenceMark,
} from '@bounce/db';
import type { ParseOptions } from '@bounce/parser';
import { type ApplyBouncesJob, enqueue, type JobContext, type JobPayload, stableJobId } from '@bounce/queue';
import { SENDER_EVIDENCE_HEADERS, senderEvidenceSourceOf } from '@bounce/sender-health/evidence-source';
import type { Queue } from 'bullmq';
import { chunkByBytes } from './chunk-by-bytes.js';
import type { ParseMetrics } from './parse-metrics.js';
import { parseSafely, routeParseResult } from './parse-routing.js';
import type { ParseManyFn } from './parser-threads.js';

/** Mail bytes held at once per job (capped contents of one chunk of rows). Default 16 MiB. */
export const DEFAULT_CHUNK_BYTES = 16 * 1024 * 1024;

export type ParseHandlerDeps = {
  db: Database;
  applyQueue: Queue<JobPayload<'applyBounces'>>;
  parseOptions: ParseOptions & { maxBytes: number };
  metrics?: ParseMetrics;
  chunkBytes?: number;
  /** Secrets verifying VERP return paths (a reply delivered to one is filed at the send's contact). Default none. */
  verpSecrets?: readonly string[];
  /**
   * How the messages of a chunk are parsed. Default: in this thread, without a budget. The process passes its
   * ParserThreads, which enforce the per-message budget (PARSE_BUDGET_MS).
   */
  parseMany?: ParseManyFn;
};

export type ParseJobResult = {
  parsed: number;
  manual: number;
  /** Mail that is not a bounce, filed at the contacts of its sender (final: applied). */
  archived: number;
  skipped: number;
  missing: number;
  applyJobId: string | null;
};

/**
 * parse-messages: load the batch's raw messages, parse each (a failure costs that message only: it goes to manual),
 * record the outcome, then enqueue ONE apply-bounces job with the verdicts. Order of effects matters for crashes:
 * the status update commits before the enqueue, and the apply job's id is derived from this job's id and the raw
 * ids, so a retry of this job re-enqueues the same id (a no-op in BullMQ) and a crash between the two steps leaves
 * rows in `parsed`, which the reconciler re-enqueues. Duplicate application is prevented by the store's
 * idempotency keys in any case.
 */
export function createParseMessagesHandler(deps: ParseHandlerDeps) {
  const chunkBytes = deps.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const maxBytes = deps.parseOptions.maxBytes;
  // With the returned original's Received and DKIM-Signature headers: a sender-side verdict keeps them for the
  // sender diagnosis (recordParseOutcome), which then needs neither the raw message nor a second parse.
  const parseOptions: ParseOptions = {
    ...deps.parseOptions,
    originalHeaders: [...new Set([...(deps.parseOptions.originalHeaders ?? []), ...SENDER_EVIDENCE_HEADERS])],
  };
  const parseMany: ParseManyFn =
    deps.parseMany ?? (async (raws, options) => raws.map((raw) => parseSafely(raw, options)));
  return async (payload: JobPayload<'parseMessages'>, { job, signal, log }: JobContext): Promise<ParseJobResult> => {
    const { tenantId, rawMessageIds } = payload;
    const heads = await loadRawHeads(deps.db, tenantId, rawMessageIds);
    const byId = new Map(heads.map((h) => [h.id, h]));
    // Job order, once per id: the apply batch follows the order the fetch worker stored the mail in.
    const ordered = [...new Set(rawMessageIds)].flatMap((id) => byId.get(id) ?? []);
    const missing = new Set(rawMessageIds).size - ordered.length;
    if (missing > 0) log.warn({ tenantId, missing }, 'raw messages not found for tenant');
    const pending = ordered.filter((h) => (PARSABLE_RAW_STATUSES as readonly string[]).includes(h.status));

    const items: ApplyBouncesJob['items'] = [];
    const manual: ManualMark[] = [];
    const senderEvidence: SenderEvidenceMark[] = [];
    const replies: RawArchiveEntry[] = [];
    for (const chunk of chunkByBytes(pending, maxBytes, chunkBytes)) {
      // On shutdown (after the drain timeout), hand the job back: nothing is written before the end, so there is
      // nothing to undo.
      signal.throwIfAborted();
      const contents = await loadRawContents(
        deps.db,
        chunk.map((h) => h.id),
        maxBytes,
      );
      const present = chunk.filter((head) => contents.has(head.id)); // the others were deleted between the two reads
      const results = await parseMany(
        present.map((head) => contents.get(head.id)!),
        parseOptions,
      );
      contents.clear();
      signal.throwIfAborted();
      for (const [i, head] of present.entries()) {
        const result = results[i]!;
        const route = routeParseResult(result);
        deps.metrics?.messages.inc({ kind: result.kind, route: route.route });
        if (route.route === 'manual') {
          // Mail someone wrote (not a bounce) is filed below at the contacts it matches (sender, VERP token, the send
          // it answers); matching none, a person sees it.
          const reply = result.kind === 'not-bounce' ? archiveEntryOf(head.id, result) : null;
          if (reply) replies.push(reply);
          else manual.push({ id: head.id, error: route.reason });
          continue;
        }
        for (const r of result.recipients) deps.metrics?.recipients.inc({ class: r.class, reason: r.reason });
        const source = senderEvidenceSourceOf(result);
        if (source) senderEvidence.push({ id: head.id, source });
        items.push({
          rawMessageId: head.id,
          sha256: head.sha256,
          result,
        });
      }
    }

    // Filed before the outcome is recorded: a crash in between re-files on the retry, which changes nothing.
    const archived: string[] = [];
    const outcomes = await archiveRawMessages(deps.db, tenantId, replies, { verpSecrets: deps.verpSecrets ?? [] });
    replies.forEach((reply, i) => {
      if (outcomes[i]?.outcome === 'archived') archived.push(reply.rawMessageId);
      else manual.push({ id: reply.rawMessageId, error: 'not a bounce' });
    });
    await recordParseOutcome(
      deps.db,
      items.map((i) => i.rawMessageId),
      manual,
      senderEvidence,
    );
    await markRawApplied(deps.db, tenantId, archived);
    let applyJobId: string | null = null;
    if (items.length > 0) {
      applyJobId = stableJobId('apply', [String(job.id), ...items.map((i) => i.rawMessageId).sort()]);
      await enqueue(deps.applyQueue, 'applyBounces', { tenantId, items }, { jobId: applyJobId });
    }
    const summary = {
      parsed: items.length,
      manual: manual.length,
      archived: archived.length,
      skipped: ordered.length - pending.length,
      missing,
      applyJobId,
    };
    log.debug({ tenantId, ...summary }, 'batch parsed');
    return summary;
  };
}

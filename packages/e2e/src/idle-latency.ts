/**
 * Latency with IMAP IDLE: from a DSN landing in the bounce mailbox (the Maildir file Postfix wrote) to its bounce
 * being committed by the rules worker (the row visible in PostgreSQL). One DSN at a time, so each sample is the
 * pipeline's reaction to one new message, not a queue draining.
 */
import { bounces, rawMessages } from '@bounce/db';
import { pollUntil } from '@bounce/test-servers';
import { and, eq } from 'drizzle-orm';
import { MaildirArrivals } from './maildir-arrivals.js';
import type { Pipeline, SentBounceProbe } from './pipeline.js';

export type LatencySample = {
  probe: SentBounceProbe;
  /** Maildir file written by Postfix (epoch ms). */
  deliveredAt: number;
  /** The fetch worker's insert of the raw message (PostgreSQL now() of that transaction). */
  storedAt: number | null;
  /** Start of the rules worker's apply transaction (raw_messages.processed_at). */
  applyStartedAt: number | null;
  /** When this process first saw the committed bounce (polled every 5 ms). */
  appliedSeenAt: number;
  latencyMs: number;
};

/**
 * Sends `count` messages to distinct unknown local users (each gets a real "5.1.1 unknown user" DSN) one after the
 * other and returns one sample per DSN. The pipeline's workers must be running with an IDLE mailbox.
 */
export async function measureIdleLatency(
  pipeline: Pipeline,
  count: number,
  options: { recipient?: (i: number) => string; timeoutMs?: number } = {},
): Promise<LatencySample[]> {
  const arrivals = new MaildirArrivals(pipeline.servers);
  await arrivals.mark();
  const tag = Date.now().toString(36);
  const samples: LatencySample[] = [];
  for (let i = 0; i < count; i++) {
    const recipient = options.recipient?.(i) ?? `ghost-${tag}-${i}@${pipeline.servers.domain}`;
    const probe = await pipeline.sendTracked(recipient, { subject: `latency probe ${i}` });
    const arrival = await arrivals.next(options.timeoutMs);
    const applied = await waitForApplied(pipeline, probe, arrival.deliveredAt, options.timeoutMs);
    samples.push({ probe, ...applied, ...(await stageTimes(pipeline, probe)) });
  }
  return samples;
}

/** Where the time went: the raw message's insert and apply times, for the probe's bounce. */
async function stageTimes(
  pipeline: Pipeline,
  probe: Pick<SentBounceProbe, 'sendId'>,
): Promise<{ storedAt: number | null; applyStartedAt: number | null }> {
  const [row] = await pipeline.db.db
    .select({ storedAt: rawMessages.receivedAt, applyStartedAt: rawMessages.processedAt })
    .from(bounces)
    .innerJoin(rawMessages, eq(rawMessages.id, bounces.rawMessageId))
    .where(eq(bounces.sendId, probe.sendId))
    .limit(1);
  return { storedAt: row?.storedAt?.getTime() ?? null, applyStartedAt: row?.applyStartedAt?.getTime() ?? null };
}

/** Polls (every 5 ms) until the bounce of `probe`'s send is committed. */
export async function waitForApplied(
  pipeline: Pipeline,
  probe: Pick<SentBounceProbe, 'sendId'>,
  deliveredAt: number,
  timeoutMs = 30_000,
): Promise<{ deliveredAt: number; appliedSeenAt: number; latencyMs: number }> {
  await pollUntil(
    async () =>
      (
        await pipeline.db.db
          .select({ id: bounces.id })
          .from(bounces)
          .where(and(eq(bounces.tenantId, pipeline.tenantId), eq(bounces.sendId, probe.sendId)))
          .limit(1)
      ).length > 0,
    { timeoutMs, intervalMs: 5, what: `the bounce of send ${probe.sendId}`, describe: () => pipeline.diagnostics() },
  );
  const appliedSeenAt = Date.now();
  return { deliveredAt, appliedSeenAt, latencyMs: appliedSeenAt - deliveredAt };
}

/**
 * One operator digest mail: claim the waiting events, render them (high priority first), send, release the claim.
 * A failed send throws and BullMQ retries the same job, which re-sends the same claimed events.
 */
import type { Logger } from '@bounce/config';
import { type Database, getEventsByIds } from '@bounce/db';
import type { Mailer } from '@bounce/mailer';
import type { OperatorEmailJob } from '@bounce/queue';
import { UnrecoverableError } from 'bullmq';
import type { DigestBuffer } from './digest-buffer.js';
import { renderDigest } from './digest-format.js';
import type { NotifyMetrics } from './metrics.js';

export type DigestDeps = {
  db: Database;
  digest: DigestBuffer;
  mailer: Mailer | null;
  metrics?: NotifyMetrics;
  log: Logger;
};

export type DigestOutcome = { sent: boolean; events: number; messageId?: string };

export async function sendOperatorDigest(
  deps: DigestDeps,
  job: OperatorEmailJob,
  jobId: string,
): Promise<DigestOutcome> {
  if (!deps.mailer) throw new UnrecoverableError('operator e-mail is not configured (SMTP_URL or SMTP_HOST)');
  const eventIds = await deps.digest.claim(job.tenantId, job.email, jobId);
  if (eventIds.length === 0) {
    // An earlier (immediate) job already took this window's events.
    await deps.digest.complete(job.tenantId, job.email, jobId, 0);
    return { sent: false, events: 0 };
  }
  const events = await getEventsByIds(deps.db, job.tenantId, eventIds);
  if (events.length === 0) {
    await deps.digest.complete(job.tenantId, job.email, jobId, eventIds.length);
    return { sent: false, events: 0 };
  }
  const mail = renderDigest(job.tenantId, events);
  try {
    const sent = await deps.mailer.send({
      to: job.email,
      subject: mail.subject,
      text: mail.text,
      headers: { 'Auto-Submitted': 'auto-generated' }, // RFC 3834: no auto-replies to notifications
    });
    deps.metrics?.digests.inc({ outcome: 'sent' });
    deps.metrics?.digestSize.observe(events.length);
    deps.log.info({ tenantId: job.tenantId, events: events.length, messageId: sent.messageId }, 'operator digest sent');
    await deps.digest.complete(job.tenantId, job.email, jobId, eventIds.length);
    return { sent: true, events: events.length, messageId: sent.messageId };
  } catch (err) {
    deps.metrics?.digests.inc({ outcome: 'failed' });
    throw err;
  }
}

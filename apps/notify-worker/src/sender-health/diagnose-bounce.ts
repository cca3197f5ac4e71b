/**
 * Diagnosing one sender-side bounce: what it tells (evidence from the stored verdict and raw bounce), what DNS says
 * (the checks the evidence calls for, asked through the configured resolver), and the grouped alert it joins (one
 * per provider and cause; @bounce/db records it and its event in one transaction, each bounce once).
 */
import type { Logger } from '@bounce/config';
import { type Database, loadBounceForDiagnosis, recordSenderDiagnosis, type SenderDiagnosisOutcome } from '@bounce/db';
import {
  type Diagnosis,
  diagnoseSenderRejection,
  diagnosisFingerprint,
  dnsClientFor,
  evidenceFromStoredBounce,
  type SenderHealthConfig,
} from '@bounce/sender-health';
import { mapInParallel } from '../map-in-parallel.js';

export type SenderHealthDeps = {
  db: Database;
  config: SenderHealthConfig;
  /** Spacing of rechecks of an open alert (also the period of the recheck tick). */
  recheckIntervalMs: number;
  /** An alert whose cause DNS cannot show closes after this long without a new bounce. */
  quietPeriodMs: number;
  /** Spacing of the checks of a watched sending setup (also the period of the setup tick). Default 1 h. */
  setupCheckIntervalMs?: number;
  log: Logger;
  now?: () => Date;
};

export type DiagnoseBounceResult = SenderDiagnosisOutcome['outcome'] | 'not-found' | 'no-recipient';

/** The diagnosis as stored with the alert: JSON through and through. */
export function storedDiagnosis(d: Diagnosis): Record<string, unknown> {
  return JSON.parse(JSON.stringify(d)) as Record<string, unknown>;
}

export async function diagnoseBounce(
  deps: SenderHealthDeps,
  job: { tenantId: string; bounceId: string },
): Promise<DiagnoseBounceResult> {
  const now = deps.now ?? (() => new Date());
  const bounce = await loadBounceForDiagnosis(deps.db, job.tenantId, job.bounceId);
  // Deleted with its tenant, or never committed: nothing to diagnose.
  if (!bounce) return 'not-found';
  const evidence = evidenceFromStoredBounce(bounce);
  if (!evidence) return 'no-recipient';
  const diagnosis = await diagnoseSenderRejection(dnsClientFor(deps.config), evidence, {
    dnsbls: deps.config.dnsbls,
    queryNamedLists: deps.config.queryNamedLists,
    now,
  });
  const checkedAt = new Date(diagnosis.checkedAt);
  const result = await recordSenderDiagnosis(deps.db, job.tenantId, {
    bounceId: bounce.id,
    groupKey: diagnosis.groupKey,
    providerId: diagnosis.provider.id,
    providerName: diagnosis.provider.name,
    cause: diagnosis.cause,
    subject: diagnosis.subject,
    occurredAt: bounce.occurredAt,
    diagnosis: storedDiagnosis(diagnosis),
    fingerprint: diagnosisFingerprint(diagnosis),
    nextCheckAt: new Date(checkedAt.getTime() + deps.recheckIntervalMs),
    checkedAt,
  });
  deps.log.debug(
    { tenantId: job.tenantId, bounceId: job.bounceId, groupKey: diagnosis.groupKey, outcome: result.outcome },
    'sender-side bounce diagnosed',
  );
  return result.outcome;
}

/**
 * The bounces of one diagnose-bounces job (a fan-out batch), `parallel` at a time: the DNS answers are waited for
 * together, as separate jobs were. One failure (DNS or PostgreSQL down) fails the job after the others are done, so
 * BullMQ retries it with its backoff; the bounces already diagnosed are then recorded as duplicates (once per bounce).
 */
export async function diagnoseBounces(
  deps: SenderHealthDeps,
  job: { tenantId: string; bounceIds: readonly string[] },
  parallel: number,
): Promise<Partial<Record<DiagnoseBounceResult, number>>> {
  const outcomes: Partial<Record<DiagnoseBounceResult, number>> = {};
  const failures: unknown[] = [];
  await mapInParallel(job.bounceIds, parallel, async (bounceId) => {
    try {
      const outcome = await diagnoseBounce(deps, { tenantId: job.tenantId, bounceId });
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    } catch (err) {
      failures.push(err);
    }
  });
  if (failures.length > 0) {
    deps.log.warn(
      { tenantId: job.tenantId, failed: failures.length, bounces: job.bounceIds.length, err: failures[0] },
      'sender diagnoses failed, the job is retried',
    );
    // The first error as it is: the worker tells an outage (PostgreSQL down) from a failure by its type.
    throw failures[0];
  }
  return outcomes;
}

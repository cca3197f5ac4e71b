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

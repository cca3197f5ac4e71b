/**
 * The scheduled recheck of open sender alerts: each due alert's stored check plan is run again; the alert closes
 * (sender_alert.closed) when its cause is gone, or, for a cause DNS cannot show (reputation, content, rate, ...),
 * when no bounce joined it for the quiet period. Alerts are claimed with SKIP LOCKED and their next check moved in
 * the same statement, so several workers share the work and a crash only delays an alert by one interval.
 */
import { claimDueSenderHealthAlerts, closeSenderHealthAlert, recordSenderAlertRecheck } from '@bounce/db';
import {
  type Cause,
  type CheckPlan,
  type Diagnosis,
  diagnose,
  dnsClientFor,
  recheckCause,
  type SenderEvidence,
} from '@bounce/sender-health';
import { type SenderHealthDeps, storedDiagnosis } from './diagnose-bounce.js';

/** Alerts rechecked per tick; the rest wait for the next one (each costs a few dozen DNS queries). */
const RECHECK_BATCH = 200;

export type RecheckSummary = { checked: number; closed: number; stillFailing: number; errors: number };

type StoredParts = { cause: Cause; plan: CheckPlan; evidence: SenderEvidence };

function storedParts(diagnosis: Record<string, unknown>, cause: string): StoredParts | null {
  const plan = diagnosis.plan as CheckPlan | undefined;
  const evidence = diagnosis.evidence as SenderEvidence | undefined;
  if (!plan || !evidence) return null;
  return { cause: cause as Cause, plan, evidence };
}

export async function recheckDueAlerts(deps: SenderHealthDeps): Promise<RecheckSummary> {
  const now = (deps.now ?? (() => new Date()))();
  const summary: RecheckSummary = { checked: 0, closed: 0, stillFailing: 0, errors: 0 };
  const due = await claimDueSenderHealthAlerts(deps.db, {
    now,
    nextCheckAt: new Date(now.getTime() + deps.recheckIntervalMs),
    limit: RECHECK_BATCH,
  });
  for (const alert of due) {
    summary.checked++;
    const parts = storedParts(alert.diagnosis, alert.cause);
    try {
      if (!parts) throw new Error('stored diagnosis has no check plan');
      const { resolved, run } = await recheckCause(dnsClientFor(deps.config), parts, () => now);
      const fresh: Diagnosis = diagnose(parts.evidence, parts.plan, run);
      // The alert keeps its cause; the fresh explanation says what the checks show now.
      const diagnosis = { ...storedDiagnosis(fresh), cause: parts.cause, groupKey: alert.groupKey, resolved };
      const quiet = resolved === null && now.getTime() - alert.lastSeenAt.getTime() >= deps.quietPeriodMs;
      if (resolved === true || quiet) {
        const closed = await closeSenderHealthAlert(deps.db, alert.tenantId, alert.id, {
          reason: resolved === true ? 'check-passed' : 'quiet',
          diagnosis,
          at: now,
        });
        if (closed) summary.closed++;
      } else {
        await recordSenderAlertRecheck(deps.db, alert.tenantId, alert.id, { diagnosis, checkedAt: now });
        summary.stillFailing++;
      }
    } catch (err) {
      // One alert's failure (DNS down, a malformed stored plan) must not hold up the others; it is retried next tick.
      summary.errors++;
      deps.log.warn({ err, alertId: alert.id, tenantId: alert.tenantId }, 'sender alert recheck failed');
    }
  }
  if (summary.checked > 0) deps.log.info(summary, 'sender alerts rechecked');
  return summary;
}

/**
 * The scheduled check of watched sending setups (issue 19): each due setup (any tenant) is checked again as
 * `POST /v1/sender-checks` would, the report is compared with the stored one, and `sender_setup.changed` is written
 * with the new report when a check changed its result (@bounce/db, one transaction). Setups are claimed with SKIP
 * LOCKED and their next check moved in the same statement, so several workers share the work and a crash delays a
 * setup by one interval at most.
 *
 * When a check turned to pass, the open alerts about the setup's IPs or domain are rechecked at once instead of at
 * their own slot: the cause a bounce showed may be gone, and the alert then closes by itself (sender_alert.closed).
 */
import {
  claimDueSenderSetupChecks,
  expediteSenderAlertRechecks,
  recordSenderSetupReport,
  type SenderSetupCheck,
} from '@bounce/db';
import {
  checkSendingSetup,
  compareSetupReports,
  dnsClientFor,
  type SetupChange,
  type SetupReport,
  senderCheckRequestSchema,
} from '@bounce/sender-health';
import type { SenderHealthDeps } from './diagnose-bounce.js';
import { type RecheckSummary, recheckDueAlerts } from './recheck-alerts.js';

/** Setups checked per tick; the rest wait for the next one (each costs a few dozen DNS queries). */
const SETUP_BATCH = 100;

/** Spacing of a watched setup's checks when none is configured: hourly. */
export const DEFAULT_SETUP_CHECK_INTERVAL_MS = 3_600_000;

export type SetupCheckSummary = {
  checked: number;
  changed: number;
  errors: number;
  /** Open alerts made due because a check of their subject now passes. */
  alertsExpedited: number;
  recheck: RecheckSummary | null;
};

/** JSON through and through, as stored. */
const stored = (report: SetupReport): Record<string, unknown> =>
  JSON.parse(JSON.stringify(report)) as Record<string, unknown>;

const turnedPassing = (changes: readonly SetupChange[]) =>
  changes.some((c) => c.to === 'pass' && (c.from === 'fail' || c.from === 'warn'));

async function checkOne(deps: SenderHealthDeps, setup: SenderSetupCheck, now: Date) {
  const request = senderCheckRequestSchema.safeParse(setup.request);
  // Stored by the API through the same schema; a row that no longer parses (a schema change) is reported, not retried.
  if (!request.success) throw new Error(`stored request of ${setup.domain} is no longer valid`);
  const report = await checkSendingSetup(dnsClientFor(deps.config), request.data, {
    dnsbls: deps.config.dnsbls,
    now: () => now,
  });
  const previous = (setup.report as SetupReport | null) ?? null;
  const changes = compareSetupReports(previous, report);
  const result = await recordSenderSetupReport(deps.db, setup.tenantId, setup.id, {
    report: stored(report),
    status: report.status,
    changes,
    checkedAt: now,
  });
  const expedited =
    result.stored && turnedPassing(changes)
      ? await expediteSenderAlertRechecks(deps.db, setup.tenantId, [report.domain, ...report.ips], now)
      : 0;
  return { announced: result.announced, expedited };
}

export async function checkDueSetups(deps: SenderHealthDeps): Promise<SetupCheckSummary> {
  const now = (deps.now ?? (() => new Date()))();
  const interval = deps.setupCheckIntervalMs ?? DEFAULT_SETUP_CHECK_INTERVAL_MS;
  const summary: SetupCheckSummary = { checked: 0, changed: 0, errors: 0, alertsExpedited: 0, recheck: null };
  const due = await claimDueSenderSetupChecks(deps.db, {
    now,
    nextCheckAt: new Date(now.getTime() + interval),
    limit: SETUP_BATCH,
  });
  for (const setup of due) {
    summary.checked++;
    try {
      const { announced, expedited } = await checkOne(deps, setup, now);
      if (announced) summary.changed++;
      summary.alertsExpedited += expedited;
    } catch (err) {
      // One setup's failure must not hold up the others; it is checked again at its next slot.
      summary.errors++;
      deps.log.warn({ err, setupCheckId: setup.id, tenantId: setup.tenantId }, 'sender setup check failed');
    }
  }
  if (summary.alertsExpedited > 0) summary.recheck = await recheckDueAlerts(deps);
  if (summary.checked > 0) deps.log.info(summary, 'sender setups checked');
  return summary;
}

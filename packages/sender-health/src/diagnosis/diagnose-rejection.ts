/** Evidence in, diagnosis out: plan the checks, run them against DNS, explain. */
import type { DnsClient } from '../dns/dns-client.js';
import type { SenderEvidence } from '../types.js';
import { type Diagnosis, diagnose, isCauseResolved } from './diagnose.js';
import { type CheckPlan, type PlanOptions, planChecks } from './plan.js';
import { runChecks } from './run-checks.js';

export type DiagnoseOptions = PlanOptions & { now?: () => Date };

export async function diagnoseSenderRejection(
  dns: DnsClient,
  evidence: SenderEvidence,
  options: DiagnoseOptions = {},
): Promise<Diagnosis> {
  const plan = planChecks(evidence, options);
  const run = await runChecks(dns, plan, options.now);
  return diagnose(evidence, plan, run);
}

/** Runs a stored diagnosis's plan again: whether its cause is gone now (true), still there (false), or not checkable. */
export async function recheckCause(
  dns: DnsClient,
  stored: { cause: Diagnosis['cause']; plan: CheckPlan },
  now?: () => Date,
): Promise<{ resolved: boolean | null; run: Awaited<ReturnType<typeof runChecks>> }> {
  const run = await runChecks(dns, stored.plan, now);
  return { resolved: isCauseResolved(stored.cause, run), run };
}

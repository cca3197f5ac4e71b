import type { CheckStatus, Finding } from '../types.js';

/**
 * A check's status from its findings: fail if any finding fails; else error when the check could not read all it
 * needed; else warn if any finding warns; else pass.
 */
export function statusFromFindings(findings: readonly Finding[], couldNotRead = false): CheckStatus {
  if (findings.some((f) => f.severity === 'fail')) return 'fail';
  if (couldNotRead) return 'error';
  return findings.some((f) => f.severity === 'warn') ? 'warn' : 'pass';
}

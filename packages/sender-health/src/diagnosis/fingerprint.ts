/**
 * What a diagnosis says in short: its cause, subject, whether a check confirmed it, and the failing findings. Two
 * diagnoses of the same alert with the same fingerprint tell the operator nothing new (no update is announced).
 */
import type { Diagnosis } from './diagnose.js';

export function diagnosisFingerprint(d: Pick<Diagnosis, 'cause' | 'subject' | 'confirmed' | 'checks'>): string {
  const failing = new Set<string>();
  for (const check of d.checks) {
    for (const f of check.findings) if (f.severity === 'fail') failing.add(f.code);
  }
  return [d.cause, d.subject ?? '', d.confirmed ? 'confirmed' : 'unconfirmed', ...[...failing].sort()].join('|');
}

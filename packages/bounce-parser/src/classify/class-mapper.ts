import type { BounceClass, Reason } from '../types.js';

/**
 * Class rules of shared/eval/README.md: hard for permanent recipient failures (userunknown, hostunknown,
 * hasmoved, and notaccept when the reply is permanent), soft for every other failure, unknown when the cause is
 * undetermined.
 */
export function classOf(reason: Reason, status: string | null, replyCode: number | null): BounceClass {
  switch (reason) {
    case 'delivered':
      return 'delivered';
    case 'feedback':
      return 'complaint';
    case 'vacation':
      return 'auto-reply';
    case 'undefined':
    case 'onhold':
      return 'unknown';
    case 'userunknown':
    case 'hostunknown':
    case 'hasmoved':
      return 'hard';
    case 'notaccept':
      return isPermanent(status, replyCode) ? 'hard' : 'soft';
    default:
      return 'soft';
  }
}

function isPermanent(status: string | null, replyCode: number | null): boolean {
  if (replyCode !== null) return replyCode >= 500;
  return status?.startsWith('5') ?? false;
}

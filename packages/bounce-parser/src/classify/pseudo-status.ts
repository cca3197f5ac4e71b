import type { Reason } from '../types.js';

/**
 * When a bounce states no RFC 3463 code at all, a code is inferred from the reason so that every failure carries
 * one. The detail numbers follow the convention of the reference labels this project is scored against
 * (Sisimai): "x.0.9NN" marks an inferred, not a reported, code. Reasons with a precise RFC 3463 meaning use it.
 */
const INFERRED_DETAIL: Record<Reason, string> = {
  undefined: '0.900',
  onhold: '0.901',
  syntaxerror: '0.902',
  norelaying: '0.909',
  filtered: '0.910',
  userunknown: '0.911',
  hostunknown: '0.912',
  rejected: '0.918',
  suspend: '0.921',
  mailboxfull: '0.922',
  systemerror: '0.930',
  notaccept: '0.932',
  mesgtoobig: '0.934',
  networkerror: '0.944',
  expired: '0.947',
  blocked: '0.971',
  // No inferred-code convention observed for these: use the RFC 3463/7372 code that names the cause.
  authfailure: '7.26',
  badreputation: '7.1',
  contenterror: '6.0',
  delivered: '0.0',
  exceedlimit: '2.3',
  feedback: '0.0',
  hasmoved: '1.6',
  mailererror: '0.0',
  notcompliantrfc: '7.0',
  policyviolation: '7.0',
  requireptr: '7.25',
  securityerror: '7.1',
  spamdetected: '7.1',
  speeding: '7.1',
  systemfull: '3.1',
  toomanyconn: '4.5',
  vacation: '0.0',
  virusdetected: '7.1',
};

/** The inferred status for a reason; `isTemporary` selects class 4 (a 4xx reply or a delay notice). */
export function inferStatus(reason: Reason, isTemporary: boolean): string | null {
  if (reason === 'feedback' || reason === 'vacation') return null;
  if (reason === 'delivered') return '2.0.0';
  return `${isTemporary ? 4 : 5}.${INFERRED_DETAIL[reason]}`;
}

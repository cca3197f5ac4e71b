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
  contenterror: '0.960',
  exceedlimit: '0.923',
  hasmoved: '0.916',
  mailererror: '0.939',
  policyviolation: '0.972',
  securityerror: '0.970',
  spamdetected: '0.980',
  systemfull: '0.931',
  toomanyconn: '0.945',
  virusdetected: '0.971',
  // Reasons newer than the convention's inferred-code list have no inferred code of their own: like a failure
  // nobody explained they take x.0.900 (test/corpora/README.md "How labelled"; the reference parser leaves them
  // without one), not an RFC 3463 code the bounce never stated (5.7.26 would claim a DMARC verdict).
  authfailure: '0.900',
  badreputation: '0.900',
  delivered: '0.0',
  feedback: '0.0',
  notcompliantrfc: '0.900',
  requireptr: '0.900',
  speeding: '0.900',
  vacation: '0.0',
};

/**
 * Reasons the convention's table of temporary codes leaves out (an address that does not exist, a host that does not
 * exist, a suspended or moved mailbox, no relaying, a size limit, a mailer error): their inferred code is the
 * permanent one even under a 4xx reply without an enhanced code ("450 user unknown"), as the field's table falls
 * back to it. A stated 4.x.x code is kept as stated, and a delay notice keeps class 4.
 */
const PERMANENT_ONLY = new Set<Reason>([
  'userunknown',
  'hostunknown',
  'suspend',
  'hasmoved',
  'norelaying',
  'mesgtoobig',
  'exceedlimit',
  'mailererror',
]);

/** The inferred status for a reason; `isTemporary` selects class 4 (a 4xx reply or a delay notice). */
export function inferStatus(reason: Reason, isTemporary: boolean, isDelay = false): string | null {
  if (reason === 'feedback' || reason === 'vacation') return null;
  if (reason === 'delivered') return '2.0.0';
  // The convention's temporary code for a filter is a detail of its own (x.0.924: refused for now, e.g. a 4xx "user
  // unknown" after DATA), not the permanent filter's x.0.910.
  if (isTemporary && reason === 'filtered') return '4.0.924';
  // A delay notice keeps class 4 whatever the reason: the message is still queued, nothing has failed for good.
  return `${isTemporary && (isDelay || !PERMANENT_ONLY.has(reason)) ? 4 : 5}.${INFERRED_DETAIL[reason]}`;
}

import type { Reason } from '../types.js';

/**
 * RFC 3463 enhanced status code -> reason, from the meaning of each subject/detail pair (RFC 3463 section 3,
 * RFC 7372 for the authentication codes, RFC 7505 for null MX). Codes whose meaning does not pin down a
 * cause (x.0.0, x.1.0, x.5.0, x.7.0, ...) are absent: the diagnostic wording decides those.
 */
const BY_SUBJECT_DETAIL: Record<string, Reason> = {
  // x.1.* addressing
  '1.0': 'userunknown', // other address status: the destination address (x.1.7/x.1.8 name the sender's)
  '1.1': 'userunknown', // bad destination mailbox address
  '1.2': 'hostunknown', // bad destination system address
  '1.3': 'userunknown', // bad destination mailbox address syntax
  '1.4': 'userunknown', // destination mailbox address ambiguous
  '1.6': 'hasmoved', // destination mailbox has moved, no forwarding address
  '1.7': 'rejected', // bad sender's mailbox address syntax
  '1.8': 'rejected', // bad sender's system address
  '1.10': 'notaccept', // recipient address has null MX (RFC 7505)
  // x.2.* mailbox
  '2.0': 'filtered', // other mailbox status: the mailbox exists but refused the message
  '2.1': 'suspend', // mailbox disabled, not accepting messages
  '2.2': 'mailboxfull', // mailbox full
  '2.3': 'exceedlimit', // message length exceeds administrative limit
  '2.4': 'systemerror', // mailing list expansion problem
  // x.3.* mail system
  '3.1': 'systemfull', // mail system full
  '3.2': 'notaccept', // system not accepting network messages
  '3.3': 'systemerror', // system not capable of selected features
  '3.4': 'mesgtoobig', // message too big for system
  '3.5': 'systemerror', // system incorrectly configured
  // x.4.* network and routing
  '4.1': 'networkerror', // no answer from host
  '4.2': 'networkerror', // bad connection
  '4.3': 'systemerror', // directory server failure
  '4.4': 'hostunknown', // unable to route
  '4.5': 'systemerror', // mail system congestion
  '4.6': 'networkerror', // routing loop detected
  '4.7': 'expired', // delivery time expired
  // x.5.* protocol
  '5.2': 'syntaxerror', // syntax error
  '5.3': 'toomanyconn', // too many recipients
  '5.4': 'syntaxerror', // invalid command arguments
  '5.5': 'systemerror', // wrong protocol version
  // x.6.* content
  '6.0': 'contenterror',
  '6.1': 'contenterror', // media not supported
  '6.2': 'contenterror', // conversion required and prohibited
  '6.3': 'contenterror',
  '6.4': 'contenterror',
  '6.5': 'contenterror',
  '6.6': 'contenterror',
  // x.7.* security and policy
  '7.1': 'securityerror', // delivery not authorized, message refused
  '7.2': 'securityerror', // mailing list expansion prohibited
  '7.3': 'securityerror', // security conversion required
  '7.4': 'securityerror', // security features not supported
  '7.5': 'securityerror', // cryptographic failure
  '7.6': 'securityerror', // cryptographic algorithm not supported
  '7.7': 'securityerror', // message integrity failure
  '7.8': 'securityerror', // authentication credentials invalid
  '7.9': 'securityerror', // authentication mechanism too weak
  '7.10': 'securityerror', // encryption needed
  '7.11': 'securityerror', // encryption required for requested authentication mechanism
  '7.13': 'suspend', // user account disabled
  '7.14': 'securityerror', // trust relationship required
  '7.15': 'securityerror', // priority level is too low
  '7.16': 'mesgtoobig', // message too big for specified priority
  '7.17': 'hasmoved', // mailbox owner has changed
  '7.18': 'hasmoved', // domain owner has changed
  '7.19': 'hasmoved', // RRVS test cannot be completed
  '7.20': 'authfailure', // no passing DKIM signature found (RFC 7372)
  '7.21': 'authfailure', // no acceptable DKIM signature found
  '7.22': 'authfailure', // no valid author-matched DKIM signature found
  '7.23': 'authfailure', // SPF validation failed
  '7.24': 'authfailure', // SPF validation error
  '7.25': 'requireptr', // reverse DNS validation failed
  '7.26': 'authfailure', // multiple authentication checks failed
  '7.27': 'notaccept', // sender address has null MX
  '7.28': 'spamdetected', // mail flood detected (RFC 8904 era registry)
  '7.29': 'authfailure', // ARC validation failure
  '7.30': 'authfailure', // REQUIRETLS support required
  // Microsoft's registered extensions (Exchange Online)
  '7.509': 'authfailure', // DMARC reject
  '7.510': 'authfailure',
  '7.511': 'blocked', // sender IP on the banned list
  '7.512': 'securityerror',
  '7.650': 'badreputation', // rate limited due to IP reputation
  '7.708': 'badreputation',
  '4.316': 'expired', // message expired (connection refused / timed out)
  '1.351': 'userunknown', // remote server returned unknown recipient
};

/**
 * Persistent transient failures (class 4) whose meaning differs from the permanent code of the same subject and
 * detail: a temporary routing failure is no unknown host, a temporary "not authorized" is the sending host being
 * held off, a congested system is a full one for now.
 */
const TRANSIENT: Record<string, Reason | null> = {
  '2.1': null, // "mailbox disabled" for now: the server only asks to come back later, no suspension
  '2.0': null, // "mailbox temporarily unavailable": busy or greylisting, not a refusal
  '4.4': 'networkerror', // unable to route, for now
  '4.5': 'systemfull', // mail system congestion
  '5.3': 'systemerror', // too many recipients for this transaction: the rest are retried
  '7.1': 'blocked', // delivery not authorised for now: the sending host is deferred
  '7.2': 'blocked',
};

export function reasonByStatus(status: string | null): Reason | null {
  if (!status) return null;
  if (status.startsWith('2.')) return 'delivered';
  const key = status.slice(2);
  if (status.startsWith('4') && key in TRANSIENT) return TRANSIENT[key] ?? null;
  const direct = BY_SUBJECT_DETAIL[key];
  if (direct) return direct;
  // Microsoft 5.7.6xx: access denied, banned sending IP.
  if (/^7\.6\d\d$/.test(key)) return 'blocked';
  return null;
}

/**
 * What the subject of a code says when its detail is unassigned or "other" (RFC 3463 section 3: x.6.X media and
 * content, x.7.X security or policy status): the last fallback before a failure is left undetermined.
 */
export function reasonByStatusClass(status: string | null): Reason | null {
  if (!status || status.startsWith('2.')) return null;
  const subject = status.slice(2, status.indexOf('.', 2));
  if (subject === '6') return 'contenterror';
  // A temporary security or policy refusal defers the sending host (as TRANSIENT reads 4.7.1; Gmail's "421 4.7.0
  // Try again later, closing connection" is its throttling of a host): a block for now.
  if (subject === '7') return status.startsWith('4') ? 'blocked' : 'securityerror';
  return null;
}

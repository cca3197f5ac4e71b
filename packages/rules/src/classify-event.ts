/**
 * How the rules read one parsed bounce: ignored kinds, sender-side rejections, hard vs soft. Kept apart from
 * `decide` so each predicate is tested on its own and documented where it is defined.
 */
import type { Reason } from '@bounce/parser';
import type { BounceEvent, RuleConfig } from './types.js';

/**
 * Reasons that are about the recipient's mailbox even when the reply carries a 5.7.x "security or policy"
 * status (RFC 3463 §3.8). Real examples: Gmail's `550 5.7.1 The user you are trying to contact is not
 * receiving mail` / Exchange's `550 5.7.1 RESOLVER.RST.NotAuthorized` for a disabled mailbox (suspend),
 * `554 5.7.1 <x>: Recipient address rejected: user rejected` from a recipient-side filter (filtered),
 * `550 5.7.1 Mailbox full` from some hosted providers (mailboxfull). Treating those as sender-side would keep
 * mailing a dead or refusing mailbox forever. Every reason the configuration treats as hard also counts as
 * recipient-specific (checked at run time), so an operator who adds a reason to hardReasons gets it blocked.
 */
export const RECIPIENT_SPECIFIC_REASONS: readonly Reason[] = [
  'userunknown',
  'hostunknown',
  'hasmoved',
  'notaccept',
  'mailboxfull',
  'suspend',
  'filtered',
];

/** RFC 3463 §3.8: X.7.XXX = security or policy status. Both 5.7.x and 4.7.x (greylisting by reputation). */
const POLICY_STATUS = /^[45]\.7\.\d{1,3}$/;

const isTemporaryStatus = (status: string | null): boolean => status?.startsWith('4.') === true;
const isPermanentStatus = (status: string | null): boolean => status?.startsWith('5.') === true;
const isTemporaryReply = (code: number | null): boolean => code !== null && code >= 400 && code < 500;
const isPermanentReply = (code: number | null): boolean => code !== null && code >= 500 && code < 600;

/** The reply says "try again later" (4xx reply or 4.x.x status), whatever the reason. */
export function isExplicitlyTemporary(event: BounceEvent): boolean {
  return isTemporaryStatus(event.status) || isTemporaryReply(event.replyCode);
}

/** The reply says "permanent" (5xx reply or 5.x.x status) and nothing says temporary. */
export function isExplicitlyPermanent(event: BounceEvent): boolean {
  return !isExplicitlyTemporary(event) && (isPermanentStatus(event.status) || isPermanentReply(event.replyCode));
}

/**
 * Sender-side: the receiving system rejected *us* (reputation, blocklist, SPF/DKIM/DMARC, PTR, TLS, policy),
 * not the recipient. Either the reason is configured as sender-side, or (by default) the status is a 5.7.x or
 * 4.7.x policy code and the reason does not name the recipient's mailbox (see RECIPIENT_SPECIFIC_REASONS).
 * Class 'unknown' (reason undefined) with a policy status is sender-side too: a bare `550 5.7.1 Message
 * rejected` is far more often a policy block on the sender than a statement about the mailbox.
 */
export function isSenderSide(event: BounceEvent, config: RuleConfig): boolean {
  if (config.senderSideReasons.includes(event.reason)) return true;
  if (!config.policyStatusIsSenderSide || event.status === null || !POLICY_STATUS.test(event.status)) return false;
  return !RECIPIENT_SPECIFIC_REASONS.includes(event.reason) && !config.hardReasons.includes(event.reason);
}

/**
 * Hard: the configured hard reasons decide, not the parser's class, so "which reasons count as hard" is
 * configurable per tenant/list. An explicitly temporary reply is never hard (Postfix's `450 4.1.1 ...
 * unverified address` while address verification is pending). notaccept (null MX, RFC 7505) is hard only with a
 * permanent reply, or, when the report has no code at all, when the parser classed it hard.
 */
export function isHardFailure(event: BounceEvent, config: RuleConfig): boolean {
  if (!config.hardReasons.includes(event.reason)) return false;
  if (isExplicitlyTemporary(event)) return false;
  if (event.reason === 'notaccept') {
    const hasCode = event.status !== null || event.replyCode !== null;
    return hasCode ? isExplicitlyPermanent(event) : event.class === 'hard';
  }
  return true;
}

/** Category names compare case-insensitively; the schema stores exempt categories lower-cased. */
export function isExemptCategory(category: string | null, config: RuleConfig): boolean {
  if (category === null) return false;
  const key = category.trim().toLowerCase();
  return config.exemptCategories.some((c) => c.toLowerCase() === key);
}

export type EventKind =
  | 'delayed' // a delay notice or a delayed recipient: the MTA is still trying
  | 'auto-reply' // vacation / RFC 3834: the message was delivered
  | 'delivered' // a delivery DSN (Action delivered or relayed: accepted by the recipient's side): a confirmed delivery
  | 'complaint' // ARF feedback
  | 'not-spam' // ARF feedback-type not-spam: the opposite of a complaint
  | 'unknown' // undefined/onhold: cannot tell what happened
  | 'failure'; // hard or soft failure (sender-side or not is decided later)

/**
 * What a bounce event is, for the rules. The per-recipient class and action take precedence over the
 * message kind, because one report can mix recipients (RFC 3464 allows failed, delayed and delivered
 * recipients in one DSN); the message kind is the fallback when the class is not decisive.
 */
export function eventKind(event: BounceEvent): EventKind {
  if (event.action === 'delayed') return 'delayed';
  if (event.class === 'delivered' || event.action === 'delivered' || event.action === 'relayed') return 'delivered';
  if (event.class === 'complaint' || event.kind === 'complaint') {
    return event.feedbackType?.trim().toLowerCase() === 'not-spam' ? 'not-spam' : 'complaint';
  }
  if (event.class === 'auto-reply' || event.kind === 'auto-reply') return 'auto-reply';
  if (event.kind === 'delayed') return 'delayed';
  if (event.class === 'unknown') return 'unknown';
  return 'failure';
}

/**
 * canSend: may the sending system send a message of this category to this address now? Pure: the caller
 * passes the address state and what it knows about list suppression and domain blocks.
 *
 * Exempt categories (default invoice) are always allowed: a customer must receive their invoice even if a
 * newsletter once bounced; the answer still says the address is blocked and why, so the sender can also try
 * another channel. Precedence of what blocks: the address's own block (most specific), then a domain-wide
 * block, then the list suppression (which applies only to sends of that list).
 */
import { isExemptCategory } from './classify-event.js';
import { isoTime } from './explain.js';
import type { AddressState, CanSendOptions, CanSendResult, RuleConfig, SuppressionReason } from './types.js';

export function canSend(
  state: AddressState | null,
  category: string,
  config: RuleConfig,
  opts: CanSendOptions = {},
): CanSendResult {
  const exempt = isExemptCategory(category, config);
  let blockReason: SuppressionReason | null = null;
  let why: string | null = null;

  if (state?.state === 'blocked') {
    // A blocked row without a reason can only come from manual edits; call it manual rather than guess.
    blockReason = state.suppressionReason ?? 'manual';
    why = `address blocked (${blockReason}${state.suppressedAt ? ` since ${isoTime(state.suppressedAt)}` : ''})`;
  } else if (opts.domainBlocked) {
    blockReason = 'domain';
    why = `domain blocked (${opts.domainBlocked.reason})`;
  }
  const blocked = blockReason !== null;
  const listText = opts.listId ? `list ${opts.listId}` : 'this list';

  if (exempt) {
    const notes = [why, opts.listSuppressed ? `removed from ${listText}` : null].filter((n) => n !== null);
    return {
      allowed: true,
      reason: notes.length
        ? `allowed: category ${category} is exempt, although ${notes.join(' and ')}; a failure will raise a high-priority event`
        : `allowed: category ${category} is exempt and the address is not blocked`,
      blocked,
      blockReason,
      exempt,
    };
  }
  if (why !== null) {
    return { allowed: false, reason: `not allowed: ${why}`, blocked, blockReason, exempt };
  }
  if (opts.listSuppressed) {
    return {
      allowed: false,
      reason: `not allowed: address removed from ${listText}`,
      blocked,
      blockReason,
      exempt,
    };
  }
  return { allowed: true, reason: 'allowed: address active', blocked, blockReason, exempt };
}

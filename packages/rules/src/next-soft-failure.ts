/**
 * Whether an address's next soft failure would block it, answered by `decide` itself on a soft failure at `at`, so
 * the rules preview applies exactly the automatic path's rules (threshold, window, absence window, staleness,
 * already blocked) instead of a copy of them. Pure.
 */
import { decide } from './decide.js';
import type { AddressState, RuleConfig } from './types.js';

/** A generic temporary recipient failure (452 4.2.2 mailbox full): soft under every configuration. */
function softFailureAt(at: Date, recipientDomain: string) {
  return {
    type: 'bounce' as const,
    bounceId: 'preview',
    occurredAt: at,
    class: 'soft' as const,
    reason: 'mailboxfull' as const,
    status: '4.2.2',
    replyCode: 452,
    diagnosticCode: null,
    remoteMta: null,
    kind: 'bounce' as const,
    category: null,
    listId: null,
    recipientDomain,
    action: 'failed' as const,
  };
}

export function nextSoftFailureBlocks(
  state: AddressState,
  config: RuleConfig,
  at: Date,
  recipientDomain = 'example.invalid',
): boolean {
  const d = decide(state, softFailureAt(at, recipientDomain), config);
  return d.effects.some((e) => e.type === 'block');
}

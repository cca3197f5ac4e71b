import { describe, expect, it } from 'vitest';
import { canSend } from './can-send.js';
import { DEFAULT_RULE_CONFIG } from './config.js';
import { addressState, day, withConfig } from './test-fixtures.js';
import type { AddressState, CanSendOptions, SuppressionReason } from './types.js';

const STATES: Record<string, AddressState | null> = {
  unknown: null,
  active: addressState({ consecutiveSoftFailures: 3 }),
  'blocked-hard': addressState({ state: 'blocked', suppressionReason: 'hard-bounce', suppressedAt: day(0) }),
  'blocked-complaint': addressState({ state: 'blocked', suppressionReason: 'complaint', suppressedAt: day(0) }),
};

const OPTIONS: Record<string, CanSendOptions> = {
  none: {},
  'list-suppressed': { listId: 'list-weekly', listSuppressed: true },
  'domain-blocked': { domainBlocked: { reason: 'domain expired' } },
};

type Row = [
  state: string,
  category: string,
  opts: string,
  allowed: boolean,
  blockReason: SuppressionReason | null,
  exempt: boolean,
];

// Every state × category × option combination that behaves differently.
const MATRIX: Row[] = [
  ['unknown', 'newsletter', 'none', true, null, false],
  ['unknown', 'invoice', 'none', true, null, true],
  ['active', 'newsletter', 'none', true, null, false],
  ['active', 'transactional', 'none', true, null, false],
  ['active', 'invoice', 'none', true, null, true],
  ['blocked-hard', 'newsletter', 'none', false, 'hard-bounce', false],
  ['blocked-hard', 'transactional', 'none', false, 'hard-bounce', false],
  ['blocked-hard', 'invoice', 'none', true, 'hard-bounce', true],
  ['blocked-hard', 'INVOICE', 'none', true, 'hard-bounce', true],
  ['blocked-complaint', 'newsletter', 'none', false, 'complaint', false],
  ['blocked-complaint', 'invoice', 'none', true, 'complaint', true],
  ['active', 'newsletter', 'list-suppressed', false, null, false],
  ['active', 'invoice', 'list-suppressed', true, null, true],
  ['unknown', 'newsletter', 'domain-blocked', false, 'domain', false],
  ['active', 'newsletter', 'domain-blocked', false, 'domain', false],
  ['active', 'invoice', 'domain-blocked', true, 'domain', true],
  ['blocked-hard', 'newsletter', 'domain-blocked', false, 'hard-bounce', false],
  ['blocked-hard', 'newsletter', 'list-suppressed', false, 'hard-bounce', false],
];

describe('canSend matrix', () => {
  it.each(MATRIX)(
    '%s address, category %s, %s → allowed %s (%s)',
    (stateName, category, optsName, allowed, blockReason, exempt) => {
      const result = canSend(STATES[stateName]!, category, DEFAULT_RULE_CONFIG, OPTIONS[optsName]);
      expect(result.allowed).toBe(allowed);
      expect(result.blockReason).toBe(blockReason);
      expect(result.blocked).toBe(blockReason !== null);
      expect(result.exempt).toBe(exempt);
      expect(result.reason).toMatch(allowed ? /^allowed/ : /^not allowed/);
    },
  );
});

describe('canSend reasons', () => {
  it('an invoice to a blocked address is allowed with the block reason attached', () => {
    const result = canSend(STATES['blocked-hard']!, 'invoice', DEFAULT_RULE_CONFIG);
    expect(result).toEqual({
      allowed: true,
      reason:
        'allowed: category invoice is exempt, although address blocked (hard-bounce since 2025-03-01T12:00:00.000Z); a failure will raise a high-priority event',
      blocked: true,
      blockReason: 'hard-bounce',
      exempt: true,
    });
  });

  it('names the list and the domain block reason', () => {
    expect(canSend(null, 'newsletter', DEFAULT_RULE_CONFIG, OPTIONS['list-suppressed']).reason).toBe(
      'not allowed: address removed from list list-weekly',
    );
    expect(canSend(null, 'newsletter', DEFAULT_RULE_CONFIG, OPTIONS['domain-blocked']).reason).toBe(
      'not allowed: domain blocked (domain expired)',
    );
  });

  it('a blocked row without a reason is reported as manual', () => {
    const result = canSend(addressState({ state: 'blocked' }), 'newsletter', DEFAULT_RULE_CONFIG);
    expect(result).toMatchObject({ allowed: false, blockReason: 'manual' });
  });

  it('follows the configured exempt categories', () => {
    const config = withConfig({ exemptCategories: ['password-reset'] });
    expect(canSend(STATES['blocked-hard']!, 'invoice', config).allowed).toBe(false);
    expect(canSend(STATES['blocked-hard']!, 'password-reset', config)).toMatchObject({ allowed: true, exempt: true });
  });
});

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULE_CONFIG,
  parseRuleConfigOverrides,
  resolveRuleConfig,
  ruleConfigOverridesSchema,
} from './config.js';
import { RulesError } from './errors.js';
import type { RuleConfigOverrides } from './types.js';

describe('DEFAULT_RULE_CONFIG', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_RULE_CONFIG).toEqual({
      softBounceThreshold: 5,
      softFailureWindowDays: 90,
      hardBounceAction: 'block',
      softThresholdAction: 'block',
      complaintAction: 'block',
      hardReasons: ['userunknown', 'hostunknown', 'hasmoved', 'notaccept'],
      senderSideReasons: ['blocked', 'badreputation', 'authfailure', 'requireptr', 'securityerror'],
      policyStatusIsSenderSide: true,
      exemptCategories: ['invoice'],
      deliveryGraceHours: 72,
      applySuggestedAddresses: 'never',
    });
  });

  it('is frozen so no caller can change the defaults of every tenant', () => {
    expect(Object.isFrozen(DEFAULT_RULE_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RULE_CONFIG.hardReasons)).toBe(true);
  });
});

describe('resolveRuleConfig', () => {
  it('returns a fresh copy of the defaults without layers', () => {
    const config = resolveRuleConfig();
    expect(config).toEqual(DEFAULT_RULE_CONFIG);
    config.hardReasons.push('mailboxfull');
    config.exemptCategories.push('receipt');
    expect(DEFAULT_RULE_CONFIG.hardReasons).not.toContain('mailboxfull');
    expect(DEFAULT_RULE_CONFIG.exemptCategories).toEqual(['invoice']);
  });

  it.each<{
    name: string;
    layers: (RuleConfigOverrides | null | undefined)[];
    expected: Partial<typeof DEFAULT_RULE_CONFIG>;
  }>([
    {
      name: 'tenant layer overrides defaults',
      layers: [{ softBounceThreshold: 3 }],
      expected: { softBounceThreshold: 3, softFailureWindowDays: 90 },
    },
    {
      name: 'category overrides tenant, list overrides category (most specific last)',
      layers: [
        { softBounceThreshold: 3, complaintAction: 'notify-only' },
        { softBounceThreshold: 7 },
        { softBounceThreshold: 2 },
      ],
      expected: { softBounceThreshold: 2, complaintAction: 'notify-only' },
    },
    {
      name: 'missing layers (null/undefined) are skipped',
      layers: [null, { softFailureWindowDays: 30 }, undefined],
      expected: { softFailureWindowDays: 30, softBounceThreshold: 5 },
    },
    {
      name: 'undefined keys inherit',
      layers: [{ softBounceThreshold: 4 }, { softBounceThreshold: undefined, hardBounceAction: 'remove-from-list' }],
      expected: { softBounceThreshold: 4, hardBounceAction: 'remove-from-list' },
    },
    {
      name: 'null window and null grace are explicit values (never expire / explicit deliveries only)',
      layers: [{ softFailureWindowDays: null, deliveryGraceHours: null }],
      expected: { softFailureWindowDays: null, deliveryGraceHours: null },
    },
    {
      name: 'suggested addresses applied only where a layer says so',
      layers: [{ applySuggestedAddresses: 'new-address' }, { applySuggestedAddresses: 'all' }],
      expected: { applySuggestedAddresses: 'all' },
    },
    {
      name: 'lists replace the inherited list',
      layers: [{ exemptCategories: ['invoice', 'receipt'] }, { exemptCategories: ['password-reset'] }],
      expected: { exemptCategories: ['password-reset'] },
    },
    {
      name: 'exempt categories are trimmed, lower-cased and deduplicated',
      layers: [{ exemptCategories: [' Invoice', 'INVOICE', 'Receipt'] }],
      expected: { exemptCategories: ['invoice', 'receipt'] },
    },
    {
      name: 'a more specific layer that names a sender-side reason as hard wins',
      layers: [{}, { hardReasons: ['userunknown', 'blocked'] }],
      expected: {
        hardReasons: ['userunknown', 'blocked'],
        senderSideReasons: ['badreputation', 'authfailure', 'requireptr', 'securityerror'],
      },
    },
    {
      name: 'a more specific layer that names a hard reason as sender-side wins',
      layers: [{ senderSideReasons: ['blocked', 'hasmoved'] }],
      expected: {
        hardReasons: ['userunknown', 'hostunknown', 'notaccept'],
        senderSideReasons: ['blocked', 'hasmoved'],
      },
    },
  ])('$name', ({ layers, expected }) => {
    expect(resolveRuleConfig(...layers)).toMatchObject(expected);
  });

  it('rejects an invalid stored layer with the layer number', () => {
    expect(() => resolveRuleConfig({}, { softBounceThreshold: 0 })).toThrow(
      /rule configuration layer 2: softBounceThreshold/,
    );
  });
});

describe('ruleConfigOverridesSchema', () => {
  const problems = (input: unknown): string[] => {
    const result = ruleConfigOverridesSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}|${i.message}`);
  };

  it.each<{ name: string; input: unknown; message: RegExp }>([
    {
      name: 'unknown key (misspelling) is an error naming it and the known settings',
      input: { softBounceTreshold: 3 },
      message: /^\|unknown rule setting "softBounceTreshold"; known settings: softBounceThreshold, /,
    },
    { name: 'several unknown keys', input: { a: 1, b: 2 }, message: /unknown rule settings "a", "b"/ },
    {
      name: 'unknown reason',
      input: { hardReasons: ['userunknown', 'nosuchuser'] },
      message: /^hardReasons\.1\|unknown bounce reason "nosuchuser"$/,
    },
    {
      name: 'unknown action',
      input: { complaintAction: 'delete' },
      message: /^complaintAction\|expected one of block, remove-from-list, notify-only$/,
    },
    { name: 'threshold below 1', input: { softBounceThreshold: 0 }, message: /^softBounceThreshold\|/ },
    { name: 'fractional threshold', input: { softBounceThreshold: 2.5 }, message: /^softBounceThreshold\|/ },
    { name: 'threshold as a string', input: { softBounceThreshold: '5' }, message: /^softBounceThreshold\|/ },
    { name: 'window of 0 days', input: { softFailureWindowDays: 0 }, message: /^softFailureWindowDays\|/ },
    { name: 'empty exempt category', input: { exemptCategories: ['  '] }, message: /category must not be empty/ },
    {
      name: 'a reason both hard and sender-side in one layer',
      input: { hardReasons: ['blocked'], senderSideReasons: ['blocked', 'authfailure'] },
      message: /^senderSideReasons\|reason blocked cannot be both hard and sender-side$/,
    },
    { name: 'not an object', input: 'block', message: /expected object/ },
  ])('$name', ({ input, message }) => {
    const found = problems(input);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((p) => message.test(p))).toBe(true);
  });

  it('accepts an empty layer and a full layer', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ ...DEFAULT_RULE_CONFIG })).toEqual([]);
  });

  it('parseRuleConfigOverrides throws a RulesError listing every problem', () => {
    let error: unknown;
    try {
      parseRuleConfigOverrides({ softBounceThreshold: -1, bogus: true }, 'tenant acme rules');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RulesError);
    expect((error as RulesError).code).toBe('invalid-rule-config');
    expect((error as RulesError).message).toMatch(
      /^invalid tenant acme rules: .*softBounceThreshold: .*; unknown rule setting "bogus"/,
    );
  });
});

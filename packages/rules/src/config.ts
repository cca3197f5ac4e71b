/**
 * Rule configuration: defaults, the zod schema of a stored override layer, and the merge of tenant → category →
 * list layers over the defaults.
 */
import { REASONS, type Reason } from '@bounce/parser';
import { z } from 'zod';
import { RulesError } from './errors.js';
import type { RuleConfig, RuleConfigOverrides, SuggestedAddressPolicy, SuppressionAction } from './types.js';

export const SUPPRESSION_ACTIONS = [
  'block',
  'remove-from-list',
  'notify-only',
] as const satisfies readonly SuppressionAction[];

/**
 * Defaults follow how established CRM and newsletter systems behave (Mailchimp, HubSpot, Brevo and Salesforce
 * Marketing Cloud all block at once on a hard bounce and escalate soft bounces after a handful of consecutive
 * failures): a hard bounce blocks, the 5th consecutive soft failure escalates, a 90-day gap forgets old soft
 * failures (a mailbox full in January says nothing about May), complaints block (sending again to someone who
 * pressed "spam" hurts the sender's reputation at that provider), invoices are always sent.
 */
export const DEFAULT_RULE_CONFIG: RuleConfig = Object.freeze({
  softBounceThreshold: 5,
  softFailureWindowDays: 90,
  hardBounceAction: 'block',
  softThresholdAction: 'block',
  complaintAction: 'block',
  hardReasons: Object.freeze(['userunknown', 'hostunknown', 'hasmoved', 'notaccept']) as Reason[],
  senderSideReasons: Object.freeze([
    'blocked',
    'badreputation',
    'authfailure',
    'requireptr',
    'securityerror',
  ]) as Reason[],
  policyStatusIsSenderSide: true,
  exemptCategories: Object.freeze(['invoice']) as string[],
  // 72 h: longer than the 5-day queue lifetime of most MTAs would be safer in theory, but real MTAs send their
  // "delayed" notice within 4 h and give up after 1-5 days; 3 days without any report is a delivery in practice.
  deliveryGraceHours: 72,
  // A CRM's address is the customer's data: an automatic reply alone changes nothing unless the tenant says so.
  applySuggestedAddresses: 'never',
});

export const SUGGESTED_ADDRESS_POLICIES = [
  'never',
  'new-address',
  'all',
] as const satisfies readonly SuggestedAddressPolicy[];

const CONFIG_KEYS = Object.keys(DEFAULT_RULE_CONFIG) as (keyof RuleConfig)[];

const actionSchema = z.enum(SUPPRESSION_ACTIONS, {
  error: () => `expected one of ${SUPPRESSION_ACTIONS.join(', ')}`,
});

const reasonListSchema = z
  .array(z.enum(REASONS, { error: (iss) => `unknown bounce reason ${JSON.stringify(iss.input)}` }))
  .transform((list) => [...new Set(list)]);

/** Category names compare case-insensitively ("Invoice" = "invoice"); stored lower-cased. */
const categoryListSchema = z
  .array(z.string().trim().min(1, 'category must not be empty').max(100).toLowerCase())
  .transform((list) => [...new Set(list)]);

/**
 * One stored override layer (tenant, category or list scope). Strict: a misspelt key ("softBounceTreshold")
 * is an error rather than a silently ignored setting. Every key is optional; a missing key inherits.
 */
export const ruleConfigOverridesSchema = z
  .strictObject(
    {
      softBounceThreshold: z.number().int().min(1).max(1000).optional(),
      softFailureWindowDays: z.number().int().min(1).max(3650).nullable().optional(),
      hardBounceAction: actionSchema.optional(),
      softThresholdAction: actionSchema.optional(),
      complaintAction: actionSchema.optional(),
      hardReasons: reasonListSchema.optional(),
      senderSideReasons: reasonListSchema.optional(),
      policyStatusIsSenderSide: z.boolean().optional(),
      exemptCategories: categoryListSchema.optional(),
      deliveryGraceHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 365)
        .nullable()
        .optional(),
      applySuggestedAddresses: z
        .enum(SUGGESTED_ADDRESS_POLICIES, {
          error: () => `expected one of ${SUGGESTED_ADDRESS_POLICIES.join(', ')}`,
        })
        .optional(),
    },
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys'
          ? `unknown rule setting${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => JSON.stringify(k)).join(', ')}; known settings: ${CONFIG_KEYS.join(', ')}`
          : undefined,
    },
  )
  .superRefine((layer, ctx) => {
    // Within one layer a reason cannot be both: the operator's intent is ambiguous. Across layers the more
    // specific layer wins (see resolveRuleConfig).
    if (!layer.hardReasons || !layer.senderSideReasons) return;
    const both = layer.hardReasons.filter((r) => layer.senderSideReasons?.includes(r));
    if (both.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['senderSideReasons'],
        message: `reason${both.length > 1 ? 's' : ''} ${both.join(', ')} cannot be both hard and sender-side`,
      });
    }
  });

// Compile-time check: what the schema produces is a valid override layer.
const _schemaMatchesContract = (v: z.output<typeof ruleConfigOverridesSchema>): RuleConfigOverrides => v;
void _schemaMatchesContract;

/** Validate one stored layer; throws RulesError('invalid-rule-config') listing every problem. */
export function parseRuleConfigOverrides(input: unknown, label = 'rule configuration'): RuleConfigOverrides {
  const result = ruleConfigOverridesSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new RulesError('invalid-rule-config', `invalid ${label}: ${problems.join('; ')}`, { cause: result.error });
}

/**
 * Merge override layers over the defaults, least specific first: `resolveRuleConfig(tenant, category, list)`.
 * Each layer is validated (the rows come from JSON an operator may have edited); null/undefined layers and
 * undefined keys are skipped. Lists (reasons, categories) replace the inherited list, they do not append, so a
 * layer says exactly which reasons apply. A reason that a layer names as hard is removed from the inherited
 * sender-side list and vice versa, so the most specific layer wins and the result never has a reason in both.
 * Returns a fresh object (callers may keep it; the defaults are never mutated).
 */
export function resolveRuleConfig(...layers: (RuleConfigOverrides | null | undefined)[]): RuleConfig {
  const config: RuleConfig = {
    ...DEFAULT_RULE_CONFIG,
    hardReasons: [...DEFAULT_RULE_CONFIG.hardReasons],
    senderSideReasons: [...DEFAULT_RULE_CONFIG.senderSideReasons],
    exemptCategories: [...DEFAULT_RULE_CONFIG.exemptCategories],
  };
  layers.forEach((raw, index) => {
    if (raw == null) return;
    const layer = parseRuleConfigOverrides(raw, `rule configuration layer ${index + 1}`);
    if (layer.softBounceThreshold !== undefined) config.softBounceThreshold = layer.softBounceThreshold;
    if (layer.softFailureWindowDays !== undefined) config.softFailureWindowDays = layer.softFailureWindowDays;
    if (layer.hardBounceAction !== undefined) config.hardBounceAction = layer.hardBounceAction;
    if (layer.softThresholdAction !== undefined) config.softThresholdAction = layer.softThresholdAction;
    if (layer.complaintAction !== undefined) config.complaintAction = layer.complaintAction;
    if (layer.policyStatusIsSenderSide !== undefined) config.policyStatusIsSenderSide = layer.policyStatusIsSenderSide;
    if (layer.exemptCategories !== undefined) config.exemptCategories = [...layer.exemptCategories];
    if (layer.deliveryGraceHours !== undefined) config.deliveryGraceHours = layer.deliveryGraceHours;
    if (layer.applySuggestedAddresses !== undefined) config.applySuggestedAddresses = layer.applySuggestedAddresses;
    if (layer.hardReasons !== undefined) {
      const hard = layer.hardReasons;
      config.hardReasons = [...hard];
      config.senderSideReasons = config.senderSideReasons.filter((r) => !hard.includes(r));
    }
    if (layer.senderSideReasons !== undefined) {
      const senderSide = layer.senderSideReasons;
      config.senderSideReasons = [...senderSide];
      config.hardReasons = config.hardReasons.filter((r) => !senderSide.includes(r));
    }
  });
  return config;
}

/**
 * What a rule change would do, before it is saved: the effective configuration before and after at the changed
 * scope, which settings change, and how many of the tenant's addresses change fate. Two effects can be counted
 * today: (1) the soft-failure threshold, window and action decide which active addresses their NEXT soft failure
 * blocks; (2) exempt categories decide whether already-blocked addresses may still receive mail of a category
 * (released) or no longer (blocked). Everything else (hard reasons, actions, sender-side reasons) applies to
 * bounces from now on and is listed as such: the rules never re-judge past bounces.
 */
import {
  nextSoftFailureBlocks as nextSoftFailureBlockedByRules,
  type RuleConfig,
  type RuleConfigOverrides,
  resolveRuleConfig,
} from '@bounce/rules';
import { sql } from 'drizzle-orm';
import { addressColumns, lockedAddressOf } from '../addresses/address-state.js';
import type { Executor } from '../client.js';
import { listRuleSets, type RuleScope, validateRuleOverrides } from '../rule-sets/rule-sets.js';
import { queryRows } from '../sql/sql-util.js';

export type RuleSettingChange = { setting: keyof RuleConfig; before: unknown; after: unknown };

export type RulePreview = {
  scope: RuleScope;
  before: RuleConfig;
  after: RuleConfig;
  changes: RuleSettingChange[];
  /** Active addresses whose next soft failure blocks them, under the current and the proposed rules. */
  nextSoftFailureBlocks: { before: number; after: number };
  /** Categories whose exemption flips, with the blocked addresses (own or domain block) that flip with them. */
  exemptions: { category: string; exemptBefore: boolean; exemptAfter: boolean; addresses: number }[];
  /** Addresses that become not sendable (for a category, or at their next soft failure) in total. */
  wouldBlock: number;
  /** Addresses that become sendable again (for a category) or no longer block at their next soft failure. */
  wouldRelease: number;
  /** Changed settings that only affect bounces arriving after the change. */
  futureOnly: (keyof RuleConfig)[];
};

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b);
}

/**
 * Active addresses whose next soft failure (now) blocks them. SQL narrows by count and window; an address with an
 * absence window still open is then judged by the rules themselves (nextSoftFailureBlocks runs `decide`, as the
 * automatic path does), so one away until next week is not counted as blocked by its next soft failure.
 */
async function nextSoftFailureBlocks(db: Executor, tenantId: string, config: RuleConfig, now: Date): Promise<number> {
  if (config.softThresholdAction !== 'block') return 0;
  const needed = config.softBounceThreshold - 1;
  const at = sql`${now.toISOString()}::timestamptz`;
  const window =
    config.softFailureWindowDays === null
      ? sql`true`
      : // A gap rule (the rules' decideSoft): the count restarts when the last failure is older than the window.
        sql`(last_soft_failure_at is null or last_soft_failure_at >= ${at} - make_interval(days => ${config.softFailureWindowDays}))`;
  // needed = 0 (threshold 1): every active address blocks at its first soft failure. No index on the soft count
  // (it would make every soft failure's update non-HOT, migration 0017): the tenant's active addresses are read
  // through addresses_tenant_state_idx, an operator's occasional preview paying what the apply path no longer pays.
  const candidates =
    needed <= 0
      ? sql`tenant_id = ${tenantId} and state = 'active'`
      : sql`tenant_id = ${tenantId} and consecutive_soft_failures >= ${needed} and state = 'active' and ${window}`;
  // An open window needs absent_until in the future: only those rows (few) are read and decided one by one.
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from addresses
        where ${candidates} and (absent_until is null or absent_until <= ${at})`,
  );
  const absent = await queryRows<Parameters<typeof lockedAddressOf>[0]>(
    db,
    sql`select ${addressColumns()} from addresses where ${candidates} and absent_until > ${at}`,
  );
  const blockedAnyway = absent.filter((r) => {
    const a = lockedAddressOf(r);
    return nextSoftFailureBlockedByRules(a.state, config, now, a.domain);
  }).length;
  return (row?.n ?? 0) + blockedAnyway;
}

/** Addresses a category's mail is refused for when the category is not exempt: blocked, or at a blocked domain. */
async function blockedAddressCount(db: Executor, tenantId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select (
          (select count(*) from addresses where tenant_id = ${tenantId} and state = 'blocked')
          + (select count(*) from addresses a join domain_blocks d on d.tenant_id = a.tenant_id and d.domain = a.domain
             where a.tenant_id = ${tenantId} and a.state = 'active')
        )::int as n`,
  );
  return row?.n ?? 0;
}

export async function previewRuleChange(
  db: Executor,
  tenantId: string,
  scope: RuleScope,
  /** The proposed layer at this scope; null previews removing it. */
  proposed: RuleConfigOverrides | null,
  now: Date = new Date(),
): Promise<RulePreview> {
  const layer = proposed === null ? null : validateRuleOverrides(proposed);
  const stored = await listRuleSets(db, tenantId);
  const tenantLayer = stored.find((s) => s.scope.scope === 'tenant')?.config ?? null;
  const category = scope.scope === 'category' ? scope.category.trim().toLowerCase() : null;
  const listId = scope.scope === 'list' ? scope.listId : null;
  const categoryLayer =
    stored.find((s) => s.scope.scope === 'category' && s.scope.category === category)?.config ?? null;
  const listLayer = stored.find((s) => s.scope.scope === 'list' && s.scope.listId === listId)?.config ?? null;
  const before = resolveRuleConfig(tenantLayer, category ? categoryLayer : null, listId ? listLayer : null);
  const after = resolveRuleConfig(
    scope.scope === 'tenant' ? layer : tenantLayer,
    scope.scope === 'category' ? layer : null,
    scope.scope === 'list' ? layer : null,
  );

  const changes = (Object.keys(before) as (keyof RuleConfig)[])
    .filter((k) => !sameValue(before[k], after[k]))
    .map((setting) => ({ setting, before: before[setting], after: after[setting] }));
  const changed = new Set(changes.map((c) => c.setting));

  const softKeys: (keyof RuleConfig)[] = ['softBounceThreshold', 'softFailureWindowDays', 'softThresholdAction'];
  const soft = softKeys.some((k) => changed.has(k))
    ? {
        before: await nextSoftFailureBlocks(db, tenantId, before, now),
        after: await nextSoftFailureBlocks(db, tenantId, after, now),
      }
    : { before: 0, after: 0 };

  const exemptions: RulePreview['exemptions'] = [];
  if (changed.has('exemptCategories')) {
    const candidates = category ? [category] : [...new Set([...before.exemptCategories, ...after.exemptCategories])];
    const flipped = candidates
      .map((c) => ({
        category: c,
        exemptBefore: before.exemptCategories.includes(c),
        exemptAfter: after.exemptCategories.includes(c),
      }))
      .filter((c) => c.exemptBefore !== c.exemptAfter);
    const blocked = flipped.length > 0 ? await blockedAddressCount(db, tenantId) : 0;
    for (const f of flipped) exemptions.push({ ...f, addresses: blocked });
  }

  const wouldBlock =
    Math.max(0, soft.after - soft.before) +
    exemptions.filter((e) => e.exemptBefore && !e.exemptAfter).reduce((n, e) => n + e.addresses, 0);
  const wouldRelease =
    Math.max(0, soft.before - soft.after) +
    exemptions.filter((e) => !e.exemptBefore && e.exemptAfter).reduce((n, e) => n + e.addresses, 0);
  const counted = new Set<keyof RuleConfig>([...softKeys, 'exemptCategories']);
  return {
    scope,
    before,
    after,
    changes,
    nextSoftFailureBlocks: soft,
    exemptions,
    wouldBlock,
    wouldRelease,
    futureOnly: changes.map((c) => c.setting).filter((s) => !counted.has(s)),
  };
}

/**
 * Rule configuration per tenant, narrowed per category or list. Layers are validated with the rules package's
 * schema when written and again when read (a row edited by hand must not change behaviour silently); the most
 * specific layer wins: defaults < tenant < category < list.
 */

import { type RuleConfig, type RuleConfigOverrides, resolveRuleConfig, ruleConfigOverridesSchema } from '@bounce/rules';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { auditLog, ruleSets } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { inTransaction } from '../sql/sql-util.js';

export type RuleScope =
  | { scope: 'tenant' }
  | { scope: 'category'; category: string }
  | { scope: 'list'; listId: string };

export type StoredRuleSet = {
  scope: RuleScope;
  config: RuleConfigOverrides;
  version: number;
  updatedAt: Date;
};

function scopeKey(scope: RuleScope): { scope: 'tenant' | 'category' | 'list'; scopeValue: string } {
  switch (scope.scope) {
    case 'tenant':
      return { scope: 'tenant', scopeValue: '' };
    case 'category':
      // Categories compare case-insensitively, like the rules' exemptCategories.
      return { scope: 'category', scopeValue: scope.category.trim().toLowerCase() };
    case 'list':
      return { scope: 'list', scopeValue: scope.listId };
    default: {
      const never: never = scope;
      throw new StoreError('invalid-input', `unknown rule scope ${JSON.stringify(never)}`);
    }
  }
}

function scopeOf(row: { scope: string; scopeValue: string }): RuleScope {
  if (row.scope === 'category') return { scope: 'category', category: row.scopeValue };
  if (row.scope === 'list') return { scope: 'list', listId: row.scopeValue };
  return { scope: 'tenant' };
}

export function validateRuleOverrides(input: unknown): RuleConfigOverrides {
  const result = ruleConfigOverridesSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new StoreError('invalid-rule-config', `invalid rule configuration: ${problems.join('; ')}`);
  }
  return result.data;
}

export async function listRuleSets(db: Executor, tenantId: string): Promise<StoredRuleSet[]> {
  const rows = await db.select().from(ruleSets).where(eq(ruleSets.tenantId, tenantId));
  return rows.map((r) => ({
    scope: scopeOf(r),
    config: r.config as RuleConfigOverrides,
    version: r.version,
    updatedAt: r.updatedAt,
  }));
}

export async function getRuleSetOverrides(
  db: Executor,
  tenantId: string,
  scope: RuleScope,
): Promise<StoredRuleSet | null> {
  const key = scopeKey(scope);
  const rows = await db
    .select()
    .from(ruleSets)
    .where(
      and(eq(ruleSets.tenantId, tenantId), eq(ruleSets.scope, key.scope), eq(ruleSets.scopeValue, key.scopeValue)),
    );
  const r = rows[0];
  return r
    ? { scope: scopeOf(r), config: r.config as RuleConfigOverrides, version: r.version, updatedAt: r.updatedAt }
    : null;
}

/**
 * Replaces the override layer of one scope (validated; throws StoreError 'invalid-rule-config' listing every
 * problem) and records the change in the audit trail in the same transaction.
 */
export async function setRuleSetOverrides(
  db: Executor,
  tenantId: string,
  scope: RuleScope,
  overrides: unknown,
  actor: string,
): Promise<StoredRuleSet> {
  const config = validateRuleOverrides(overrides);
  const key = scopeKey(scope);
  return inTransaction(db, async (tx) => {
    const before = await getRuleSetOverrides(tx, tenantId, scope);
    const [row] = await tx
      .insert(ruleSets)
      .values({ tenantId, scope: key.scope, scopeValue: key.scopeValue, config })
      .onConflictDoUpdate({
        target: [ruleSets.tenantId, ruleSets.scope, ruleSets.scopeValue],
        set: { config, version: sql`${ruleSets.version} + 1`, updatedAt: sql`now()` },
      })
      .returning();
    if (!row) throw new StoreError('conflict', 'rule set upsert returned no row');
    await tx.insert(auditLog).values({
      tenantId,
      address: null,
      action: 'rule-set.update',
      actor,
      rule: null,
      reason: `rule set ${key.scope}${key.scopeValue ? ` ${key.scopeValue}` : ''} updated`,
      before: before ? { scope: key, config: before.config, version: before.version } : null,
      after: { scope: key, config, version: row.version },
      evidence: null,
    });
    return { scope: scopeOf(row), config, version: row.version, updatedAt: row.updatedAt };
  });
}

export async function deleteRuleSet(db: Executor, tenantId: string, scope: RuleScope, actor: string): Promise<boolean> {
  const key = scopeKey(scope);
  return inTransaction(db, async (tx) => {
    const deleted = await tx
      .delete(ruleSets)
      .where(
        and(eq(ruleSets.tenantId, tenantId), eq(ruleSets.scope, key.scope), eq(ruleSets.scopeValue, key.scopeValue)),
      )
      .returning();
    const row = deleted[0];
    if (!row) return false;
    await tx.insert(auditLog).values({
      tenantId,
      action: 'rule-set.delete',
      actor,
      reason: `rule set ${key.scope}${key.scopeValue ? ` ${key.scopeValue}` : ''} removed`,
      before: { scope: key, config: row.config, version: row.version },
      after: null,
    });
    return true;
  });
}

/**
 * Resolves the configuration in force for a (category, list) pair from a tenant's layers loaded once: one batch
 * of bounces needs one query for its rules, whatever the number of categories and lists it touches.
 */
export class RuleConfigResolver {
  private readonly tenantLayer: RuleConfigOverrides | null;
  private readonly categoryLayers = new Map<string, RuleConfigOverrides>();
  private readonly listLayers = new Map<string, RuleConfigOverrides>();
  private readonly cache = new Map<string, RuleConfig>();

  constructor(layers: readonly StoredRuleSet[]) {
    let tenantLayer: RuleConfigOverrides | null = null;
    for (const l of layers) {
      if (l.scope.scope === 'tenant') tenantLayer = l.config;
      else if (l.scope.scope === 'category') this.categoryLayers.set(l.scope.category, l.config);
      else this.listLayers.set(l.scope.listId, l.config);
    }
    this.tenantLayer = tenantLayer;
  }

  resolve(category: string | null | undefined, listId: string | null | undefined): RuleConfig {
    const cat = category ? category.trim().toLowerCase() : '';
    const list = listId ?? '';
    const key = `${cat}\u0000${list}`;
    let config = this.cache.get(key);
    if (!config) {
      try {
        config = resolveRuleConfig(
          this.tenantLayer,
          cat ? this.categoryLayers.get(cat) : null,
          list ? this.listLayers.get(list) : null,
        );
      } catch (err) {
        throw new StoreError('invalid-rule-config', (err as Error).message);
      }
      this.cache.set(key, config);
    }
    return config;
  }

  /** Every configuration any send could resolve to (tenant level, each category, each list): e.g. for the smallest grace period. */
  allConfigs(): RuleConfig[] {
    const out = [this.resolve(null, null)];
    for (const c of this.categoryLayers.keys()) out.push(this.resolve(c, null));
    for (const l of this.listLayers.keys()) out.push(this.resolve(null, l));
    return out;
  }
}

export async function loadRuleConfigResolver(db: Executor, tenantId: string): Promise<RuleConfigResolver> {
  return new RuleConfigResolver(await listRuleSets(db, tenantId));
}

/** The configuration in force for one send's category and list. For many, use `loadRuleConfigResolver`. */
export async function loadRuleConfig(
  db: Executor,
  tenantId: string,
  category?: string | null,
  listId?: string | null,
): Promise<RuleConfig> {
  return (await loadRuleConfigResolver(db, tenantId)).resolve(category, listId);
}

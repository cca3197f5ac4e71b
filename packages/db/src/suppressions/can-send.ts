/**
 * canSend for the sending system: the rules' pure canSend fed with the address row, domain-wide blocks and the
 * list suppression. The batch variant answers 1,000 addresses with one query.
 */

import { type CanSendResult, normalizeAddress, canSend as rulesCanSend } from '@bounce/rules';
import { sql } from 'drizzle-orm';
import { addressColumns, domainPart, lockedAddressOf } from '../addresses/address-state.js';
import type { Executor } from '../client.js';
import { loadRuleConfigResolver, type RuleConfigResolver } from '../rule-sets/rule-sets.js';
import { jsonRecords, queryRows } from '../sql/sql-util.js';

export type CanSendAnswer = CanSendResult & {
  /** The address as given, and normalised (null when it is not a usable address: never allowed). */
  input: string;
  address: string | null;
  /** Details of the block, for display: the diagnostic or operator text that caused it. */
  blockDetail: string | null;
  listSuppressed: boolean;
};

type Row = Parameters<typeof lockedAddressOf>[0] & {
  i: number;
  has_row: boolean;
  domain_reason: string | null;
  list_reason: string | null;
};

/** Answers for many addresses (same category and list), in input order, with one query. */
export async function canSendMany(
  db: Executor,
  tenantId: string,
  addresses: readonly string[],
  category: string,
  listId?: string | null,
  options: { ruleConfig?: RuleConfigResolver } = {},
): Promise<CanSendAnswer[]> {
  const resolver = options.ruleConfig ?? (await loadRuleConfigResolver(db, tenantId));
  const config = resolver.resolve(category, listId ?? null);
  const normalized = addresses.map((a) => normalizeAddress(a));
  const probes = normalized
    .map((address, i) => ({ i, address, domain: address ? domainPart(address) : null }))
    .filter((p): p is { i: number; address: string; domain: string } => p.address !== null);
  const rows =
    probes.length === 0
      ? []
      : await queryRows<Row>(
          db,
          sql`select p.i, a.id is not null as has_row, d.reason as domain_reason, ls.reason as list_reason,
                ${addressColumns('a')}
              from jsonb_to_recordset(${jsonRecords(probes)}) as p(i int, address text, domain text)
              left join addresses a on a.tenant_id = ${tenantId} and a.address = p.address
              left join domain_blocks d on d.tenant_id = ${tenantId} and d.domain = p.domain
              left join list_suppressions ls on ls.tenant_id = ${tenantId} and ls.address = p.address
                and ls.list_id = ${listId ?? null}`,
        );
  const byIndex = new Map(rows.map((r) => [r.i, r]));
  return addresses.map((input, i) => {
    const address = normalized[i] ?? null;
    if (!address) {
      return {
        input,
        address: null,
        allowed: false,
        reason: 'not allowed: not a valid e-mail address',
        blocked: false,
        blockReason: null,
        exempt: false,
        blockDetail: null,
        listSuppressed: false,
      };
    }
    const r = byIndex.get(i);
    const state = r?.has_row ? lockedAddressOf(r) : null;
    const listSuppressed = !!r?.list_reason;
    const answer = rulesCanSend(state?.state ?? null, category, config, {
      ...(listId ? { listId } : {}),
      listSuppressed,
      domainBlocked: r?.domain_reason ? { reason: r.domain_reason } : null,
    });
    return {
      ...answer,
      input,
      address,
      blockDetail: state?.state.state === 'blocked' ? state.suppressionDetail : (r?.domain_reason ?? null),
      listSuppressed,
    };
  });
}

/** May the sending system send a message of `category` (and list) to `address` now? */
export async function canSend(
  db: Executor,
  tenantId: string,
  address: string,
  category: string,
  listId?: string | null,
): Promise<CanSendAnswer> {
  const [answer] = await canSendMany(db, tenantId, [address], category, listId);
  if (!answer) throw new Error('canSendMany returned no answer');
  return answer;
}

import { describe, expect, it } from 'vitest';
import { cleanAddressState, parseAddressState } from './address-state.js';
import { DEFAULT_RULE_CONFIG } from './config.js';
import { decide } from './decide.js';
import { RulesError } from './errors.js';
import { manualBlock, manualUnblock, resetCount, undo } from './manual.js';
import { addressState, day, hard, run, soft, softRun } from './test-fixtures.js';

const blockedByEscalation = () => run(softRun(5)).state!;

describe('manualUnblock', () => {
  it('unblocks and starts clean: count 0, window cleared, history kept', () => {
    const before = blockedByEscalation();
    const result = manualUnblock(before, day(10), 'customer emptied the mailbox');
    expect(result.operation).toBe('unblock');
    expect(result.changed).toBe(true);
    expect(result.before).toEqual(before);
    expect(result.next).toEqual({
      ...before,
      state: 'active',
      consecutiveSoftFailures: 0,
      firstSoftFailureAt: null,
      lastSoftFailureAt: null,
      suppressionReason: null,
      suppressedAt: null,
      manualResetAt: day(10),
    });
    expect(result.next.lastBounceAt).toEqual(day(4));
    expect(result.effects).toEqual([{ type: 'notify', event: 'address-unblocked' }]);
    expect(result.explanation).toBe(
      'unblocked by an operator at 2025-03-11T12:00:00.000Z (was blocked: escalation); starts clean with count 0 (reason: customer emptied the mailbox)',
    );
  });

  it('on an active address resets its count without an unblock event', () => {
    const result = manualUnblock(run(softRun(2)).state, day(5), 'cleanup');
    expect(result.next.consecutiveSoftFailures).toBe(0);
    expect(result.effects).toEqual([]);
    expect(result.explanation).toMatch(/was not blocked; count reset from 2 to 0/);
  });

  it('requires a reason and a valid time', () => {
    expect(() => manualUnblock(null, day(0), '  ')).toThrow(
      expect.objectContaining({ code: 'invalid-manual-operation' }),
    );
    expect(() => manualUnblock(null, new Date('x'), 'why')).toThrow(RulesError);
  });
});

describe('manualBlock', () => {
  it.each([
    ['manual', undefined],
    ['import', 'import'],
    ['domain', 'domain'],
  ] as const)('blocks with suppression reason %s', (expected, suppressionReason) => {
    const result = manualBlock(
      null,
      day(1),
      'suppression list from the old ESP',
      suppressionReason ? { suppressionReason } : {},
    );
    expect(result.next).toMatchObject({ state: 'blocked', suppressionReason: expected, suppressedAt: day(1) });
    expect(result.effects).toEqual([{ type: 'block', reason: expected }]);
    expect(result.changed).toBe(true);
  });

  it('keeps the original reason of an already blocked address', () => {
    const before = addressState({ state: 'blocked', suppressionReason: 'hard-bounce', suppressedAt: day(0) });
    const result = manualBlock(before, day(3), 'requested by customer');
    expect(result.changed).toBe(false);
    expect(result.next).toEqual({ ...before, manualResetAt: null });
    expect(result.effects).toEqual([]);
    expect(result.explanation).toMatch(/already blocked \(hard-bounce\): no change/);
  });
});

describe('resetCount', () => {
  it('resets the count and window but leaves a block in place', () => {
    const blocked = blockedByEscalation();
    const result = resetCount(blocked, day(8), 'false alarm');
    expect(result.next).toMatchObject({
      state: 'blocked',
      consecutiveSoftFailures: 0,
      firstSoftFailureAt: null,
      lastSoftFailureAt: null,
    });
    expect(result.explanation).toMatch(/count reset from 5 to 0/);
  });

  it('then the next failure is the first', () => {
    const reset = resetCount(run(softRun(4)).state, day(6), 'provider outage').next;
    const d = decide(reset, soft({ occurredAt: day(7) }), DEFAULT_RULE_CONFIG);
    expect(d.next.consecutiveSoftFailures).toBe(1);
  });
});

describe('undo', () => {
  it('restores the before state of the reverted audit row (JSON round trip, as stored)', () => {
    const active = run(softRun(4)).state!;
    const block = decide(active, hard({ occurredAt: day(5) }), DEFAULT_RULE_CONFIG);
    // The audit row stores before/after as JSON; undo reads `before` back.
    const auditRow = JSON.parse(JSON.stringify({ before: active, after: block.next }));
    const before = parseAddressState(auditRow.before);
    const result = undo(
      block.next,
      { before, after: parseAddressState(auditRow.after) },
      day(6),
      'bounce was a misconfigured MX',
    );
    expect(result.operation).toBe('undo');
    expect(result.overridesLaterChanges).toBe(false);
    expect(result.next).toEqual({ ...active, manualResetAt: day(6) });
    expect(result.next.consecutiveSoftFailures).toBe(4);
    expect(result.effects).toEqual([{ type: 'notify', event: 'address-unblocked' }]);
    expect(result.explanation).toMatch(/restored the state before the reverted change \(active, count 4\)/);
  });

  it('undoing an unblock blocks again', () => {
    const blocked = blockedByEscalation();
    const unblock = manualUnblock(blocked, day(10), 'mistake');
    const result = undo(unblock.next, { before: unblock.before, after: unblock.next }, day(11), 'undo the unblock');
    expect(result.next).toMatchObject({
      state: 'blocked',
      suppressionReason: 'escalation',
      consecutiveSoftFailures: 5,
    });
    expect(result.effects).toEqual([{ type: 'block', reason: 'escalation' }]);
  });

  it('undoing the creation of an address restores the clean state', () => {
    const created = decide(null, hard(), DEFAULT_RULE_CONFIG);
    const result = undo(created.next, { before: null }, day(1), 'wrong tenant');
    expect(result.next).toEqual({ ...cleanAddressState(), manualResetAt: day(1) });
  });

  it('tells when later changes are overridden', () => {
    const first = decide(null, soft({ occurredAt: day(0) }), DEFAULT_RULE_CONFIG);
    const second = decide(first.next, soft({ occurredAt: day(1) }), DEFAULT_RULE_CONFIG);
    const result = undo(second.next, { before: null, after: first.next }, day(2), 'revert the first');
    expect(result.overridesLaterChanges).toBe(true);
    expect(result.explanation).toMatch(/later changes to the address are overridden/);
  });
});

describe('parseAddressState', () => {
  it('reads null as a missing address and rejects garbage', () => {
    expect(parseAddressState(null)).toBeNull();
    expect(() => parseAddressState({ state: 'gone' })).toThrow(
      expect.objectContaining({ code: 'invalid-address-state' }),
    );
    expect(() => parseAddressState({ ...cleanAddressState(), lastBounceAt: 'not a date' })).toThrow(RulesError);
  });
});

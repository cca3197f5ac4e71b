import { describe, expect, it } from 'vitest';
import { absenceWindowOf, isInsideAbsence, MAX_ABSENCE_DAYS } from './absence-window.js';
import { planOutcomes } from './batch/plan-batch.js';
import { DEFAULT_RULE_CONFIG } from './config.js';
import { decide } from './decide.js';
import { MS_PER_DAY } from './explain.js';
import { hard, run, soft } from './test-fixtures.js';
import type { BounceEvent } from './types.js';

const at = (iso: string) => new Date(iso);

/** An out-of-office reply as the parser hands it to the rules: "on leave until 12 January" (written 2 January). */
function onLeave(occurredAt: Date, absence: BounceEvent['absence']): BounceEvent {
  return soft({
    kind: 'auto-reply',
    class: 'auto-reply',
    reason: 'vacation',
    status: null,
    replyCode: null,
    diagnosticCode: null,
    occurredAt,
    absence,
  });
}

describe('absenceWindowOf', () => {
  const replied = at('2027-01-02T09:00:00Z');

  it('until the last day away: from the reply to the day after it, plus 12 hours for zones west of UTC', () => {
    expect(absenceWindowOf({ from: null, until: '2027-01-12' }, replied)).toEqual({
      from: replied,
      until: at('2027-01-13T12:00:00Z'),
    });
  });

  it('a first day named in the note is the start, even before the reply', () => {
    expect(absenceWindowOf({ from: '2026-12-28', until: '2027-01-12' }, replied)?.from).toEqual(
      at('2026-12-28T00:00:00Z'),
    );
  });

  it('no window without a last day, with a last day already over, or with a date that is no calendar day', () => {
    expect(absenceWindowOf({ from: '2027-01-05', until: null }, replied)).toBeNull();
    expect(absenceWindowOf({ from: null, until: '2026-12-20' }, replied)).toBeNull();
    expect(absenceWindowOf({ from: null, until: '2027-02-31' }, replied)).toBeNull();
    expect(absenceWindowOf({ from: null, until: 'soon' }, replied)).toBeNull();
    expect(absenceWindowOf(null, replied)).toBeNull();
  });

  it(`a far-away last day is capped at ${MAX_ABSENCE_DAYS} days after the reply`, () => {
    const window = absenceWindowOf({ from: null, until: '2072-01-12' }, replied);
    expect(window?.until.getTime()).toBe(replied.getTime() + MAX_ABSENCE_DAYS * MS_PER_DAY);
  });

  it('inside means from (inclusive) to until (exclusive)', () => {
    const state = { absentFrom: at('2027-01-02T09:00:00Z'), absentUntil: at('2027-01-13T12:00:00Z') };
    expect(isInsideAbsence(state, at('2027-01-02T09:00:00Z'))).toBe(true);
    expect(isInsideAbsence(state, at('2027-01-13T11:59:59Z'))).toBe(true);
    expect(isInsideAbsence(state, at('2027-01-13T12:00:00Z'))).toBe(false);
    expect(isInsideAbsence(state, at('2027-01-02T08:59:59Z'))).toBe(false);
    expect(isInsideAbsence({}, at('2027-01-05T00:00:00Z'))).toBe(false);
  });
});

describe('decide with an absence window', () => {
  const reply = onLeave(at('2027-01-02T09:00:00Z'), { from: null, until: '2027-01-12' });

  it('the auto-reply records the window on the address (a change, so audited), and never counts', () => {
    const d = decide(null, reply, DEFAULT_RULE_CONFIG);
    expect(d).toMatchObject({ rule: 'absence-recorded', changed: true, countedAsFailure: false });
    expect(d.next.absentFrom).toEqual(at('2027-01-02T09:00:00Z'));
    expect(d.next.absentUntil).toEqual(at('2027-01-13T12:00:00Z'));
    expect(d.explanation).toMatch(
      /announces an absence: window 2027-01-02T09:00:00\.000Z to 2027-01-13T12:00:00\.000Z/,
    );
  });

  it('an auto-reply without a last day changes nothing', () => {
    const d = decide(null, onLeave(reply.occurredAt, { from: null, until: null }), DEFAULT_RULE_CONFIG);
    expect(d).toMatchObject({ rule: 'auto-reply-ignored', changed: false });
  });

  it('soft failures inside the window are recorded, not counted; the first one after it counts as the first', () => {
    const inside = [3, 5, 7, 9, 10, 11].map((d) =>
      soft({ occurredAt: at(`2027-01-${String(d).padStart(2, '0')}T10:00:00Z`) }),
    );
    const after = soft({ occurredAt: at('2027-01-14T10:00:00Z') });
    const { decisions, state } = run([reply, ...inside, after]);
    for (const d of decisions.slice(1, -1)) {
      expect(d).toMatchObject({ rule: 'absence-window', countedAsFailure: false });
      expect(d.explanation).toMatch(/inside absence window/);
      expect(d.next.consecutiveSoftFailures).toBe(0);
    }
    expect(decisions.at(-1)).toMatchObject({ rule: 'soft-failure', countedAsFailure: true });
    expect(state?.consecutiveSoftFailures).toBe(1);
    expect(state?.state).toBe('active');
    // Without the reply the same failures escalate (threshold 5): the window is what kept the address.
    expect(run([...inside, after]).state?.state).toBe('blocked');
  });

  it('a hard bounce inside the window still blocks: "user unknown" is not a holiday', () => {
    const { decisions } = run([reply, hard({ occurredAt: at('2027-01-05T10:00:00Z') })]);
    expect(decisions[1]).toMatchObject({ rule: 'hard-bounce', countedAsFailure: true });
    expect(decisions[1]!.next.state).toBe('blocked');
  });

  it('the batch plan writes an audit row for every failure not counted and one address.failure_during_absence event', () => {
    const outcomes = [];
    let state = null as ReturnType<typeof decide>['next'] | null;
    const locked = {
      id: 1,
      address: 'anna@kunde.example',
      domain: 'kunde.example',
      version: 0,
      lastBounceId: null,
      suppressionDetail: null,
      state: decide(null, reply, DEFAULT_RULE_CONFIG).next,
    };
    state = locked.state;
    const failure = soft({ occurredAt: at('2027-01-04T10:00:00Z') });
    const decision = decide(state, failure, DEFAULT_RULE_CONFIG);
    outcomes.push({
      pending: { address: locked.address, event: failure, send: null, bounce: null, actor: 'rules', sendUpdate: null },
      before: state,
      decision,
      config: DEFAULT_RULE_CONFIG,
    });
    const plan = planOutcomes(new Map([[locked.address, locked]]), outcomes);
    expect(plan.audits).toHaveLength(1);
    expect(plan.audits[0]).toMatchObject({ rule: 'absence-window', action: 'record' });
    expect(plan.audits[0]!.reason).toMatch(/inside absence window/);
    const events = plan.events.filter((e) => e.type === 'address.failure_during_absence');
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      absence: { from: '2027-01-02T09:00:00.000Z', until: '2027-01-13T12:00:00.000Z' },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { cleanAddressState } from './address-state.js';
import { DEFAULT_RULE_CONFIG } from './config.js';
import { nextSoftFailureBlocks } from './next-soft-failure.js';

const now = new Date('2027-01-05T10:00:00Z');
const fourFailures = {
  ...cleanAddressState(),
  consecutiveSoftFailures: 4,
  firstSoftFailureAt: new Date('2027-01-01T10:00:00Z'),
  lastSoftFailureAt: new Date('2027-01-04T10:00:00Z'),
};

describe('nextSoftFailureBlocks', () => {
  it('is the threshold rule: the fifth failure blocks under the defaults, not under notify-only', () => {
    expect(nextSoftFailureBlocks(fourFailures, DEFAULT_RULE_CONFIG, now)).toBe(true);
    expect(nextSoftFailureBlocks({ ...fourFailures, consecutiveSoftFailures: 3 }, DEFAULT_RULE_CONFIG, now)).toBe(
      false,
    );
    expect(
      nextSoftFailureBlocks(fourFailures, { ...DEFAULT_RULE_CONFIG, softThresholdAction: 'notify-only' }, now),
    ).toBe(false);
  });

  it('does not block an address inside its absence window, and does again once the window is over', () => {
    const away = {
      ...fourFailures,
      absentFrom: new Date('2027-01-02T00:00:00Z'),
      absentUntil: new Date('2027-01-13T12:00:00Z'),
    };
    expect(nextSoftFailureBlocks(away, DEFAULT_RULE_CONFIG, now)).toBe(false);
    expect(nextSoftFailureBlocks(away, DEFAULT_RULE_CONFIG, new Date('2027-01-13T12:00:00Z'))).toBe(true);
  });

  it('an already blocked address is not blocked again', () => {
    const blocked = { ...fourFailures, state: 'blocked' as const, suppressionReason: 'escalation' as const };
    expect(nextSoftFailureBlocks(blocked, DEFAULT_RULE_CONFIG, now)).toBe(false);
  });
});

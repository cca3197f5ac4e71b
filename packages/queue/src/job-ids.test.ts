import { describe, expect, it } from 'vitest';
import { stableJobId } from './job-ids.js';

describe('stableJobId', () => {
  it('is deterministic, order-sensitive and valid for BullMQ (no colon, not an integer)', () => {
    const a = stableJobId('apply', ['b', 'a']);
    expect(stableJobId('apply', ['b', 'a'])).toBe(a);
    expect(stableJobId('apply', ['a', 'b'])).not.toBe(a);
    // Parts are delimited: ["ab"] and ["a", "b"] must not collide.
    expect(stableJobId('apply', ['ab'])).not.toBe(stableJobId('apply', ['a', 'b']));
    expect(a).toMatch(/^apply-[0-9a-f]{40}$/);
  });
});

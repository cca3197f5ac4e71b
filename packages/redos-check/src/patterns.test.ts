import { describe, expect, it } from 'vitest';
import { dynamic, found } from './patterns.js';

describe('the ReDoS check covers the sources', () => {
  it('finds the patterns to check, and every RegExp built at run time has a static pattern', () => {
    expect(found.length).toBeGreaterThan(200);
    expect(dynamic).toEqual([]);
  });
});

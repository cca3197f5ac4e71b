import { describe, expect, it } from 'vitest';
import { findAddresses, joinSplitAddresses, normaliseAddress } from './address.js';

describe('addresses', () => {
  it('strips brackets, prefixes and trailing dots and lower-cases only the domain', () => {
    expect(normaliseAddress('<User.Name@Example.COM>')).toBe('User.Name@example.com');
    expect(normaliseAddress('rfc822; "a+b@example.org".')).toBe('a+b@example.org');
  });

  it('finds every address in order', () => {
    expect(findAddresses('to <a@x.example>, b@y.example; not@an')).toEqual(['a@x.example', 'b@y.example']);
  });

  it("drops the opening quote of a quoted address (MMDF writes 'user@host (host: ...)')", () => {
    expect(normaliseAddress("'lwilson@math.example.edu")).toBe('lwilson@math.example.edu');
    expect(findAddresses("to 'a@example.edu (host: example.edu)' for")).toEqual(['a@example.edu']);
  });

  it('joins an address a notice wrapped after its "@" or after a dot of its domain', () => {
    expect(
      findAddresses(joinSplitAddresses('recipient: <maria.long-surname@\n   sales.example-group.com.br>')),
    ).toEqual(['maria.long-surname@sales.example-group.com.br']);
    expect(findAddresses(joinSplitAddresses('  team-lead.north@department.\n  example-state.gov\n'))).toEqual([
      'team-lead.north@department.example-state.gov',
    ]);
    // A sentence ending in an address is followed by words, not by a bare domain: left as it is.
    const prose = 'write to info@example.org.\nexample.net hosts the archive now.';
    expect(joinSplitAddresses(prose)).toBe(prose);
    expect(joinSplitAddresses('no address here')).toBe('no address here');
  });
});

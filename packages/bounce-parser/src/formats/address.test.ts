import { describe, expect, it } from 'vitest';
import { findAddresses, normaliseAddress } from './address.js';

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
});

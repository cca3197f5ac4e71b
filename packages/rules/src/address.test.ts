import { describe, expect, it } from 'vitest';
import { domainOf, normalizeAddress, normalizeDomain } from './address.js';

describe('normalizeAddress', () => {
  it.each([
    ['jane@example.net', 'jane@example.net'],
    ['  Jane.Doe@Example.NET  ', 'jane.doe@example.net'],
    ['<John@Example.com>', 'john@example.com'],
    ['"John Doe" <John@Example.com>', 'john@example.com'],
    ['rfc822; Bob@Example.org', 'bob@example.org'],
    ['mailto:Bob@Example.org', 'bob@example.org'],
    ['user@example.com.', 'user@example.com'],
    ['jane+news@example.net', 'jane+news@example.net'],
    ['"odd@local"@example.net', '"odd@local"@example.net'],
    ['root@localhost', 'root@localhost'],
    ['user@[192.0.2.1]', 'user@[192.0.2.1]'],
    ['jörg@bücher.example', 'jörg@xn--bcher-kva.example'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'no-at-sign',
    '@example.net',
    'jane@',
    '<>',
    'ja ne@example.net',
    `${'a'.repeat(65)}@example.net`,
  ])('rejects %j', (raw) => {
    expect(normalizeAddress(raw)).toBeNull();
  });
});

describe('normalizeDomain / domainOf', () => {
  it.each([
    ['Example.NET.', 'example.net'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['', null],
  ])('normalizeDomain(%j) → %j', (raw, expected) => {
    expect(normalizeDomain(raw)).toBe(expected);
  });

  it.each([
    ['Jane@Mail.Example.NET', 'mail.example.net'],
    ['<a@b.example>', 'b.example'],
    ['nobody', null],
  ])('domainOf(%j) → %j', (raw, expected) => {
    expect(domainOf(raw)).toBe(expected);
  });
});

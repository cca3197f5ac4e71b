import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LOCAL_PART_OCTETS, makeReturnPath, makeVerpToken, parseReturnPath, verifyReturnPath } from './verp.js';

const SECRET = 'verp-secret-2025-rotation-a';
const OLD_SECRET = 'verp-secret-2024-rotation-z';
const SEND_ID = '0b6e2c1a-3f4d-4e5f-9a8b-7c6d5e4f3a2b';
const base = { localPart: 'bounces', domain: 'mail.example.com', secret: SECRET };

describe('makeReturnPath / verifyReturnPath', () => {
  it('round-trips a UUID send id within the RFC 5321 local-part limit', () => {
    const address = makeReturnPath({ ...base, sendId: SEND_ID });
    expect(address).toMatch(/^bounces\+u[a-z2-7]{26}-[a-z2-7]{16}@mail\.example\.com$/);
    const local = address.slice(0, address.indexOf('@'));
    expect(local.length).toBe(52);
    expect(local.length).toBeLessThanOrEqual(MAX_LOCAL_PART_OCTETS);
    expect(verifyReturnPath(address, [SECRET])).toEqual({ sendId: SEND_ID, secretIndex: 0 });
  });

  it.each([
    ['numeric id', '1234567890123'],
    ['zero', '0'],
    ['short text id', 'inv-2025-001'],
    ['text id with upper case (kept exactly)', 'Send-42'],
    ['non-ASCII id', 'rêve-1'],
  ])('round-trips a %s', (_name, sendId) => {
    const address = makeReturnPath({ ...base, sendId });
    expect(verifyReturnPath(address, [SECRET])).toEqual({ sendId, secretIndex: 0 });
  });

  it('signs upper-case UUIDs in their lower-case form', () => {
    const address = makeReturnPath({ ...base, sendId: SEND_ID.toUpperCase() });
    expect(address).toBe(makeReturnPath({ ...base, sendId: SEND_ID }));
    expect(verifyReturnPath(address, [SECRET])?.sendId).toBe(SEND_ID);
  });

  it.each([
    ['upper-cased by an MTA', (a: string) => a.toUpperCase()],
    ['in angle brackets with spaces', (a: string) => ` <${a}> `],
    ['as a Return-Path with mixed case domain', (a: string) => a.replace('mail.example.com', 'Mail.Example.COM')],
    ['as a local part alone', (a: string) => a.slice(0, a.indexOf('@'))],
  ])('verifies a return path %s', (_name, mangle) => {
    const address = makeReturnPath({ ...base, sendId: SEND_ID });
    expect(verifyReturnPath(mangle(address), [SECRET])?.sendId).toBe(SEND_ID);
  });

  it('accepts any of several secrets (rotation) and reports which one', () => {
    const oldAddress = makeReturnPath({ ...base, sendId: SEND_ID, secret: OLD_SECRET });
    expect(verifyReturnPath(oldAddress, [SECRET, OLD_SECRET])).toEqual({ sendId: SEND_ID, secretIndex: 1 });
    // Once the old secret is retired its tokens no longer verify.
    expect(verifyReturnPath(oldAddress, [SECRET])).toBeNull();
    expect(verifyReturnPath(oldAddress, [])).toBeNull();
    expect(verifyReturnPath(oldAddress, ['', SECRET])).toBeNull();
  });

  it('rejects a forged token (made with another secret)', () => {
    const forged = makeReturnPath({ ...base, sendId: SEND_ID, secret: 'attacker-guessed-secret' });
    expect(verifyReturnPath(forged, [SECRET, OLD_SECRET])).toBeNull();
  });

  it('rejects a valid MAC moved onto another send id', () => {
    const a = makeVerpToken(SEND_ID, SECRET);
    const b = makeVerpToken(randomUUID(), SECRET);
    const spliced = `${b.slice(0, b.indexOf('-'))}${a.slice(a.indexOf('-'))}`;
    expect(verifyReturnPath(`bounces+${spliced}@mail.example.com`, [SECRET])).toBeNull();
  });

  const token = makeVerpToken(SEND_ID, SECRET);
  const flip = (text: string, i: number) => text.slice(0, i) + (text[i] === 'a' ? 'b' : 'a') + text.slice(i + 1);
  it.each([
    ['one character of the MAC changed', flip(token, token.length - 1)],
    ['one character of the payload changed', flip(token, 5)],
    ['the kind changed', `n${token.slice(1)}`],
    ['MAC truncated', token.slice(0, -1)],
    ['extra character appended', `${token}a`],
    ['separator removed', token.replace('-', '')],
    ['characters outside base32', token.replace(/[a-z]/, '1')],
    ['empty token', ''],
  ])('rejects a mangled token: %s', (_name, mangled) => {
    expect(verifyReturnPath(`bounces+${mangled}@mail.example.com`, [SECRET])).toBeNull();
  });

  it.each([
    'bounces@mail.example.com',
    'jane@example.net',
    '',
    'bounces+@mail.example.com',
    `bounces+${'a'.repeat(80)}-aaaaaaaaaaaaaaaa@mail.example.com`,
  ])('returns null for %j', (address) => {
    expect(verifyReturnPath(address, [SECRET])).toBeNull();
  });

  it.each([
    ['a short secret', { ...base, sendId: SEND_ID, secret: 'short' }, /at least 16 characters/],
    ['an empty send id', { ...base, sendId: '' }, /sendId must not be empty/],
    ['a local part with "+"', { ...base, localPart: 'b+x', sendId: SEND_ID }, /invalid local part/],
    ['a local part with a space', { ...base, localPart: 'b x', sendId: SEND_ID }, /invalid local part/],
    ['an invalid domain', { ...base, domain: 'mail..example.com', sendId: SEND_ID }, /invalid domain/],
    ['a send id too long for 64 octets', { ...base, sendId: 'x'.repeat(40) }, /over the 64 of RFC 5321/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => makeReturnPath(input)).toThrow(message);
    expect(() => makeReturnPath(input)).toThrow(expect.objectContaining({ code: 'invalid-verp-input' }));
  });

  it('is deterministic: the same send and secret give the same address', () => {
    expect(makeReturnPath({ ...base, sendId: SEND_ID })).toBe(makeReturnPath({ ...base, sendId: SEND_ID }));
  });

  it('property: every UUID round-trips, any single-character change is rejected', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.nat(),
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz234567-'),
        (sendId, at, replacement) => {
          const address = makeReturnPath({ ...base, sendId });
          expect(verifyReturnPath(address, [SECRET])?.sendId).toBe(sendId.toLowerCase());
          const tokenStart = address.indexOf('+') + 1;
          const i = tokenStart + (at % (address.indexOf('@') - tokenStart));
          fc.pre(address[i] !== replacement);
          const mutated = address.slice(0, i) + replacement + address.slice(i + 1);
          expect(verifyReturnPath(mutated, [SECRET])).toBeNull();
        },
      ),
    );
  });
});

describe('parseReturnPath', () => {
  const token = makeVerpToken(SEND_ID, SECRET);

  it('is valid with the send id and the matching secret index', () => {
    const address = makeReturnPath({ ...base, sendId: SEND_ID, secret: OLD_SECRET });
    expect(parseReturnPath(address, [SECRET, OLD_SECRET])).toEqual({
      status: 'valid',
      sendId: SEND_ID,
      secretIndex: 1,
    });
    expect(parseReturnPath(`<${address.toUpperCase()}>`, [OLD_SECRET])).toMatchObject({ status: 'valid' });
  });

  it.each([
    ['no plus at all', 'bounces@mail.example.com'],
    ['an ordinary plus-tag', 'jane+newsletter@example.net'],
    ['an empty tag', 'bounces+@mail.example.com'],
    ['a tag with characters outside base32', `bounces+${token.replace(/[a-z]/, '1')}@mail.example.com`],
    ['a tag without separator', `bounces+${token.replace('-', '')}@mail.example.com`],
    ['a truncated MAC', `bounces+${token.slice(0, -1)}@mail.example.com`],
    ['the empty string', ''],
  ])('is absent for %s', (_name, address) => {
    expect(parseReturnPath(address, [SECRET])).toEqual({ status: 'absent' });
  });

  it.each([
    [
      'a token signed with another secret',
      makeReturnPath({ ...base, sendId: SEND_ID, secret: 'attacker-guess-0123456789' }),
    ],
    ['a token whose MAC lost one character', `bounces+${token.slice(0, -1)}a@mail.example.com`],
    [
      'a UUID token with a payload of the wrong length',
      `bounces+u${'a'.repeat(20)}-${token.slice(-16)}@mail.example.com`,
    ],
    ['a token too long for a local part', `bounces+u${'a'.repeat(60)}-${token.slice(-16)}@mail.example.com`],
    ['a local part alone with a forged MAC', `bounces+${token.slice(0, -16)}${'a'.repeat(16)}`],
  ])('is invalid for %s', (_name, address) => {
    expect(parseReturnPath(address, [SECRET])).toEqual({ status: 'invalid' });
    expect(verifyReturnPath(address, [SECRET])).toBeNull();
  });

  it('is invalid, not absent, for a real token when no secret verifies it (retired or missing)', () => {
    const address = makeReturnPath({ ...base, sendId: SEND_ID });
    expect(parseReturnPath(address, [])).toEqual({ status: 'invalid' });
    expect(parseReturnPath(address, [OLD_SECRET])).toEqual({ status: 'invalid' });
  });

  it('property: verifyReturnPath is exactly the valid case of parseReturnPath', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.nat(), fc.constantFrom(...'abcz27-+@'), (sendId, at, replacement) => {
        const address = makeReturnPath({ ...base, sendId });
        const i = at % address.length;
        const mutated = address.slice(0, i) + replacement + address.slice(i + 1);
        const verdict = parseReturnPath(mutated, [SECRET]);
        const verified = verifyReturnPath(mutated, [SECRET]);
        expect(verified).toEqual(
          verdict.status === 'valid' ? { sendId: verdict.sendId, secretIndex: verdict.secretIndex } : null,
        );
      }),
    );
  });
});

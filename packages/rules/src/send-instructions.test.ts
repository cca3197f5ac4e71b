import { describe, expect, it } from 'vitest';
import { RulesError } from './errors.js';
import { sendInstructions, verpSigningOf } from './send-instructions.js';
import { verifyReturnPath } from './verp.js';

const SECRET = 'instructions-secret-0123456789';
const SEND_ID = '6F1D2C3B-4A5E-4F60-8172-93A4B5C6D7E8';

describe('sendInstructions', () => {
  it('hands out a return path that verifies to the send, and the send id header', () => {
    const verp = verpSigningOf({
      secrets: [SECRET, 'older-secret-0123456789'],
      domain: 'b.example.net',
      localPart: 'rp',
    });
    const out = sendInstructions(SEND_ID, { verp });
    expect(out.returnPath).toMatch(/^rp\+u[a-z2-7]+-[a-z2-7]{16}@b\.example\.net$/);
    expect(verifyReturnPath(out.returnPath ?? '', [SECRET])).toEqual({ sendId: SEND_ID.toLowerCase(), secretIndex: 0 });
    expect(out.headers).toEqual({ 'X-Send-Id': SEND_ID.toLowerCase() });
  });

  it('without VERP signing: no return path, still the header (under a configured name)', () => {
    const out = sendInstructions(SEND_ID, {
      verp: verpSigningOf({ secrets: [], localPart: 'bounces' }),
      sendIdHeader: 'X-Mail-Ref',
    });
    expect(out).toEqual({ returnPath: null, headers: { 'X-Mail-Ref': SEND_ID.toLowerCase() } });
  });
});

describe('verpSigningOf', () => {
  it('refuses settings that cannot sign: no domain, a short secret, an unusable local part', () => {
    expect(() => verpSigningOf({ secrets: [SECRET], localPart: 'bounces' })).toThrow(/VERP_DOMAIN is required/);
    expect(() => verpSigningOf({ secrets: ['short'], domain: 'x.example', localPart: 'bounces' })).toThrow(RulesError);
    expect(() => verpSigningOf({ secrets: [SECRET], domain: 'x.example', localPart: 'a+b' })).toThrow(/local part/);
    expect(() => verpSigningOf({ secrets: [SECRET], domain: 'x.example', localPart: 'x'.repeat(20) })).toThrow(
      /octets/,
    );
  });
});

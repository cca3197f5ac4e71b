import { describe, expect, it } from 'vitest';
import { parseDkimSignature, parseReceived, parseTagList } from './headers.js';

describe('parseReceived', () => {
  it('reads client name, IP and receiving host', () => {
    expect(
      parseReceived(
        'from mail.good.test (mail.good.test [203.0.113.5]) by mx.example.net (Postfix) with ESMTPS id 1; Mon, 30 Nov 2026',
      ),
    ).toEqual({ fromName: 'mail.good.test', fromIp: '203.0.113.5', byHost: 'mx.example.net' });
  });

  it('reads IPv6 literals and bare IP HELO names', () => {
    expect(parseReceived('from [IPv6:2001:db8::25] (unknown) by mx.example.net').fromIp).toBe('2001:db8::25');
    expect(parseReceived('from [203.0.113.5] by mx.example.net').fromIp).toBe('203.0.113.5');
  });

  it('copes with headers without a from clause', () => {
    expect(parseReceived('by mx.example.net with LMTP')).toEqual({
      fromName: null,
      fromIp: null,
      byHost: 'mx.example.net',
    });
  });
});

describe('DKIM-Signature', () => {
  it('reads d=, s= and a= across folded whitespace', () => {
    expect(
      parseDkimSignature('v=1; a=rsa-sha256; c=relaxed/relaxed; d=Good.Test; s=s2048;\t h=from:to; bh=x; b=y'),
    ).toEqual({
      domain: 'good.test',
      selector: 's2048',
      algorithm: 'rsa-sha256',
    });
  });

  it('refuses signatures without a usable domain or selector', () => {
    expect(parseDkimSignature('v=1; a=rsa-sha256; s=s1; b=y')).toBeNull();
    expect(parseDkimSignature('v=1; d=good.test; s=../etc; b=y')).toBeNull();
  });

  it('keeps the first of repeated tags', () => {
    expect(parseTagList('d=a.test; d=b.test').get('d')).toBe('a.test');
  });
});

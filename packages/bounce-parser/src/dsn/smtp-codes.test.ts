import { describe, expect, it } from 'vitest';
import { findAllStatuses, findReplyCode, findStatus, isGenericStatus, normaliseStatus } from './smtp-codes.js';

describe('enhanced status codes (RFC 3463)', () => {
  it('finds codes with multi-digit subjects and details, not IP addresses or versions', () => {
    expect(findStatus('550 5.7.509 Access denied')).toBe('5.7.509');
    expect(findStatus('host 192.0.2.153 said: 550 5.1.1 unknown')).toBe('5.1.1');
    expect(findStatus('Exim 4.69 at 10.5.1.1')).toBeNull();
    expect(findStatus('(#5.4.4)')).toBe('5.4.4');
    expect(findAllStatuses('550-5.7.26 a 550 5.7.26 b')).toEqual(['5.7.26', '5.7.26']);
  });

  it('normalises Status field values', () => {
    expect(normaliseStatus('4.4.0 (other or undefined network or routing status)')).toBe('4.4.0');
    expect(normaliseStatus('5.01.001')).toBe('5.1.1');
    expect(normaliseStatus('failed')).toBeNull();
    expect(isGenericStatus('5.0.0')).toBe(true);
    expect(isGenericStatus('5.1.0')).toBe(false);
  });
});

describe('SMTP reply codes (RFC 5321)', () => {
  it('takes the first 4xx/5xx code, skipping numbers inside addresses, sizes and greetings', () => {
    expect(findReplyCode('host mx [203.0.113.2]: 550 5.1.1 unknown')).toBe(550);
    expect(findReplyCode('after MAIL FROM:<a@b> SIZE=222: host x: 550 denied')).toBe(550);
    expect(findReplyCode('220-laposte 421 4.2.1 Service refuse')).toBe(421);
    expect(findReplyCode('250 2.1.5 Ok')).toBe(250);
    expect(findReplyCode('Mailbox full')).toBeNull();
  });
});

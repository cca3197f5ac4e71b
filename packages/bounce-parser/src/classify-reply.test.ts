import { describe, expect, it } from 'vitest';
import { classifyReply } from './classify-reply.js';

describe('classifyReply', () => {
  it('classifies a synchronous SMTP rejection like a bounce', () => {
    expect(classifyReply('550 5.1.1 <x@example.com> User unknown')).toEqual({
      reason: 'userunknown',
      class: 'hard',
      status: '5.1.1',
      replyCode: 550,
    });
    expect(classifyReply('452 4.2.2 Mailbox full')).toMatchObject({
      reason: 'mailboxfull',
      class: 'soft',
      replyCode: 452,
    });
  });

  it('lets the caller supply the status and reply code separately', () => {
    expect(classifyReply('Recipient address rejected', '5.1.1', 550)).toMatchObject({
      reason: 'userunknown',
      status: '5.1.1',
      replyCode: 550,
    });
  });

  it('returns undefined for text that says nothing', () => {
    expect(classifyReply('')).toMatchObject({ reason: 'undefined', class: 'unknown' });
  });
});

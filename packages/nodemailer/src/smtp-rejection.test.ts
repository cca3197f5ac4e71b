import { describe, expect, it } from 'vitest';
import { smtpRejectionOf } from './smtp-rejection.js';

describe('smtpRejectionOf', () => {
  it('takes the reply code, the enhanced status and the text of an envelope or message rejection', () => {
    const err = Object.assign(new Error("Can't send mail"), {
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 5.1.1 <u@remote.test>: Recipient address rejected: unknown',
    });
    expect(smtpRejectionOf(err)).toEqual({
      replyCode: 550,
      enhancedStatus: '5.1.1',
      text: '550 5.1.1 <u@remote.test>: Recipient address rejected: unknown',
    });
    expect(smtpRejectionOf({ code: 'EMESSAGE', responseCode: 452, response: '452 Too many recipients' })).toEqual({
      replyCode: 452,
      text: '452 Too many recipients',
    });
  });

  it('is null for failures that say nothing about the recipient', () => {
    expect(smtpRejectionOf({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 auth failed' })).toBeNull();
    expect(smtpRejectionOf({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' })).toBeNull();
    expect(smtpRejectionOf({ responseCode: 250 })).toBeNull();
    expect(smtpRejectionOf('boom')).toBeNull();
  });
});

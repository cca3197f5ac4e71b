import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.js';

describe('attachment Content-Disposition', () => {
  it('keeps a plain ASCII name as filename only', () => {
    expect(attachmentDisposition('report.txt')).toBe('attachment; filename="report.txt"');
  });

  it('adds filename* (RFC 8187) for a non-ASCII name, with an ASCII fallback', () => {
    const header = attachmentDisposition('Rückläufer – 請求書.pdf');
    expect(header).toBe(
      `attachment; filename="R_ckl_ufer _ ___.pdf"; filename*=UTF-8''${encodeURIComponent('Rückläufer – 請求書.pdf')}`,
    );
    expect(/^[\x20-\x7e]*$/.test(header)).toBe(true);
  });

  it('neutralises quotes, backslashes, control characters and lone surrogates', () => {
    const header = attachmentDisposition('a"b\\c\r\nd\u0000e\ud800(1)*.txt');
    expect(/^[\x20-\x7e]*$/.test(header)).toBe(true);
    expect(header).toContain('filename="a_b_c__d_e_(1)*.txt"');
    expect(header).toContain("filename*=UTF-8''a%22b%5Cc%0D%0Ad%00e%EF%BF%BD%281%29%2A.txt");
  });
});

import { describe, expect, it } from 'vitest';
import { header, parseContentType, parseHeaderBlock } from './headers.js';

describe('parseHeaderBlock', () => {
  it('unfolds continuation lines and keeps repeated fields in order', () => {
    const text = 'Received: from a\n\tby b\nReceived: from c\nSubject: hello\n  world\n\nbody';
    const { headers, bodyStart } = parseHeaderBlock(text);
    expect(headers.get('received')).toEqual(['from a by b', 'from c']);
    expect(header(headers, 'subject')).toBe('hello world');
    expect(text.slice(bodyStart)).toBe('body');
  });

  it('skips a leading mbox "From " line and accepts "Name :" fields', () => {
    const { headers } = parseHeaderBlock('From sender@example.com Thu Apr 29 2010\nSubject : hi\n\n');
    expect(header(headers, 'subject')).toBe('hi');
  });

  it('starts the body at the first non-header line when the blank line is missing', () => {
    const text = 'From: a@example.com\nThis is not a header\nmore';
    const { headers, bodyStart } = parseHeaderBlock(text);
    expect(header(headers, 'from')).toBe('a@example.com');
    expect(text.slice(bodyStart)).toBe('This is not a header\nmore');
  });

  it('returns no fields for text that is not a header block', () => {
    expect(parseHeaderBlock('just some text\nand more').headers.size).toBe(0);
  });
});

describe('parseContentType', () => {
  it('lower-cases the type and reads quoted and bare parameters', () => {
    expect(parseContentType('Multipart/Report; report-type=delivery-status; boundary="a b;c"')).toEqual({
      type: 'multipart/report',
      params: { 'report-type': 'delivery-status', boundary: 'a b;c' },
    });
  });

  it('joins RFC 2231 continuations and defaults to text/plain', () => {
    expect(parseContentType('text/plain; boundary*0=ab; boundary*1=cd').params.boundary).toBe('abcd');
    expect(parseContentType(null).type).toBe('text/plain');
    expect(parseContentType('garbage').type).toBe('garbage');
  });
});

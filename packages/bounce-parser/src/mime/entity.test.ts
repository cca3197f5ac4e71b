import { describe, expect, it } from 'vitest';
import { entityText, leaves, parseEntity } from './entity.js';
import { loadRawMessage } from './raw-message.js';

const parse = (s: string) => {
  const { text } = loadRawMessage(s, 1 << 20);
  return { text, root: parseEntity(text) };
};

describe('parseEntity', () => {
  it('splits nested multiparts and parses embedded message headers', () => {
    const { text, root } = parse(
      [
        'Content-Type: multipart/report; report-type=delivery-status; boundary="outer"',
        '',
        '--outer',
        'Content-Type: multipart/alternative; boundary=inner',
        '',
        '--inner',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'caf=C3=A9',
        '--inner--',
        '--outer',
        'Content-Type: message/rfc822',
        '',
        'Message-ID: <orig@example.com>',
        'Subject: original',
        '',
        'original body',
        '--outer--',
      ].join('\r\n'),
    );
    const parts = leaves(root);
    expect(parts.map((p) => p.type)).toEqual(['text/plain', 'message/rfc822']);
    expect(entityText(text, parts[0]!)).toBe('café');
    expect(parts[1]?.embedded?.headers.get('message-id')).toEqual(['<orig@example.com>']);
  });

  it('recovers when the declared boundary never occurs', () => {
    const { root } = parse(
      'Content-Type: multipart/mixed; boundary="mangled"\n\n--real-boundary-1\nContent-Type: text/plain\n\nhi\n--real-boundary-1\nContent-Type: message/delivery-status\n\nAction: failed\n--real-boundary-1--\n',
    );
    expect(leaves(root).map((p) => p.type)).toEqual(['text/plain', 'message/delivery-status']);
  });

  it('reads a multipart without any boundary line as text', () => {
    const { text, root } = parse('Content-Type: multipart/mixed; boundary=x\n\njust text\n');
    expect(root.type).toBe('text/plain');
    expect(entityText(text, root)).toBe('just text\n');
  });

  it('keeps the last part when the close delimiter is missing (truncated input)', () => {
    const { root } = parse(
      'Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\nContent-Type: text/html\n\n<p>two',
    );
    expect(leaves(root).map((p) => p.type)).toEqual(['text/plain', 'text/html']);
  });

  it('caps nesting depth on hostile input', () => {
    const deep = Array.from(
      { length: 200 },
      (_, i) => `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n`,
    ).join('');
    const { root } = parse(deep);
    let depth = 0;
    for (let e = root; e.parts[0]; e = e.parts[0]) depth++;
    expect(depth).toBeLessThan(20);
  });
});

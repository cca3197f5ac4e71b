import { describe, expect, it } from 'vitest';
import { loadRawMessage } from './raw-message.js';

describe('loadRawMessage', () => {
  it('normalises CRLF and bare CR line endings to LF', () => {
    expect(loadRawMessage('a\r\nb\rc\nd', 100).text).toBe('a\nb\nc\nd');
  });

  it('caps the examined bytes and reports truncation', () => {
    const raw = loadRawMessage(new Uint8Array(5000).fill(0x41), 1000);
    expect(raw.text.length).toBe(1000);
    expect(raw.truncated).toBe(true);
    expect(raw.size).toBe(5000);
  });

  it('encodes decoded JavaScript strings to UTF-8 bytes first', () => {
    expect(loadRawMessage('é', 100).text).toBe('\xc3\xa9');
  });
});

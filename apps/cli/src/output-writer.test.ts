import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OutputWriter } from './output-writer.js';

describe('OutputWriter', () => {
  it('batches writes and flushes everything at the end', async () => {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        chunks.push(String(chunk));
        callback();
      },
    });
    const out = new OutputWriter(sink, { maxBufferChars: 10, now: () => 0 });
    await out.write('abc');
    await out.write('def');
    expect(chunks).toEqual([]);
    await out.write('ghijk'); // 11 characters buffered: flushed
    await out.write('l');
    await out.flush();
    expect(chunks).toEqual(['abcdefghijk', 'l']);
  });

  it('flushes when the last flush is old, so slow runs still stream', async () => {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        chunks.push(String(chunk));
        callback();
      },
    });
    let now = 0;
    const out = new OutputWriter(sink, { maxDelayMs: 100, now: () => now });
    await out.write('a');
    now = 150;
    await out.write('b');
    expect(chunks).toEqual(['ab']);
  });

  it('waits for drain when the reader is slow', async () => {
    const pipe = new PassThrough({ highWaterMark: 4 });
    const out = new OutputWriter(pipe, { maxBufferChars: 1 });
    let isWritten = false;
    const pending = out.write('0123456789').then(() => {
      isWritten = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(isWritten).toBe(false);
    pipe.read();
    await pending;
    expect(isWritten).toBe(true);
  });

  it('treats EPIPE as the reader having gone, and other errors as failures', async () => {
    const epipe = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const closed = new OutputWriter(epipe, { maxBufferChars: 1 });
    await closed.write('x');
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed.isClosed).toBe(true);
    expect(closed.failure).toBeNull();
    expect(closed.isDone).toBe(true);

    const full = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
      },
    });
    const failing = new OutputWriter(full, { maxBufferChars: 1 });
    await failing.write('x');
    await new Promise((resolve) => setImmediate(resolve));
    expect(failing.isClosed).toBe(false);
    expect(failing.failure?.message).toBe('no space left on device');
  });
});

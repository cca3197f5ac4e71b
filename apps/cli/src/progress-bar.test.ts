import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar.js';

function fakeTerminal(columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { columns, write: (text: string) => writes.push(text) } };
}

describe('ProgressBar', () => {
  it('stays silent for small inputs', () => {
    const { writes, stream } = fakeTerminal();
    let now = 0;
    const bar = new ProgressBar(stream, { now: () => now });
    bar.plan(150);
    for (let i = 0; i < 150; i++) {
      now += 1000;
      bar.tick();
    }
    bar.clear();
    expect(writes).toEqual([]);
  });

  it('draws a bar in place for large planned inputs, throttled, and erases it', () => {
    const { writes, stream } = fakeTerminal();
    let now = 0;
    const bar = new ProgressBar(stream, { now: () => now, intervalMs: 100 });
    bar.plan(1000);
    for (let i = 0; i < 500; i++) {
      now += 1; // 500 ms in all: five redraws at most, plus the first
      bar.tick();
    }
    expect(writes.length).toBeGreaterThanOrEqual(5);
    expect(writes.length).toBeLessThanOrEqual(6);
    expect(writes.every((w) => w.startsWith('\r\u001b[K'))).toBe(true);
    expect(bar.render(1000)).toBe('parsing [############------------] 50% 500/1,000 messages, 500/s');
    bar.clear();
    expect(writes.at(-1)).toBe('\r\u001b[K');
  });

  it('shows a count without a bar when the total is unknown (mbox) or exceeded', () => {
    const { stream } = fakeTerminal();
    const bar = new ProgressBar(stream, { now: () => 0 });
    for (let i = 0; i < 300; i++) bar.tick();
    expect(bar.render(2000)).toBe('parsing 300 messages, 150/s');
  });

  it('fits the terminal width', () => {
    const { stream } = fakeTerminal(30);
    const bar = new ProgressBar(stream, { now: () => 0 });
    bar.plan(10_000);
    bar.tick();
    expect(bar.render(1000).length).toBe(29);
  });
});

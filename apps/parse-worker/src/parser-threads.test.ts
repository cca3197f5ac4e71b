import { corpusMessages } from '@bounce/db/testing';
import { parseBounce } from '@bounce/parser';
import { afterAll, describe, expect, it } from 'vitest';
import { ParserThreads } from './parser-threads.js';

const HANG = 'X-Test-Hang: yes';
const threads = new ParserThreads({ threads: 2, budgetMs: 1_500, hangMarker: HANG });

afterAll(async () => {
  await threads.close();
});

describe('ParserThreads (per-message parse budget)', () => {
  it('parses in a thread exactly as in place', async () => {
    const [message] = corpusMessages(1);
    const result = await threads.parse(message!.content, {});
    expect(result).toEqual(JSON.parse(JSON.stringify(parseBounce(message!.content))));
  }, 60_000);

  it('a message over the budget becomes a parse failure; its thread is replaced and the next message parses', async () => {
    const [good] = corpusMessages(1);
    const hung = Buffer.from(`${HANG}\r\nSubject: never returns\r\n\r\nbody\r\n`);
    // Both threads hang at once: neither blocks the pool for good.
    const [a, b] = await Promise.all([threads.parse(hung, {}), threads.parse(hung, {})]);
    for (const result of [a, b]) {
      expect(result.kind).toBe('parse-error');
      expect(result.error?.message).toMatch(/budget of 1500 ms/);
    }
    expect(threads.overBudget).toBe(2);
    const after = await threads.parse(good!.content, {});
    expect(after.kind).toBe(parseBounce(good!.content).kind);
  }, 60_000);
});

import { corpusMessages } from '@bounce/db/testing';
import { parseBounce } from '@bounce/parser';
import { afterAll, describe, expect, it } from 'vitest';
import { ParserThreads, PIECE_SIZE } from './parser-threads.js';

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

  it('parses a batch in pieces across the threads, in input order; a hung message in it fails alone', async () => {
    const messages = corpusMessages(2 * PIECE_SIZE + 5).map((m) => m.content);
    const hung = Buffer.from(`${HANG}\r\nSubject: stuck in a batch\r\n\r\nbody\r\n`);
    // Past the first message of a piece: the messages parsed before it in the same piece are parsed again.
    const raws = [...messages.slice(0, 3), hung, ...messages.slice(3)];
    const before = threads.overBudget;
    const results = await threads.parseMany(raws, {});
    expect(threads.overBudget).toBe(before + 1);
    expect(results).toHaveLength(raws.length);
    expect(results[3]!.error?.message).toMatch(/budget of 1500 ms/);
    const expected = raws.map((raw) => JSON.parse(JSON.stringify(parseBounce(raw))));
    expect(results.filter((_, i) => i !== 3)).toEqual(expected.filter((_, i) => i !== 3));
  }, 60_000);
});

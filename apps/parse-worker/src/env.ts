import { envInt, envList, loadEnvWith } from '@bounce/config';
import { verpEnv, workerEnv } from '@bounce/runtime';
import { z } from 'zod';

/** The parser's own default cap (2 MiB): a bounce carries its verdict near the top. */
const DEFAULT_PARSE_MAX_BYTES = 2 * 1024 * 1024;

export const parseWorkerEnvSchema = z.object({
  ...workerEnv(9101),
  /** parse-messages jobs processed at once. Parsing is CPU-bound: about one per core. Default 2. */
  PARSE_CONCURRENCY: envInt(2, 1, 64),
  /** Bytes of each raw message read from the database and given to the parser. Default 2 MiB. */
  PARSE_MAX_BYTES: envInt(DEFAULT_PARSE_MAX_BYTES, 64 * 1024, 64 * 1024 * 1024),
  /**
   * Header names (comma-separated) whose values in the returned original message identify the send, e.g.
   * "X-Send-Id,X-Campaign-Id". Default: the parser's (X-Bounce-Correlation, X-Send-Id).
   */
  CORRELATION_HEADERS: envList(),
  /**
   * Secrets verifying VERP return paths, comma-separated, current first: the rules worker's. A reply or auto-reply
   * delivered to a signed return path is filed at the contact of that send. Default none (no VERP matching).
   */
  VERP_SECRETS: verpEnv.VERP_SECRETS,
  /**
   * Milliseconds one message may take to parse before its parser thread is terminated and the message goes to the
   * manual list as a parse failure (never retried); parsing then runs in PARSE_CONCURRENCY worker threads. 0 = parse
   * in the job's own thread, without a budget (not for hostile input). Default 10 s: far above any real message
   * (the slowest of 100,000 fuzzed ones took under 0.5 s of CPU), short enough that one cannot hold a worker.
   */
  PARSE_BUDGET_MS: envInt(10_000, 0, 600_000).refine(
    (v) => v === 0 || v >= 100,
    'must be 0 (no budget) or at least 100 ms',
  ),
});

export type ParseWorkerEnv = z.infer<typeof parseWorkerEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): ParseWorkerEnv {
  return loadEnvWith(parseWorkerEnvSchema, source);
}

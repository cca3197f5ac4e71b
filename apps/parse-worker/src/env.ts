import { envInt, envList, loadEnvWith } from '@bounce/config';
import { workerEnv } from '@bounce/runtime';
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
});

export type ParseWorkerEnv = z.infer<typeof parseWorkerEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): ParseWorkerEnv {
  return loadEnvWith(parseWorkerEnvSchema, source);
}

/** What the parse pool hands each parser thread (parse-worker.ts checks that it was started by the pool). */
import type { ParseSettings } from './parse-batch.js';

const MARK = 'bounce-parse-worker';

export type ParseWorkerData = { mark: typeof MARK; settings: ParseSettings };

export function parseWorkerData(settings: ParseSettings): ParseWorkerData {
  return { mark: MARK, settings };
}

export function isParseWorkerData(data: unknown): data is ParseWorkerData {
  return typeof data === 'object' && data !== null && (data as { mark?: unknown }).mark === MARK;
}

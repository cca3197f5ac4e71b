/** Body of a parser thread: parses the batches the parse executor posts (parse-executor.ts) with the run's settings. */
import { type BatchResult, createBatchParser, type ParseJob } from './parse-batch.js';
import type { ParseWorkerData } from './parse-worker-data.js';
import { serveTasks } from './worker-tasks.js';

export function serveParseBatches(data: ParseWorkerData): void {
  serveTasks<readonly ParseJob[], BatchResult>(createBatchParser(data.settings));
}

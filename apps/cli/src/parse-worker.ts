/**
 * Entry of a parser thread (bundled as dist/parse-worker.js beside dist/bounce.js): parses the batches the parse pool
 * posts (parse-executor.ts) with the run's settings. An entry of its own, so that the command's entry (main.ts) loads
 * neither worker_threads nor the parser for commands that do not parse.
 */
import { workerData } from 'node:worker_threads';
import { type BatchResult, createBatchParser, type ParseJob } from './parse-batch.js';
import { isParseWorkerData } from './parse-worker-data.js';
import { serveTasks } from './worker-tasks.js';

if (!isParseWorkerData(workerData)) throw new Error('parse-worker runs in a parse pool thread');
serveTasks<readonly ParseJob[], BatchResult>(createBatchParser(workerData.settings));

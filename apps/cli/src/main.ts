/**
 * Entry of the `bounce` command (bundled into dist/bounce.js by scripts/build.mjs; bin/bounce runs it). The same
 * file is the body of the parser threads of a large run: a worker started by the parse pool serves parse batches
 * instead of reading argv.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { isParseWorkerData } from './parse-worker-data.js';

if (!isMainThread && isParseWorkerData(workerData)) {
  const { serveParseBatches } = await import('./parse-worker.js');
  serveParseBatches(workerData);
} else {
  const { runCli } = await import('./run-cli.js');
  process.exitCode = await runCli(process.argv.slice(2), {
    stdin: () => process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}

/**
 * Body of a parser thread (see parser-threads.ts): parses one message per request. `PARSER_THREAD_TEST_HANG`
 * (tests only, set through the thread's env) makes messages starting with it never return, standing for a parser
 * bug the budget must contain.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ParseOptions } from '@bounce/parser';
import { parseSafely } from './parse-routing.js';

type Request = { id: number; raw: Uint8Array; options: ParseOptions };

const hangMarker: string | undefined = (workerData as { hangMarker?: string } | undefined)?.hangMarker;

parentPort!.on('message', ({ id, raw, options }: Request) => {
  if (hangMarker && Buffer.from(raw.subarray(0, hangMarker.length)).toString('latin1') === hangMarker) {
    for (;;) {
      // a parse that never ends: only terminating the thread stops it
    }
  }
  parentPort!.postMessage({ id, result: parseSafely(raw, options) });
});
// Loaded (parser included): from now on the budget measures parsing, not the thread's start.
parentPort!.postMessage({ ready: true });

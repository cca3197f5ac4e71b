/**
 * Body of a parser thread (see parser-threads.ts): parses a piece of messages per request and answers with all their
 * results at once, writing before each message how many it has started (the watchdog's view of its progress).
 * `hangMarker` (tests only) makes messages starting with it never return, standing for a parser bug the budget must
 * contain.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ParseOptions, ParseResult } from '@bounce/parser';
import { parseSafely } from './parse-routing.js';

type Request = { id: number; raws: Uint8Array[]; options: ParseOptions };

const { hangMarker, progress } = workerData as { hangMarker?: string; progress: Int32Array };

parentPort!.on('message', ({ id, raws, options }: Request) => {
  const results: ParseResult[] = [];
  raws.forEach((raw, i) => {
    Atomics.store(progress, 0, i + 1);
    if (hangMarker && Buffer.from(raw.subarray(0, hangMarker.length)).toString('latin1') === hangMarker) {
      for (;;) {
        // a parse that never ends: only terminating the thread stops it
      }
    }
    results.push(parseSafely(raw, options));
  });
  parentPort!.postMessage({ id, results });
});
// Loaded (parser included): from now on the budget measures parsing, not the thread's start.
parentPort!.postMessage({ ready: true });

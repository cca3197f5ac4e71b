/**
 * Worker entry when running from TypeScript sources (the tests; the bundle needs none of this): registers tsx in
 * the worker, then loads the module whose file URL is the last argument. A worker's `--import tsx` is not honoured
 * by Node.js 20, hence this file.
 */
import { register } from 'tsx/esm/api';

const entry = process.argv.at(-1);
if (!entry?.startsWith('file:')) throw new Error('ts-worker-entry.mjs needs the file URL of a TypeScript module');
register();
await import(entry);

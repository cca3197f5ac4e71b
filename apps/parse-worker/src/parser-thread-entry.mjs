/**
 * Entry of a parser thread: the worker runs from TypeScript sources (tsx), and a worker thread's `--import tsx` is
 * not honoured by Node.js 20, so tsx is registered here before the thread's module is loaded.
 */
import { register } from 'tsx/esm/api';

register();
await import('./parser-thread.ts');

/**
 * Parse worker: turns stored raw bounce messages into verdicts (parse-messages → apply-bounces).
 * Configuration: see env.ts. Needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).
 */
import { runMain } from '@bounce/runtime';
import { parseWorkerService } from './parse-worker.js';

await runMain(parseWorkerService);

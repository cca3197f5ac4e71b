/**
 * Fetch worker: reads bounce mailboxes over IMAP (schedules, IDLE, "fetch now") into raw_messages and enqueues
 * parse jobs. Configuration: see env.ts. Needs PostgreSQL (DATABASE_URL), Redis (REDIS_URL) and SECRETS_KEY.
 */
import { runMain } from '@bounce/runtime';
import { fetchWorkerService } from './fetch-worker.js';

await runMain(fetchWorkerService);

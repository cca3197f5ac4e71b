/**
 * Notification worker: fans out committed outbox events to signed webhooks and operator e-mail digests.
 * Configuration: see env.ts. Needs PostgreSQL (DATABASE_URL), Redis (REDIS_URL) and SECRETS_KEY; SMTP is optional.
 */
import { runMain } from '@bounce/runtime';
import { notifyWorkerService } from './notify-worker.js';

await runMain(notifyWorkerService());

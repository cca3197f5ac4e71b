/**
 * Rules worker: applies parsed bounces and send events through the rules, relays outbox events to notify-events,
 * and runs the maintenance tasks (reconciler, grace confirmation). Configuration: see env.ts. Needs PostgreSQL
 * (DATABASE_URL) and Redis (REDIS_URL).
 */
import { runMain } from '@bounce/runtime';
import { rulesWorkerService } from './rules-worker.js';

await runMain(rulesWorkerService);

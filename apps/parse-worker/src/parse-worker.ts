import { failRawMessages, isDatabaseUnavailable } from '@bounce/db';
import { closeWorker, createWorker } from '@bounce/queue';
import { type RunningService, type ServiceDefinition, type StartOptions, startService } from '@bounce/runtime';
import type { Worker } from 'bullmq';
import { type ParseWorkerEnv, parseWorkerEnvSchema } from './env.js';
import { createParseMessagesHandler } from './parse-messages.handler.js';
import { createParseMetrics } from './parse-metrics.js';
import { ParserThreads } from './parser-threads.js';

export type ParseWorkerProcess = RunningService<object>;

/**
 * The parse worker process: besides the shared database, Redis, apply-bounces producer and health server, the
 * parse-messages worker (started last, stopped first: it drains before the pool closes).
 */
export const parseWorkerService: ServiceDefinition<typeof parseWorkerEnvSchema, 'applyBounces', object> = {
  name: 'parse-worker',
  env: parseWorkerEnvSchema,
  redis: { roles: ['worker'] },
  queues: { keys: ['applyBounces'], role: 'worker' },
  parts: (ctx) => {
    const { env, logger } = ctx;
    let worker: Worker | undefined;
    let threads: ParserThreads | undefined;
    return [
      {
        name: 'parse-messages worker',
        start: () => {
          const db = ctx.database.db;
          threads =
            env.PARSE_BUDGET_MS > 0
              ? new ParserThreads({ threads: env.PARSE_CONCURRENCY, budgetMs: env.PARSE_BUDGET_MS })
              : undefined;
          const handler = createParseMessagesHandler({
            db,
            applyQueue: ctx.queues.applyBounces,
            parseOptions: {
              maxBytes: env.PARSE_MAX_BYTES,
              ...(env.CORRELATION_HEADERS.length > 0 ? { correlationHeaders: env.CORRELATION_HEADERS } : {}),
            },
            metrics: createParseMetrics(ctx.registry),
            verpSecrets: env.VERP_SECRETS,
            ...(threads ? { parseMany: threads.parseMany } : {}),
          });
          worker = createWorker('parseMessages', handler, {
            connection: ctx.redis('worker'),
            prefix: ctx.queuePrefix,
            concurrency: env.PARSE_CONCURRENCY,
            logger,
            metrics: ctx.queueMetrics,
            autorun: false,
            isOutage: isDatabaseUnavailable,
            // Every attempt failed (e.g. PostgreSQL down for the whole backoff): the messages go to the manual list
            // rather than waiting forever, with a processing.failed event each for an operator (same statement); if
            // even this write fails, the reconciler re-enqueues them later.
            onFinalFailure: async ({ payload, error }) => {
              if (!payload) return;
              await failRawMessages(db, payload.tenantId, payload.rawMessageIds, {
                stage: 'parse',
                error: `parse failed: ${error.message}`,
              });
            },
          });
          void worker.run().catch((err) => logger.error({ err }, 'parse worker stopped with an error'));
        },
        stop: async () => {
          if (worker) await closeWorker(worker, { drainTimeoutMs: ctx.drainTimeoutMs, logger });
          await threads?.close();
        },
      },
    ];
  },
};

export function startParseWorker(env: ParseWorkerEnv, options: StartOptions): Promise<ParseWorkerProcess> {
  return startService(parseWorkerService, env, options);
}

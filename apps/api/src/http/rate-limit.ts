/**
 * Rate limiting per API key (@fastify/rate-limit), counted in Redis when the API has one, so that several API
 * processes behind a load balancer share one budget per key; in process memory otherwise. It runs after the
 * authentication hook (route-level onRequest hooks run after instance-level ones), so the key id is known; requests
 * whose key was refused, and the public routes that are limited (documentation), count per client IP.
 */

import type { RedisConnection } from '@bounce/queue';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ApiProblem } from './problem-details.js';

export type RateLimitOptions = {
  /** Requests per window per key. */
  max: number;
  windowMs: number;
  /** Shared counters; null/undefined = in-memory. */
  redis?: RedisConnection | null;
  /** Redis key prefix (the installation's queue prefix). */
  prefix: string;
};

export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: options.max,
    timeWindow: options.windowMs,
    hook: 'onRequest',
    keyGenerator: (request) => (request.apiKey ? `key:${request.apiKey.id}` : `ip:${request.ip}`),
    ...(options.redis ? { redis: options.redis, nameSpace: `${options.prefix}:api-rate-limit:` } : {}),
    // Redis down must not take the API down with it: requests pass uncounted (and the error is logged by fastify).
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new ApiProblem('rate-limited', `rate limit of ${context.max} requests exceeded; retry in ${context.after}`, {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
}

export * from './catalog.js';
export { createRedis, type RedisRole } from './connection.js';
export { createQueue, DEFAULT_PREFIX, defaultJobOptions, enqueue, InvalidJobPayloadError, parseJob } from './jobs.js';

export {
  databaseEnv,
  healthEnv,
  logEnv,
  queueEnv,
  redisEnv,
  redisTopologyOf,
  secretsKeyEnv,
  shutdownEnv,
  verpEnv,
  workerEnv,
} from './env-fields.js';
export { createMetricsRegistry, type HealthCheck, type HealthServer, startHealthServer } from './health-server.js';
export { type ProcessOptions, type RunningProcess, runProcess, type Subsystem } from './lifecycle.js';
export {
  loadServiceEnv,
  type RunningService,
  runMain,
  type ServiceContext,
  type ServiceDefinition,
  type StartOptions,
  startService,
} from './service.js';

export { createMetricsRegistry, type HealthCheck, type HealthServer, startHealthServer } from './health-server.js';
export { type ProcessOptions, type RunningProcess, runProcess, type Subsystem } from './lifecycle.js';

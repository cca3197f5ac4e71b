export * from './catalog.js';
export {
  createRedis,
  isClusterConnection,
  queueKeyPrefix,
  type RedisConnection,
  type RedisNode,
  type RedisRole,
  type RedisTopology,
  waitForRedis,
} from './connection.js';
export { parseResultSchema, recipientResultSchema } from './contracts/parse-result.js';
export { stableJobId } from './job-ids.js';
export {
  createQueue,
  DEFAULT_PREFIX,
  defaultJobOptions,
  enqueue,
  enqueueMany,
  InvalidJobPayloadError,
  parseJob,
} from './jobs.js';
export {
  DEFAULT_MAINTENANCE_PERIODS_MS,
  type MaintenancePeriods,
  type MaintenanceTask,
  maintenanceSchedulerId,
  scheduleMaintenance,
} from './maintenance-schedule.js';
export {
  MAILBOX_SCHEDULER_PREFIX,
  mailboxSchedulerId,
  requestFetchNow,
  type SchedulableMailbox,
  type ScheduleChange,
  type ScheduleSyncResult,
  syncMailboxSchedule,
  syncMailboxSchedules,
} from './producers/fetch-mailbox.js';
export {
  requestSenderDiagnosis,
  type SenderHealthTick,
  scheduleSenderHealth,
  senderHealthSchedulerId,
} from './producers/sender-health.js';
export { DELIVERY_RECONCILE_SCHEDULER_ID, scheduleDeliveryReconcile } from './producers/webhook-reconcile.js';
export { QueueIdleTimeoutError, waitUntilIdle } from './queue-idle.js';
export { createQueueMetrics, type JobOutcome, type QueueMetrics } from './queue-metrics.js';
export { ALL_QUEUE_KEYS, closeQueues, openQueues, type QueueSet } from './queue-set.js';
export {
  type CloseWorkerOptions,
  type CreateWorkerOptions,
  closeWorker,
  createWorker,
  type FinalFailure,
  type JobContext,
  type JobHandler,
} from './worker.js';

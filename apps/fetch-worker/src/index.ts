/**
 * What other processes (the API) use of the fetch worker: the connection test, "fetch now" and schedule updates.
 * The worker itself runs from main.ts.
 */
export {
  type ConnectionTestConfig,
  type ConnectionTestOptions,
  type ConnectionTestResult,
  type ConnectionTestStep,
  type ConnectionTestStepName,
  testMailboxConnection,
} from './connection-test.js';
export { type FetchWorkerEnv, fetchWorkerEnvSchema, loadEnv } from './env.js';
export { type FetchMailboxDeps, type FetchMailboxResult, fetchMailbox } from './fetch-mailbox.js';
export { type FetchWorkerProcess, startFetchWorker } from './fetch-worker.js';
export type { MailboxConnectionConfig } from './imap-client.js';
export { classifyImapError, MailboxConnectionError } from './mailbox-errors.js';
export {
  MAILBOX_SCHEDULER_PREFIX,
  mailboxSchedulerId,
  requestFetchNow,
  type ScheduleChange,
  type ScheduleSyncResult,
  syncMailboxSchedule,
  syncMailboxSchedules,
} from './mailbox-schedules.js';

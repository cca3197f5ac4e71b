export {
  applyParsedRawMessages,
  findStuckRawMessages,
  markRawApplied,
  type ParsedRawMessage,
  type StuckRawMessage,
} from './apply-stage.js';
export { type FailedRawMessage, failRawMessages, PROCESSING_FAILED_EVENT, type ProcessingStage } from './failures.js';
export {
  listMessagesToMove,
  type MessageMove,
  type MessageToMove,
  markMessagesMoved,
  type RawMessageInput,
  type StoredRawMessage,
  sha256Hex,
  storeRawMessages,
} from './fetch-stage.js';
export {
  canMoveRawMessage,
  FINAL_RAW_STATUSES,
  type FinalRawStatus,
  PARSABLE_RAW_STATUSES,
  RAW_MESSAGE_STATUSES,
  RAW_MESSAGE_TRANSITIONS,
  type RawMessageStatus,
  rawStatusesBefore,
  UNFINISHED_RAW_STATUSES,
} from './lifecycle.js';
export { countBouncesMissingRawMessage, type MissingRawMessageWindow } from './orphans.js';
export {
  loadRawContents,
  loadRawHeads,
  type ManualMark,
  type RawMessageHead,
  recordParseOutcome,
  type SenderEvidenceMark,
} from './parse-stage.js';
export {
  ensureRetentionIndex,
  getTenantRawRetention,
  MAX_RETENTION_DAYS,
  purgeExpiredRawContent,
  type RawRetentionOptions,
  type RawRetentionResult,
  setTenantRawRetention,
} from './retention.js';

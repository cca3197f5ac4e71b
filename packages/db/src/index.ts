export type { MatchedSend, MatchMethod } from '@bounce/rules';
export {
  type AddressDetails,
  type AddressRecord,
  type AddressSearch,
  getAddress,
  searchAddresses,
  sendContextsOf,
} from './addresses/address-queries.js';
export { type AddressSnapshot, CLEAN_ADDRESS_STATE } from './addresses/address-state.js';
export {
  blockAddress,
  type ManualOpOptions,
  type ManualOpResult,
  resetAddressCount,
  unblockAddress,
} from './addresses/manual-ops.js';
export {
  API_KEY_PREFIX,
  API_KEY_SCOPES,
  type ApiKeyListing,
  type ApiKeyScope,
  createApiKey,
  ensureApiKey,
  type GeneratedApiKey,
  generateApiKey,
  hashApiKey,
  hasScope,
  listApiKeys,
  revokeApiKey,
  type VerifiedApiKey,
  verifyApiKey,
} from './api-keys.js';
export * from './archive/index.js';
export { type AuditEntry, type AuditFilter, listAuditTrail } from './audit/audit-trail.js';
export { type UndoOptions, type UndoResult, undoAuditEntry } from './audit/undo.js';
export {
  type ApplyBouncesOptions,
  type ApplyBouncesResult,
  type ApplyItemOutcome,
  type ApplyItemResult,
  applyBounces,
  type BounceItem,
} from './bounces/apply-bounces.js';
export { type AssignResult, type AssignTarget, assignBounce } from './bounces/assign-bounce.js';
export {
  type BounceFilter,
  type BounceRecord,
  getBounce,
  listBounces,
  listUnmatched,
} from './bounces/bounce-queries.js';
export {
  type AttentionCounts,
  attentionCounts,
  autoBucket,
  type BounceSeries,
  bounceTimeSeries,
  type FailureRate,
  failureRates,
  MAX_BUCKETS,
  providerOf,
  type SenderAlertEvidence,
  STAT_BUCKETS,
  type StatBucket,
  senderAlertEvidence,
} from './bounces/bounce-stats.js';
export {
  type Correlation,
  type CorrelationInput,
  type CorrelationOptions,
  correlate,
  DEFAULT_CLOCK_SKEW_MINUTES,
  DEFAULT_RECIPIENT_WINDOW_DAYS,
  normalizeMessageId,
} from './bounces/correlate.js';
export {
  getManualMessage,
  listFiledMessages,
  listManualMessages,
  MANUAL_HEAD_BYTES,
  type ManualMessage,
  type ManualMessageBounce,
  type ManualMessageWithHead,
  markMessagesNotBounce,
  type NotBounceResult,
  resolveManualMessageArchived,
  resolveManualMessageIfSettled,
  setManualMessageReason,
} from './bounces/manual-messages.js';
export { previewRuleChange, type RulePreview, type RuleSettingChange } from './bounces/rules-preview.js';
export {
  type Database,
  type DatabaseHandle,
  type DatabaseOptions,
  DEFAULT_PGLITE_DIR,
  type Executor,
  isDatabaseUnavailable,
  openDatabase,
  openMemoryDatabase,
  pingDatabase,
  type Schema,
} from './client.js';
export * from './contacts/index.js';
export * from './mailboxes/index.js';
export { MIGRATIONS_DIR, migrateDatabase, runMigrations } from './migrate.js';
export * from './notifications/index.js';
export * from './operators/index.js';
export {
  getOutboxEventAddresses,
  markOutboxEventsHandled,
  publishOutboxEvents,
  republishUnhandledOutboxEvents,
  type UnpublishedEvent,
} from './outbox/outbox-claims.js';
export { OUTBOX_EVENT_TYPES, type OutboxEventType } from './outbox/outbox-events.js';
export {
  type ConversionReport,
  convertToPartitioned,
  dropExpiredPartitions,
  ensurePartitions,
  isPartitioned,
  PARTITIONED_TABLES,
  type PartitionedTable,
} from './partitions/partitioning.js';
export * from './raw-messages/index.js';
export { getRawMessageContent, type RawMessageContent } from './raw-messages/raw-message-content.js';
export {
  deleteRuleSet,
  getRuleSetOverrides,
  listRuleSets,
  loadRuleConfig,
  loadRuleConfigResolver,
  RuleConfigResolver,
  type RuleScope,
  type StoredRuleSet,
  setRuleSetOverrides,
} from './rule-sets/rule-sets.js';
export * from './schema.js';
export * from './secrets/index.js';
export { type BounceForDiagnosis, loadBounceForDiagnosis } from './sender-health/diagnosis-input.js';
export {
  claimDueSenderHealthAlerts,
  closeSenderHealthAlert,
  expediteSenderAlertRechecks,
  getSenderHealthAlert,
  isCountMilestone,
  listSenderHealthAlerts,
  recordSenderAlertRecheck,
  recordSenderDiagnosis,
  type SenderAlertEventType,
  type SenderDiagnosisInput,
  type SenderDiagnosisOutcome,
  type SenderHealthAlert,
  type SenderHealthAlertFilter,
  senderAlertEventPayload,
} from './sender-health/health-alerts.js';
export {
  claimDueSenderSetupChecks,
  getSenderSetupCheck,
  listSenderSetupChecks,
  recordSenderSetupReport,
  type SenderSetupCheck,
  SenderSetupLimitError,
  unwatchSenderSetup,
  watchSenderSetup,
} from './sender-health/setup-checks.js';
export {
  handleSendEvent,
  MAX_SEND_EVENT_ITEMS,
  type SendEventJob,
  type SendEventJobInput,
  type SendEventResult,
  sendEventDeliverySchema,
  sendEventJobSchema,
  sendEventRejectionSchema,
  sendEventSendSchema,
} from './sends/send-events.js';
export { listSenderAlerts, resolveSenderAlert, type SenderAlert } from './sends/sender-alerts.js';
export {
  confirmDeliveriesByGrace,
  type DeliveriesResult,
  type DeliveryInput,
  type GraceOptions,
  type GraceResult,
  type RecordedSend,
  recordDeliveries,
  recordSends,
  resolveSendRefs,
  type SendInput,
  type SendRef,
} from './sends/sends.js';
export { recordSyncRejections, type SyncRejectionInput, type SyncRejectionsResult } from './sends/sync-rejections.js';
export * from './smtp-servers/index.js';
export { StoreError, type StoreErrorCode } from './sql/errors.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from './sql/paging.js';
export {
  type ClientFault,
  clientFaultOf,
  findUnstorableText,
  isStorableDate,
  isStorableText,
  MAX_STORABLE_TIME,
  MIN_STORABLE_TIME,
  storableDateRefinement,
  storableTimeSchema,
  unstorableTextReason,
} from './sql/pg-values.js';
export { chunk, queryRows } from './sql/sql-util.js';
export { type CanSendAnswer, canSend, canSendMany } from './suppressions/can-send.js';
export {
  blockDomain,
  type DomainBlock,
  type DomainOpResult,
  listDomainBlocks,
  unblockDomain,
} from './suppressions/domain-blocks.js';
export {
  importSuppressions,
  type SuppressionImportOptions,
  type SuppressionImportResult,
  type SuppressionImportRow,
} from './suppressions/suppression-import.js';
export {
  listListSuppressions,
  listSuppressedAddresses,
  type SuppressionFilter,
} from './suppressions/suppression-queries.js';
export { createTenant, getTenant, listTenants, type Tenant } from './tenants.js';

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
export {
  type Database,
  type DatabaseHandle,
  type DatabaseOptions,
  DEFAULT_PGLITE_DIR,
  type Executor,
  openDatabase,
  openMemoryDatabase,
  pingDatabase,
  type Schema,
} from './client.js';
export {
  type Correlation,
  type CorrelationInput,
  type CorrelationOptions,
  correlate,
  DEFAULT_CLOCK_SKEW_MINUTES,
  DEFAULT_RECIPIENT_WINDOW_DAYS,
  normalizeMessageId,
} from './correlate.js';
export * from './mailboxes/index.js';
export { MIGRATIONS_DIR, migrateDatabase, runMigrations } from './migrate.js';
export * from './notifications/index.js';
export * from './raw-messages/index.js';
export * from './schema.js';
export { type AddressSnapshot, CLEAN_ADDRESS_STATE } from './store/address-state.js';
export {
  type ApplyBouncesOptions,
  type ApplyBouncesResult,
  type ApplyItemOutcome,
  type ApplyItemResult,
  applyBounces,
  type BounceItem,
} from './store/apply-bounces.js';
export type { MatchedSend, MatchMethod } from './store/apply-core.js';
export { type AssignResult, type AssignTarget, assignBounce } from './store/assign-bounce.js';
export { type CanSendAnswer, canSend, canSendMany } from './store/can-send.js';
export {
  blockDomain,
  type DomainBlock,
  type DomainOpResult,
  listDomainBlocks,
  unblockDomain,
} from './store/domain-blocks.js';
export { StoreError, type StoreErrorCode } from './store/errors.js';
export {
  blockAddress,
  type ManualOpOptions,
  type ManualOpResult,
  resetAddressCount,
  unblockAddress,
} from './store/manual-ops.js';
export { OUTBOX_EVENT_TYPES, type OutboxEventType } from './store/outbox-events.js';
export {
  type AddressDetails,
  type AddressRecord,
  type AuditEntry,
  type AuditFilter,
  type BounceFilter,
  type BounceRecord,
  DEFAULT_PAGE_SIZE,
  getAddress,
  getBounce,
  getRawMessageContent,
  listAuditTrail,
  listBounces,
  listListSuppressions,
  listSenderAlerts,
  listSuppressedAddresses,
  listUnmatched,
  MAX_PAGE_SIZE,
  type Page,
  type RawMessageContent,
  resolveSenderAlert,
  type SenderAlert,
  type SuppressionFilter,
} from './store/queries.js';
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
} from './store/rule-sets.js';
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
} from './store/send-events.js';
export {
  confirmDeliveriesByGrace,
  type DeliveriesResult,
  type DeliveryInput,
  type GraceOptions,
  type GraceResult,
  type RecordedSend,
  recordDeliveries,
  recordSends,
  type SendInput,
  type SendRef,
} from './store/sends.js';
export {
  importSuppressions,
  type SuppressionImportOptions,
  type SuppressionImportResult,
  type SuppressionImportRow,
} from './store/suppression-import.js';
export { recordSyncRejections, type SyncRejectionInput, type SyncRejectionsResult } from './store/sync-rejections.js';
export { createTenant, getTenant, listTenants, type Tenant } from './store/tenants.js';
export { type UndoOptions, type UndoResult, undoAuditEntry } from './store/undo.js';

export type { NotificationPage } from './cursor.js';
export {
  claimWebhookDeliveries,
  listOverdueWebhookDeliveries,
  type OverdueDelivery,
  releaseWebhookDeliveryClaims,
} from './delivery-claims.js';
export {
  type EventRecord,
  type FanOutEvent,
  getEvent,
  getEventsByIds,
  getEventsForFanOut,
  type ListEventsFilter,
  listEvents,
} from './event-log.js';
export { loadNotificationInterest, type NotificationInterest } from './interest.js';
export {
  createOperatorSubscription,
  deleteOperatorSubscription,
  getOperatorSubscription,
  listEnabledOperatorSubscriptions,
  listOperatorSubscriptions,
  type NewOperatorSubscription,
  type OperatorSubscription,
  type OperatorSubscriptionPatch,
  updateOperatorSubscription,
} from './operator-subscriptions.js';
export {
  createWebhookDeliveries,
  createWebhookDeliveriesForEvents,
  failWebhookDelivery,
  getWebhookDelivery,
  type ListDeliveriesFilter,
  listWebhookAttempts,
  listWebhookDeliveries,
  loadDeliveriesForAttempt,
  loadDeliveryForAttempt,
  markWebhookDeliveryForResend,
  type RecordAttemptInput,
  type ResendMark,
  recordWebhookAttempt,
  recordWebhookAttempts,
  revertWebhookDeliveryResend,
  type WebhookAttempt,
  type WebhookAttemptView,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookDeliveryView,
} from './webhook-deliveries.js';
export {
  deleteWebhookSubscription,
  getWebhookSubscription,
  insertWebhookSubscription,
  listEnabledWebhookSubscriptions,
  listWebhookSubscriptions,
  type NewWebhookSubscription,
  rotateWebhookSubscriptionSecret,
  updateWebhookSubscription,
  type WebhookSubscription,
  type WebhookSubscriptionPatch,
  webhookSecretContext,
} from './webhook-subscriptions.js';

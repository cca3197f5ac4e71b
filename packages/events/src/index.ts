export {
  bounceSummarySchema,
  EVENT_REGISTRY,
  EVENT_TYPES,
  type EventPriority,
  type EventType,
  eventPriority,
  isEventType,
  parseEventPayload,
  sendSummarySchema,
} from './registry.js';
